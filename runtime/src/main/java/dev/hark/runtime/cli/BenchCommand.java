package dev.hark.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.asr.GrammarRecognizer;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.GrammarException;
import dev.hark.runtime.bench.BenchReport;
import dev.hark.runtime.bench.BenchWorkload;
import dev.hark.runtime.bench.ChildRun;
import dev.hark.runtime.bench.LoopMeasurements;
import dev.hark.runtime.bench.StageCosts;
import dev.hark.runtime.config.ConfigLoader;
import dev.hark.runtime.config.HarkConfig;
import dev.hark.runtime.loop.Assistant;
import dev.hark.runtime.skills.SkillCatalog;
import dev.hark.runtime.skills.SkillHost;
import dev.hark.runtime.skills.SkillLoadException;
import dev.hark.runtime.stages.AcousticModelChoice;
import dev.hark.runtime.stages.SpeechUnderstanding;
import dev.hark.speaker.Enrollment;
import dev.hark.speaker.ProfileStore;
import dev.hark.speaker.SpeakerEmbedder;
import dev.hark.speaker.SpeakerInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hark bench}: what Hark costs, on a reproducible workload (the bundled examples and flite-made
 * commands of the built-in skills). Per-stage real-time factors on one thread, end-of-speech to
 * dispatch latency and idle-listening CPU of the real loop in this process, and start-up and peak
 * resident memory of a real {@code hark run} child with the service's JVM options. Takes a few
 * minutes with the defaults.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure per-stage CPU, latency, idle CPU, start-up and memory on a reproducible workload.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the results as one JSON object on stdout.")
    boolean json;

    @Option(names = "--pi3", description = "Run the hark run child on one core (taskset -c 0) to approximate a Raspberry Pi 3.")
    boolean pi3;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "5",
            description = "Passes per stage figure, after one warm-up pass; the median is reported (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--commands", paramLabel = "N", defaultValue = "36",
            description = "At least this many wake word + command pairs through the loop for the latency (default ${DEFAULT-VALUE}).")
    int commands;

    @Option(names = "--idle-seconds", paramLabel = "S", defaultValue = "300",
            description = "Seconds of room noise the loop listens to for the idle CPU share (default ${DEFAULT-VALUE}).")
    double idleSeconds;

    @Option(names = "--examples-only", description = "Use the bundled examples only, not the flite-made commands.")
    boolean examplesOnly;

    @Option(names = "--acoustic-model", paramLabel = "sphinx|neural", defaultValue = AcousticModelChoice.DEFAULT_NAME,
            description = "Acoustic model of the recogniser measured (asr.acousticModel; default ${DEFAULT-VALUE}).")
    String acousticModel;

    @Option(names = "--jvm-options", paramLabel = "OPTS",
            description = "JVM options of the hark run child (default: the launchers' and the service's,"
                    + " scripts/service/jvm.options, or jvm.options in an installation).")
    String jvmOptions;

    @Option(names = "--listen", paramLabel = "WAV",
            description = "Also run hark run over this recording of continuous speech (scripts/make-speech-stream.sh makes"
                    + " one) and report its whole CPU time, start-up included, over the audio time, and its peak RSS.")
    Path listen;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (repetitions < 1 || commands < 1 || !(idleSeconds >= 1)) {
            throw new UserInputException("--repetitions and --commands must be at least 1, --idle-seconds at least 1",
                    HarkCli.EXIT_USAGE);
        }
        AcousticModelChoice acoustic = AcousticModelChoice.named(acousticModel);
        if (acoustic == null) {
            throw new UserInputException("--acoustic-model: must be sphinx or neural, got \"" + acousticModel + "\"",
                    HarkCli.EXIT_USAGE);
        }
        if (listen != null && !Files.isRegularFile(listen)) {
            throw new UserInputException("--listen " + listen + ": no such file", HarkCli.EXIT_USAGE);
        }
        Path root = HarkCli.root();
        PrintWriter err = spec.commandLine().getErr();
        List<String> childOptions = jvmOptions != null ? java.util.Arrays.stream(jvmOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList()
                : ChildRun.jvmOptions(jvmOptionsFile(root));
        List<String> notes = new ArrayList<>();
        BenchWorkload workload = BenchWorkload.load(root, examplesOnly ? null : root.resolve("build/bench"), notes::add);
        Path tmp = Files.createTempDirectory("hark-bench");
        try {
            HarkConfig cfg = benchConfig(tmp);
            cfg.asr.acousticModel = acoustic.configName();
            Path modelDir = HarkConfig.path(root, cfg.models.dir);
            enroll(HarkConfig.path(root, cfg.speaker.store), workload.stageRecordings());
            BenchReport report = new BenchReport(workload, repetitions, pi3, childOptions);
            progress(err, "stages");
            measureStages(report, workload, root, modelDir, tmp, acoustic);

            progress(err, "loop");
            try (Assistant assistant = Assistant.open(cfg, root, w -> notes.add(w))) {
                LoopMeasurements loop = new LoopMeasurements(assistant);
                report.latency(loop.run(workload.loopStream(commands)), workload.commandsIn(commands));
                report.idle(loop.idle(workload.room(10), workload.room(idleSeconds)), workload.roomSource());
            }

            progress(err, "hark run child");
            Path config = Files.writeString(tmp.resolve("config.json"), new ConfigLoader().toJson(cfg));
            ChildRun.Result service = ChildRun.run(root, childOptions, pi3, config, workload.examples().get(0));
            String label = jvmOptions != null ? "--jvm-options" : "service JVM options";
            report.child(label, service);
            if (!service.ok()) {
                // the figures the options leave unmeasured, with the heap bound alone dropped
                List<String> unbounded = childOptions.stream().filter(o -> !o.startsWith("-Xmx")).toList();
                report.child(label + " without -Xmx", ChildRun.run(root, unbounded, pi3, config, workload.examples().get(0)));
            }
            if (listen != null) {
                progress(err, "hark run child over " + listen);
                report.listening(listen.toString(), ChildRun.run(root, childOptions, pi3, config, listen));
            }
            notes.forEach(report::note);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().writeValueAsString(report.toJson()));
            } else {
                out.print(report.table());
            }
            out.flush();
            return HarkCli.EXIT_OK;
        } finally {
            deleteTree(tmp);
        }
    }

    private void measureStages(BenchReport report, BenchWorkload workload, Path root, Path modelDir, Path tmp,
                               AcousticModelChoice acoustic)
            throws IOException, GrammarException, SkillLoadException {
        StageCosts costs = new StageCosts(repetitions);
        short[] speech = workload.speech();
        report.stages(costs.wakeWord(modelDir, speech));
        report.stage(costs.vad(modelDir, speech));
        List<short[]> recordings = workload.stageRecordings();
        try (SkillCatalog catalog = SkillCatalog.load(null);
             SkillHost host = SkillHost.start(catalog, new SkillHost.Options(tmp.resolve("stage-state"),
                     Clock.systemDefaultZone(), Map.of(), (sound, text) -> { }));
             SpeechUnderstanding recognizer = SpeechUnderstanding.build(host.assistant(), acoustic,
                     GrammarRecognizer.Builder.DEFAULT_MODEL, GrammarRecognizer.Builder.DEFAULT_DICTIONARY, null,
                     root.resolve("models/cache"), FrontendConfig.CmnMode.LIVE, Clock.systemDefaultZone())) {
            List<String> transcripts = new ArrayList<>();
            StageCosts.Figure asr = costs.recognizer(recognizer, recordings, transcripts);
            report.stage(asr);
            try (SpeakerEmbedder embedder = SpeakerEmbedder.builder().build()) {
                report.stage(costs.speaker(embedder, recordings));
            }
            report.nlu(costs.nlu(host.assistant(), transcripts, asr.audioSeconds()));
        }
    }

    /** The options file of a checkout, else the one install-service.sh installed beside the jar. */
    private static Path jvmOptionsFile(Path root) {
        Path checkout = root.resolve("scripts/service/jvm.options");
        return Files.isRegularFile(checkout) ? checkout : root.resolve("jvm.options");
    }

    /** Defaults, with state, skills and voices in {@code tmp}, and feedback off (no sound card, no TTS process). */
    private static HarkConfig benchConfig(Path tmp) {
        HarkConfig cfg = new ConfigLoader().defaults();
        cfg.skills.folder = tmp.resolve("skills").toString();
        cfg.skills.stateFolder = tmp.resolve("state").toString();
        cfg.speaker.store = tmp.resolve("voices").toString();
        cfg.feedback.output = "none";
        cfg.feedback.tts = "none";
        return cfg;
    }

    /** One voice profile, so that the loop loads the speaker model as in a household that enrolled. */
    private static void enroll(Path store, List<short[]> recordings) throws IOException {
        try (SpeakerEmbedder embedder = SpeakerEmbedder.builder().build()) {
            Enrollment enrollment = new Enrollment(embedder, "bench");
            // at least 3 recordings, and as many more as it takes to hold enough speech
            for (int i = 0; i < recordings.size() && (i < 3 || enrollment.missingSeconds() > 0); i++) {
                try {
                    enrollment.add("recording " + i, recordings.get(i));
                } catch (SpeakerInputException tooLittleSpeech) {
                    // the others are enough
                }
            }
            new ProfileStore(store).save(enrollment.profile());
        }
    }

    private void progress(PrintWriter err, String what) {
        err.println("hark: bench: " + what + "...");
        err.flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
