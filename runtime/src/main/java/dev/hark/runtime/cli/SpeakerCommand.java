package dev.hark.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.audio.AudioSource;
import dev.hark.audio.MicrophoneSource;
import dev.hark.audio.WavReader;
import dev.hark.runtime.config.ConfigLoader;
import dev.hark.runtime.config.HarkConfig;
import dev.hark.runtime.loop.Assistant;
import dev.hark.runtime.loop.CommandEndpointer;
import dev.hark.speaker.Enrollment;
import dev.hark.speaker.ProfileStore;
import dev.hark.speaker.SpeakerEmbedder;
import dev.hark.speaker.SpeakerInputException;
import dev.hark.speaker.SpeakerMatch;
import dev.hark.speaker.SpeakerIdentifier;
import dev.hark.speaker.SpeakerModelDescription;
import dev.hark.speaker.VoiceProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hark speaker}: household voice profiles. Enroll a person from a few recordings, identify
 * or verify the speaker of recordings, list and delete profiles. Profiles live in a folder (one
 * JSON file per person, written atomically); corrupt ones are reported on stderr and skipped.
 */
@Command(name = "speaker", mixinStandardHelpOptions = true,
        description = "Household voice profiles: enroll, identify, verify, list, delete; evaluate a model on labelled speech.",
        subcommands = {SpeakerCommand.Enroll.class, SpeakerCommand.Identify.class, SpeakerCommand.Verify.class,
                SpeakerCommand.ListProfiles.class, SpeakerCommand.Delete.class, SpeakerEvaluateCommand.class})
