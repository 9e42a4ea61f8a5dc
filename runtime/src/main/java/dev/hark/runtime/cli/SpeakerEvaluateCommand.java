package dev.hark.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.speaker.DetectionErrors;
import dev.hark.speaker.LabelledSpeech;
import dev.hark.speaker.SpeakerEmbedder;
import dev.hark.speaker.SpeakerEvaluation;
import dev.hark.speaker.VoiceProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hark speaker evaluate}: equal error rate and identification of a speaker model on a folder
 * of recordings labelled by speaker ({@code DIR/SPEAKER/*.wav}), per segment length, with the
 * threshold it is judged at and where that threshold comes from (the model's default, a calibration
 * on other labelled folders, or the command line). {@link SpeakerEvaluation} defines the protocol.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Equal error rate and identification of the speaker model on recordings labelled by speaker "
                + "(DIR/SPEAKER/*.wav), for test segments of each length.",
                "Each speaker's first recordings (file-name order) enroll them; the rest are cut into test segments. "
                        + "Speakers form households in name order; the next household's people are its unknown voices "
                        + "(or those of --unknown)."})
final class SpeakerEvaluateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    SpeakerCommand.ModelOptions options = new SpeakerCommand.ModelOptions();

    @Parameters(paramLabel = "DIR", description = "Recordings labelled by speaker: DIR/SPEAKER/*.wav.")
    Path dir;

    @Option(names = "--lengths", split = ",", paramLabel = "S", defaultValue = "1,2,3",
            description = "Test segment lengths in seconds (default 1,2,3); 0: whole recordings.")
    List<Double> lengths;

    @Option(names = "--enroll", paramLabel = "N", defaultValue = "3",
            description = "Recordings that enroll each speaker, the first in file-name order (default 3).")
    int enroll;

    @Option(names = "--enroll-seconds", paramLabel = "S", defaultValue = "0",
            description = "Cut each enrollment recording to its first S seconds (default 0: whole).")
    double enrollSeconds;

    @Option(names = "--household", paramLabel = "N", defaultValue = "4", description = "People per household (default 4).")
    int household;

    @Option(names = "--unknown", paramLabel = "DIR",
            description = "Unknown voices from this folder (DIR/SPEAKER/*.wav, every recording); all speakers of DIR then form one household.")
    Path unknown;

    @Option(names = "--calibrate", paramLabel = "DIR",
            description = "Calibrate the threshold on these folders (households of their own speakers; never the folder "
                    + "reported) instead of using the model's default: the open-set equal-error point, all lengths pooled.")
    List<Path> calibrate = List.of();

    @Option(names = "--threshold", paramLabel = "X", description = "Judge at this threshold instead of the model's default.")
    Double threshold;

    @Option(names = "--json", description = "One JSON object per line: the threshold, then one per length.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (threshold != null && !calibrate.isEmpty()) {
            throw new UserInputException("--threshold and --calibrate: give one of them", HarkCli.EXIT_USAGE);
        }
        for (double s : lengths) {
            if (!(s >= 0 && s <= 60)) {
                throw new UserInputException("--lengths: " + s + " is not between 0 and 60 seconds", HarkCli.EXIT_USAGE);
            }
        }
        if (enroll < 1 || household < 2 || enrollSeconds < 0) {
            throw new UserInputException("--enroll must be at least 1, --household at least 2, --enroll-seconds not negative",
                    HarkCli.EXIT_USAGE);
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        try (SpeakerEmbedder embedder = options.embedder()) {
            SpeakerEvaluation evaluation = new SpeakerEvaluation(embedder, household);
            LabelledSpeech strangers = unknown == null ? null : LabelledSpeech.read(unknown, 0, 0);
            String source;
            double used;
            ObjectNode head = mapper.createObjectNode();
            head.put("model", embedder.description().name()).put("variant", embedder.variant().name().toLowerCase(Locale.ROOT));
            if (!calibrate.isEmpty()) {
                List<SpeakerEvaluation.Scores> all = new ArrayList<>();
                for (Path c : calibrate) {
                    // households within each calibration folder: its own people are the unknown voices
                    all.addAll(scores(evaluation, read(c), null));
                }
                double[] cal = SpeakerEvaluation.calibrate(all);
                used = cal[1];
                source = String.format(Locale.ROOT, "calibrated on %s: open-set equal error %.2f %%", calibrate, 100 * cal[0]);
                head.put("calibration_error", cal[0]);
                head.putPOJO("calibrated_on", calibrate.stream().map(Path::toString).toList());
            } else if (threshold != null) {
                used = threshold;
                source = "given";
            } else {
                used = embedder.description().threshold();
                source = "the model's default";
            }
            head.put("threshold", used).put("threshold_source", source);
            LabelledSpeech speech = read(dir);
            List<SpeakerEvaluation.Scores> results = scores(evaluation, speech, strangers);
            if (json) {
                out.println(mapper.writeValueAsString(head));
            } else {
                out.printf(Locale.ROOT, "model %s (%s), threshold %.4f (%s)%n", embedder.description().name(),
                        embedder.variant().name().toLowerCase(Locale.ROOT), used, source);
                out.printf(Locale.ROOT, "%s: %d speakers, %s; enrollment: first %d recordings%s%n", dir, speech.speakers().size(),
                        strangers == null ? "households of " + household + ", unknown voices from the next household"
                                : "one household, unknown voices from " + unknown + " (" + strangers.speakers().size() + " speakers)",
                        enroll, enrollSeconds > 0 ? String.format(Locale.ROOT, ", each cut to %.1f s", enrollSeconds) : "");
                out.println("length  segments  EER      identified  named at threshold  unknown accepted  EER point  embedding CPU/audio");
            }
            for (SpeakerEvaluation.Scores r : results) {
                DetectionErrors v = r.verification();
                double[] eer = v.equalErrorRate();
                double[] open = r.openSet().equalErrorRate();
                if (json) {
                    ObjectNode o = mapper.createObjectNode();
                    o.put("seconds", r.seconds()).put("segments", r.segments()).put("skipped", r.skipped())
                            .put("eer", eer[0]).put("eer_threshold", eer[1])
                            .put("identified", r.identificationRate()).put("named", r.namedRate(used))
                            .put("unknown_accepted", r.unknownAcceptRate(used)).put("known_segments", r.knownBest().length)
                            .put("unknown_segments", r.unknownBest().length).put("open_set_eer", open[0])
                            .put("open_set_eer_threshold", open[1]).put("rtf_median", r.medianRtf());
                    out.println(mapper.writeValueAsString(o));
                } else {
                    out.printf(Locale.ROOT, "%-7s %8d  %5.2f %%  %7.2f %%   %8.2f %% (%d)  %8.2f %% (%d)  %8.4f   %.4f%n",
                            r.seconds() == 0 ? "whole" : String.format(Locale.ROOT, "%.1f s", r.seconds()), r.segments(),
                            100 * eer[0], 100 * r.identificationRate(), 100 * r.namedRate(used), r.knownBest().length,
                            100 * r.unknownAcceptRate(used), r.unknownBest().length, eer[1], r.medianRtf());
                }
            }
        } catch (IllegalArgumentException e) {
            // too little speech to enroll someone (SpeakerInputException), too few speakers for households
            throw new UserInputException(e.getMessage());
        }
        out.flush();
        return HarkCli.EXIT_OK;
    }

    private LabelledSpeech read(Path folder) throws IOException {
        return LabelledSpeech.read(folder, enroll, enrollSeconds);
    }

    private List<SpeakerEvaluation.Scores> scores(SpeakerEvaluation evaluation, LabelledSpeech speech, LabelledSpeech strangers)
            throws IOException {
        List<VoiceProfile> profiles = evaluation.enroll(speech);
        List<SpeakerEvaluation.Scores> out = new ArrayList<>();
        for (double s : lengths) {
            out.add(evaluation.score(speech, profiles, strangers, s));
        }
        return out;
    }
}
