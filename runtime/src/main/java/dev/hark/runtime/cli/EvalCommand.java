package dev.hark.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.asr.grammar.DatasetGrammarCompiler;
import dev.hark.asr.grammar.GrammarException;
import dev.hark.asr.grammar.JsgfWriter;
import dev.hark.asr.grammar.WordGraph;
import dev.hark.asr.grammar.WordGraphMinimizer;
import dev.hark.asr.lexicon.Lexicon;
import dev.hark.asr.lexicon.PronunciationVariants;
import dev.hark.audio.WavFiles;
import dev.hark.audio.WavReader;
import dev.hark.nlu.EntityResolver;
import dev.hark.nlu.Slot;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.runtime.config.ConfigException;
import dev.hark.runtime.config.ConfigLoader;
import dev.hark.runtime.config.HarkConfig;
import dev.hark.runtime.eval.AccuracyChart;
import dev.hark.runtime.eval.CommandEvaluation;
import dev.hark.runtime.eval.CommandJudge;
import dev.hark.runtime.eval.CommandLabels;
import dev.hark.runtime.eval.Condition;
import dev.hark.runtime.eval.ConditionResult;
import dev.hark.runtime.eval.Confusions;
import dev.hark.runtime.eval.Hypothesis;
import dev.hark.runtime.eval.LoopEndpointing;
import dev.hark.runtime.eval.NoiseMixer;
import dev.hark.runtime.eval.PocketsphinxReference;
import dev.hark.runtime.eval.TranscriptParser;
import dev.hark.runtime.eval.Verdict;
import dev.hark.runtime.loop.Assistant;
import dev.hark.runtime.stages.SpeechUnderstanding;
import dev.hark.runtime.stages.VadEndpointer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hark eval}: how well Hark understands an assistant on labelled recordings, clean and mixed
 * with real noise, beside pocketsphinx_batch on the same audio (DESIGN.md §5 "eval").
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Command accuracy of an assistant on labelled recordings, per condition (clean and with noise at each SNR),"
                + " with rejections, empty transcripts, the most frequent confusions, CPU time and real-time factor;"
                + " optionally beside pocketsphinx_batch on the same audio.",
                "A recording counts as understood when the intent and every slot value are exactly as labelled."})
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    AssistantOptions assistant;

    @Option(names = "--labels", required = true, paramLabel = "LABELS.json",
            description = "Labels: {\"file.wav\": {\"intent\": \"orderDrink\", \"slots\": {\"size\": \"large\"}}, ...}; \"intent\": null marks a recording that is not a command.")
    Path labels;

    @Option(names = "--noise", arity = "1..*", paramLabel = "WAV|DIR",
            description = "Real noise recordings (or folders of them) to mix in; put another option after them.")
    List<Path> noise = new ArrayList<>();

    @Option(names = "--snr", paramLabel = "LIST",
            description = "Conditions: SNRs in dB and/or 'clean', comma-separated (default with --noise: clean,24,18,12,6).")
    String snr;

    @Option(names = "--seed", description = "Seed of the noise segments (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--reference", paramLabel = "ENGINE",
            description = "Also decode with this recogniser and show it side by side: pocketsphinx (pocketsphinx_batch, same model, dictionary and grammar).")
    String reference;

    @Option(names = "--endpointer", paramLabel = "none|loop",
            description = "none (default): decode each whole recording; loop: decode only the audio the assistant loop's endpointer"
                    + " (Silero VAD, the command settings of --config) would hand the recogniser for a command that is the first"
                    + " speech heard, as the answer to a follow-up question is; a command it gives up on (no speech, too long) is"
                    + " not understood. The reference gets the same cut audio.")
    String endpointer = "none";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration whose command capture settings (command.*) and models folder --endpointer loop uses (default: the defaults).")
    Path config;

    @Option(names = "--json", description = "Print one JSON object per condition.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw accuracy per condition (Hark and the reference) into a PNG.")
    Path plot;

    @Option(names = "--log", paramLabel = "FILE.jsonl", description = "Write every recording's result in every condition, one JSON object per line.")
    Path log;

    @Parameters(arity = "1..*", paramLabel = "WAV|DIR", description = "Labelled recordings, or folders searched for *.wav.")
    List<Path> inputs;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Condition> conditions = conditions();
        if (!endpointer.equals("none") && !endpointer.equals("loop")) {
            throw new UserInputException("--endpointer: must be none or loop, got \"" + endpointer + "\"", HarkCli.EXIT_USAGE);
        }
        HarkConfig cfg = loopConfig();
        if (reference != null && !reference.equals("pocketsphinx")) {
            throw new UserInputException("--reference: unknown recogniser '" + reference + "' (known: pocketsphinx)", HarkCli.EXIT_USAGE);
        }
        CommandLabels labelled;
        try {
            labelled = CommandLabels.load(labels);
        } catch (IOException e) {
            throw new UserInputException(e.getMessage(), HarkCli.EXIT_USAGE);
        }
        List<Path> files = wavs(inputs, "recordings");
        for (Path f : files) {
            if (labelled.forFile(f.getFileName().toString()) == null) {
                throw new UserInputException(f + ": no label in " + labels, HarkCli.EXIT_USAGE);
            }
        }
        NoiseMixer mixer = null;
        if (conditions.stream().anyMatch(Condition::noisy)) {
            try {
                mixer = NoiseMixer.load(wavs(noise, "noise"));
            } catch (IOException e) {
                throw new UserInputException("--noise: " + e.getMessage());
            }
        }
        List<CommandEvaluation.Recording> recordings = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            try {
                WavReader.readPcm16k(f); // every recording readable before hours of decoding start
                recordings.add(new CommandEvaluation.Recording(name, f, labelled.forFile(name)));
            } catch (IOException e) {
                throw new UserInputException(e.getMessage().startsWith(f.toString()) ? e.getMessage() : f + ": " + e.getMessage());
            }
        }
        Dataset dataset = assistant.dataset();
        SpeechUnderstanding understanding = assistant.understanding(dataset, err);
        EntityResolver resolver = new EntityResolver(dataset, Clock.systemDefaultZone());
        CommandJudge judge = new CommandJudge(resolver);
        PocketsphinxReference ps = null;
        TranscriptParser transcripts = null;
        List<ConditionResult> results = new ArrayList<>();
        try (BufferedWriter logOut = log == null ? null : Files.newBufferedWriter(log);
             VadEndpointer vad = cfg == null ? null
                     : Assistant.endpointer(HarkConfig.path(HarkCli.root(), cfg.models.dir), cfg.command)) {
            if (reference != null) {
                WordGraph grammar = WordGraphMinimizer.minimize(DatasetGrammarCompiler.compile(dataset));
                Lexicon lexicon = referenceLexicon(grammar);
                transcripts = new TranscriptParser(grammar, resolver);
                ps = PocketsphinxReference.create(assistant.model, lexicon, JsgfWriter.write(grammar, "assistant"));
            }
            CommandEvaluation evaluation = new CommandEvaluation(understanding, judge, mixer, seed, ps, transcripts,
                    vad == null ? null : new LoopEndpointing(vad));
            Progress progress = new Progress(err, logOut);
            for (Condition c : conditions) {
                ConditionResult r = evaluation.run(c, recordings, progress);
                results.add(r);
                if (json) {
                    out.println(new ObjectMapper().writeValueAsString(r.toJson()));
                    out.flush();
                }
            }
        } catch (GrammarException e) {
            throw new UserInputException(assistant.assistant + ": " + e.getMessage());
        } finally {
            if (ps != null) ps.close();
        }
        if (!json) printTable(out, results);
        if (plot != null) {
            try {
                AccuracyChart.write(plot, results, "Commands understood: " + assistant.assistant.getFileName());
            } catch (IOException e) {
                throw new UserInputException(plot + ": " + e.getMessage());
            }
        }
        return HarkCli.EXIT_OK;
    }

    /** The configuration the loop's endpointer is built from, or null when whole recordings are decoded. */
    private HarkConfig loopConfig() {
        if (endpointer.equals("none")) {
            if (config != null) throw new UserInputException("--config: only used with --endpointer loop", HarkCli.EXIT_USAGE);
            return null;
        }
        if (config == null) return new ConfigLoader().defaults();
        try {
            return new ConfigLoader().load(config);
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage(), HarkCli.EXIT_USAGE);
        }
    }

    private List<Condition> conditions() {
        if (snr == null) return noise.isEmpty() ? List.of(Condition.CLEAN) : Condition.parseList("clean,24,18,12,6");
        List<Condition> list;
        try {
            list = Condition.parseList(snr);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--snr: " + e.getMessage(), HarkCli.EXIT_USAGE);
        }
        if (noise.isEmpty() && list.stream().anyMatch(Condition::noisy)) {
            throw new UserInputException("--snr: noisy conditions need --noise recordings", HarkCli.EXIT_USAGE);
        }
        return list;
    }

    /** The WAV files named, folders searched recursively, in a stable order. */
    private static List<Path> wavs(List<Path> paths, String what) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try {
                    List<Path> found = WavFiles.under(p);
                    if (found.isEmpty()) throw new UserInputException(p + ": no .wav files in this folder", HarkCli.EXIT_USAGE);
                    out.addAll(found);
                } catch (IOException e) {
                    throw new UserInputException(p + ": " + e.getMessage());
                }
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new UserInputException(p + ": no such file or directory", HarkCli.EXIT_USAGE);
            }
        }
        if (out.isEmpty()) throw new UserInputException("no " + what + " given", HarkCli.EXIT_USAGE);
        return out;
    }

    /**
     * The dictionary's pronunciations of the grammar's words with Hark's variants, as the recogniser
     * has them; a word only letter-to-sound or the author pronounces stops the reference.
     */
    private Lexicon referenceLexicon(WordGraph grammar) throws IOException {
        Lexicon lexicon = Lexicon.load(assistant.dictionary, grammar.vocabulary(), Map.of(), PronunciationVariants.bundled());
        if (!lexicon.missing().isEmpty()) {
            throw new UserInputException("--reference: pocketsphinx needs every word in " + assistant.dictionary
                    + "; missing: " + String.join(", ", lexicon.missing()));
        }
        return lexicon;
    }

    private static void printTable(PrintWriter out, List<ConditionResult> results) {
        boolean ref = results.stream().anyMatch(r -> r.reference() != null);
        boolean cut = results.stream().anyMatch(r -> r.endpointing() != null);
        out.printf("%-9s %6s %6s %9s %9s %6s %8s %7s", "condition", "files", "right", "accuracy", "rejected", "empty", "cpu_s", "rtf");
        if (cut) out.printf(" | %9s %8s %7s", "no_speech", "too_long", "unended");
        if (ref) out.printf(" | %12s %6s %8s %9s", "pocketsphinx", "empty", "cpu_s", "cpu ratio");
        out.println();
        for (ConditionResult r : results) {
            out.printf(Locale.ROOT, "%-9s %6d %6d %8.1f%% %9d %6d %8.2f %7.4f", r.condition().name(), r.files(), r.right(),
                    100 * r.accuracy(), r.rejected(), r.empty(), r.cpuSeconds(), r.rtf());
            if (r.endpointing() != null) {
                out.printf(Locale.ROOT, " | %9d %8d %7d", r.endpointing().noSpeech(), r.endpointing().tooLong(),
                        r.endpointing().unended());
            }
            if (r.reference() != null) {
                out.printf(Locale.ROOT, " | %11.1f%% %6d %8.2f %9.2f", 100 * r.referenceAccuracy(), r.reference().empty(),
                        r.reference().cpuSeconds(), r.cpuSeconds() / r.reference().cpuSeconds());
            }
            out.println();
        }
        for (ConditionResult r : results) {
            List<Confusions.Confusion> slots = r.confusions().topSlots(5), words = r.confusions().topWords(5);
            if (slots.isEmpty()) continue;
            out.println();
            out.println(r.condition().name() + ": most frequent confusions (said -> heard, count, examples)");
            for (Confusions.Confusion c : slots) line(out, c.what() + ": " + c.expected() + " -> " + c.heard(), c);
            for (Confusions.Confusion c : words) line(out, "word: " + c.expected() + " -> " + c.heard(), c);
        }
        out.flush();
    }

    private static void line(PrintWriter out, String what, Confusions.Confusion c) {
        out.printf("  %-48s %4d  %s%n", what, c.count(), String.join(", ", c.examples()));
    }

    /** Progress on stderr (at most every two seconds, and at the end of each condition) and the per-file log. */
    private static final class Progress implements CommandEvaluation.Listener {
        private final PrintWriter err;
        private final BufferedWriter log;
        private final ObjectMapper mapper = new ObjectMapper();
        private long last;

        Progress(PrintWriter err, BufferedWriter log) {
            this.err = err;
            this.log = log;
        }

        @Override
        public void progress(Condition condition, int done, int total, int right) {
            long now = System.nanoTime();
            if (done == total || now - last > 2_000_000_000L) {
                last = now;
                err.printf(Locale.ROOT, "hark eval: %s %d/%d recordings, %d understood (%.1f%%)%n", condition.name(), done,
                        total, right, 100.0 * right / done);
                err.flush();
            }
        }

        @Override
        public void file(CommandEvaluation.FileResult r) {
            if (log == null) return;
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("condition", r.condition().name());
            o.put("file", r.recording().path().toString());
            if (r.cut() != null) {
                Map<String, Object> cut = new LinkedHashMap<>();
                cut.put("ending", r.cut().ending().name().toLowerCase(Locale.ROOT));
                cut.put("from_s", r.cut().from() / 16000.0);
                cut.put("to_s", r.cut().to() / 16000.0);
                o.put("cut", cut);
            }
            o.put("right", r.verdict().right());
            o.put("outcome", r.verdict().outcome().name().toLowerCase(Locale.ROOT));
            o.put("transcript", r.hark().transcript());
            o.put("confidence", Math.round(r.confidence() * 1000) / 1000.0);
            o.put("intent", r.hark().intent());
            o.put("slots", slots(r.hark()));
            o.put("errors", errors(r.verdict()));
            if (r.reference() != null) {
                Map<String, Object> ref = new LinkedHashMap<>();
                ref.put("right", r.referenceVerdict().right());
                ref.put("transcript", r.reference().transcript());
                ref.put("errors", errors(r.referenceVerdict()));
                o.put("reference", ref);
            }
            try {
                log.write(mapper.writeValueAsString(o));
                log.newLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static Map<String, String> slots(Hypothesis h) {
            Map<String, String> m = new LinkedHashMap<>();
            for (Slot s : h.slots()) m.put(s.slotName(), s.rawValue());
            return m;
        }

        private static List<String> errors(Verdict v) {
            List<String> out = new ArrayList<>();
            for (Verdict.SlotError e : v.errors()) {
                out.add(e.slot() + ": " + (e.expected() == null ? Confusions.NONE : e.expected()) + " -> "
                        + (e.heard() == null ? Confusions.NONE : e.heard()));
            }
            return out;
        }
    }
}