public final class SpeakerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: enroll, identify, verify, list, delete or evaluate");
    }

    /** The model options every subcommand shares: the built-in model's variant, or another model. */
    static class ModelOptions {
        @Option(names = "--variant", paramLabel = "fp32|int8", defaultValue = "fp32",
                description = "Built-in model file to run: fp32 (default) or int8.")
        String variant;

        SpeakerEmbedder.Variant variant() {
            return switch (variant.toLowerCase(Locale.ROOT)) {
                case "fp32" -> SpeakerEmbedder.Variant.FP32;
                case "int8" -> SpeakerEmbedder.Variant.INT8;
                default -> throw new UserInputException("--variant: expected fp32 or int8, got " + variant, HarkCli.EXIT_USAGE);
            };
        }

        @Option(names = "--model", paramLabel = "JSON",
                description = "Another speaker model: its JSON description (fields as in the built-in speaker-model.json), "
                        + "the ONNX files and cohort named there lying beside it. Default: the built-in model.")
        Path model;

        SpeakerEmbedder embedder() throws IOException {
            SpeakerEmbedder.Builder b = SpeakerEmbedder.builder().variant(variant());
            if (model != null) {
                SpeakerModelDescription d = SpeakerModelDescription.read(model);
                String file = variant() == SpeakerEmbedder.Variant.INT8 ? d.int8File() : d.fp32File();
                if (file == null) {
                    throw new UserInputException(model + ": describes no " + variant + " file", HarkCli.EXIT_USAGE);
                }
                Path dir = model.toAbsolutePath().getParent();
                b.model(d, dir.resolve(file));
            }
            return b.build();
        }

        SpeakerModelDescription description() throws IOException {
            return model != null ? SpeakerModelDescription.read(model) : SpeakerModelDescription.builtIn();
        }
    }

    /** The model options and the folder of voice profiles. */
    static class StoreOptions extends ModelOptions {
        @Option(names = "--store", required = true, paramLabel = "DIR", description = "Folder of voice profiles.")
        Path store;
    }

    static String name(String name) {
        try {
            VoiceProfile.checkName(name);
            return name;
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--name: " + e.getMessage(), HarkCli.EXIT_USAGE);
        }
    }

    static void reportProblems(List<ProfileStore.Problem> problems, PrintWriter err) {
        for (ProfileStore.Problem p : problems) {
            err.println("hark: warning: " + p + " (skipped)");
        }
    }

    /** Opens a capture device by (part of) its name, or the default one for null; tests give a fake line. */
    @FunctionalInterface
    interface Microphone {
        AudioSource open(String device) throws IOException;
    }

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = {"Enroll a person from recordings, or from the microphone when no file is given (it prompts "
                    + "short sentences to say).", "Short recordings count together: each needs 0.3 s of speech, all of them "
                    + "3 s; 3-5 recordings of 1-3 s are best."})
    static final class Enroll implements Callable<Integer> {
        private final Microphone microphone;

        @CommandLine.Mixin
        StoreOptions options = new StoreOptions();

        @Option(names = "--name", required = true, paramLabel = "N", description = "The person's name.")
        String name;

        @Option(names = "--device", paramLabel = "NAME",
                description = "Capture device (part of its name) when recording from the microphone; default: the system's.")
        String device;

        @Parameters(arity = "0..*", paramLabel = "WAV", description = "Enrollment recordings; none: record from the microphone.")
        List<Path> wavs = List.of();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Enroll() {
            this(MicrophoneSource::open);
        }

        Enroll(Microphone microphone) {
            this.microphone = microphone;
        }

        @Override
        public Integer call() throws IOException {
            String person = name(name);
            ProfileStore store = new ProfileStore(options.store);
            PrintWriter out = spec.commandLine().getOut();
            try (SpeakerEmbedder embedder = options.embedder()) {
                Enrollment enrollment = new Enrollment(embedder, person);
                if (wavs.isEmpty()) {
                    record(enrollment, out);
                }
                for (Path wav : wavs) {
                    try {
                        enrollment.add(wav.toString(), WavReader.readPcm16k(wav));
                    } catch (SpeakerInputException e) {
                        throw new UserInputException(e.getMessage() + "; nothing was enrolled");
                    }
                }
                VoiceProfile profile;
                try {
                    profile = enrollment.profile();
                } catch (SpeakerInputException e) {
                    throw new UserInputException(e.getMessage() + "; nothing was enrolled");
                }
                store.save(profile);
                out.printf(Locale.ROOT, "enrolled %s: %d recordings, %.1f s of speech -> %s%n",
                        person, enrollment.size(), profile.speechSeconds(), store.fileOf(person));
            }
            return HarkCli.EXIT_OK;
        }

        /** Prompted recordings from the microphone, endpointed by the loop's Silero VAD settings. */
        private void record(Enrollment enrollment, PrintWriter out) throws IOException {
            HarkConfig cfg = new ConfigLoader().defaults();
            try (AudioSource mic = microphone.open(device);
                 CommandEndpointer endpointer = Assistant.endpointer(HarkConfig.path(HarkCli.root(), cfg.models.dir),
                         cfg.command)) {
                out.printf(Locale.ROOT, "enrolling %s from %s: say each sentence when prompted, in your usual voice%n",
                        enrollment.name(), mic.name());
                new MicrophoneEnrollment(mic, endpointer, out).run(enrollment);
            }
        }
    }

    @Command(name = "identify", mixinStandardHelpOptions = true,
            description = "Say which enrolled person speaks in each recording, or unknown.")
    static final class Identify implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions options = new StoreOptions();

        @Option(names = "--json", description = "One JSON object per recording on stdout.")
        boolean json;

        @Option(names = "--threshold", paramLabel = "X", description = "Accept scores from X (default: the model's calibrated threshold).")
        Double threshold;

        @Parameters(arity = "1..*", paramLabel = "WAV", description = "Recordings to identify.")
        List<Path> wavs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return decide(spec, options, threshold, json, wavs, null);
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check whether each recording is spoken by the named person.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions options = new StoreOptions();

        @Option(names = "--name", required = true, paramLabel = "N", description = "The claimed person.")
        String name;

        @Option(names = "--json", description = "One JSON object per recording on stdout.")
        boolean json;

        @Option(names = "--threshold", paramLabel = "X", description = "Accept scores from X (default: the model's calibrated threshold).")
        Double threshold;

        @Parameters(arity = "1..*", paramLabel = "WAV", description = "Recordings to verify.")
        List<Path> wavs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return decide(spec, options, threshold, json, wavs, name(name));
        }
    }

    /** Identifies (claimed == null) or verifies each file; a bad file is reported and the rest go on, exit 1 at the end. */
    static int decide(CommandLine.Model.CommandSpec spec, StoreOptions options, Double threshold, boolean json,
                      List<Path> wavs, String claimed) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SpeakerIdentifier.Builder b = SpeakerIdentifier.builder().profiles(new ProfileStore(options.store));
        if (threshold != null) {
            try {
                b.threshold(threshold);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--threshold: " + e.getMessage(), HarkCli.EXIT_USAGE);
            }
        }
        ObjectMapper mapper = new ObjectMapper();
        int exit = HarkCli.EXIT_OK;
        try (SpeakerEmbedder embedder = options.embedder(); SpeakerIdentifier id = b.embedder(embedder).build()) {
            reportProblems(id.problems(), err);
            if (id.profiles().isEmpty()) {
                throw new UserInputException(options.store + ": no usable voice profiles; enroll someone first");
            }
            if (claimed != null && id.profiles().stream().noneMatch(p -> p.name().equals(claimed))) {
                throw new UserInputException(options.store + ": no profile named " + claimed);
            }
            for (Path wav : wavs) {
                SpeakerMatch m;
                try {
                    short[] pcm = WavReader.readPcm16k(wav);
                    m = claimed == null ? id.identify(pcm) : id.verify(claimed, pcm);
                } catch (SpeakerInputException | IOException e) {
                    err.println("hark: " + (e instanceof SpeakerInputException ? wav + ": " : "") + e.getMessage());
                    exit = HarkCli.EXIT_RUNTIME;
                    continue;
                }
                if (json) {
                    ObjectNode o = mapper.createObjectNode();
                    o.put("file", wav.toString());
                    o.put("speaker", m.speaker());
                    o.put("score", round(m.score()));
                    ObjectNode scores = o.putObject("scores");
                    for (Map.Entry<String, Double> s : m.scores().entrySet()) {
                        scores.put(s.getKey(), round(s.getValue()));
                    }
                    o.put("threshold", m.threshold());
                    out.println(mapper.writeValueAsString(o));
                } else if (m.known()) {
                    out.printf(Locale.ROOT, "%s: %s (score %.3f)%n", wav, m.speaker(), m.score());
                } else {
                    String best = m.scores().entrySet().stream().filter(e -> e.getValue() == m.score())
                            .map(Map.Entry::getKey).findFirst().orElse("?");
                    out.printf(Locale.ROOT, "%s: %s (best %s %.3f, threshold %.3f)%n", wav,
                            claimed == null ? "unknown" : "not " + claimed, best, m.score(), m.threshold());
                }
            }
        }
        out.flush();
        return exit;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the enrolled people.")
    static final class ListProfiles implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions options = new StoreOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ProfileStore store = new ProfileStore(options.store);
            SpeakerModelDescription d = options.description();
            ProfileStore.Contents c = store.load(d.profileModel(), d.embeddingDim());
            reportProblems(c.problems(), spec.commandLine().getErr());
            for (VoiceProfile p : c.profiles()) {
                spec.commandLine().getOut().printf(Locale.ROOT, "%s\t%d recordings\t%.1f s of speech%n",
                        p.name(), p.enrollments().length, p.speechSeconds());
            }
            return HarkCli.EXIT_OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a person's profile.")
    static final class Delete implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions options = new StoreOptions();

        @Option(names = "--name", required = true, paramLabel = "N", description = "The person to forget.")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!new ProfileStore(options.store).delete(name(name))) {
                throw new UserInputException(options.store + ": no profile named " + name);
            }
            spec.commandLine().getOut().println("deleted " + name);
            return HarkCli.EXIT_OK;
        }
    }
}
