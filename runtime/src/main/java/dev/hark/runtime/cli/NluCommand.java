package dev.hark.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetException;
import dev.hark.nlu.dataset.DatasetLoader;
import dev.hark.nlu.evaluation.EvaluationReport;
import dev.hark.nlu.evaluation.NluEvaluation;
import dev.hark.nlu.parser.IntentParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hark nlu train}, {@code parse} and {@code evaluate}: the text intent parser (DESIGN.md §5). */
@Command(name = "nlu", mixinStandardHelpOptions = true,
        description = "Train, run and evaluate the text intent parser.",
        subcommands = {NluCommand.Train.class, NluCommand.Parse.class, NluCommand.Evaluate.class})
public final class NluCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: train, parse or evaluate");
    }

    private static final String DATASET_HELP = "dataset file or directory (Snips NLU JSON, a Snips benchmark "
            + "per-intent file, template file); repeat to merge several into one assistant";

    /** Loads datasets merged into one, turning their faults into one usage-error line (exit 2). */
    static Dataset loadDataset(List<Path> paths) throws IOException {
        try {
            return DatasetLoader.load(paths);
        } catch (NoSuchFileException e) {
            throw new UserInputException(e.getFile() + ": no such file or directory", HarkCli.EXIT_USAGE);
        } catch (DatasetException e) {
            throw new UserInputException(e.getMessage(), HarkCli.EXIT_USAGE);
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the intent parser on a dataset (Snips NLU JSON, template file, or a directory of them) "
                    + "and write the model to a directory.")
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", required = true, paramLabel = "F", description = DATASET_HELP)
        List<Path> dataset;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "model directory to write")
        Path out;

        @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() throws IOException {
            Dataset d = loadDataset(dataset);
            long t0 = System.nanoTime();
            IntentParser parser = IntentParser.builder().dataset(d).seed(seed).build();
            double seconds = (System.nanoTime() - t0) / 1e9;
            parser.save(out);
            PrintWriter w = spec.commandLine().getOut();
            w.printf("trained %d intents in %.1f s -> %s%n", parser.intents().size(), seconds,
                    out.resolve(IntentParser.MODEL_FILE));
            w.flush();
            return HarkCli.EXIT_OK;
        }
    }

    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = "Parse sentences into intent and slots, one result line per sentence.")
    static final class Parse implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Spec
        CommandSpec spec;

        @Option(names = "--model", paramLabel = "DIR", description = "trained model directory (hark nlu train --out)")
        Path model;

        @Option(names = "--dataset", paramLabel = "F", description = "dataset to train on first (instead of --model); "
                + "repeat to merge several")
        List<Path> dataset;

        @Option(names = "--json", description = "one snips-nlu JSON object per line")
        boolean json;

        @Option(names = "--file", paramLabel = "F", description = "sentences to parse, one per line ('-' for standard input)")
        Path file;

        @Parameters(paramLabel = "TEXT", description = "sentences to parse")
        List<String> texts = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            if ((model == null) == (dataset == null)) {
                throw new UserInputException("nlu parse: give exactly one of --model DIR or --dataset F", HarkCli.EXIT_USAGE);
            }
            if (file != null && !texts.isEmpty()) {
                throw new UserInputException("nlu parse: give sentences or --file, not both", HarkCli.EXIT_USAGE);
            }
            List<String> inputs = new ArrayList<>(texts);
            if (file != null) {
                List<String> lines;
                if (file.toString().equals("-")) {
                    lines = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                            java.nio.charset.StandardCharsets.UTF_8)).lines().toList();
                } else if (!Files.isRegularFile(file)) {
                    throw new UserInputException(file + ": no such file", HarkCli.EXIT_USAGE);
                } else {
                    lines = Files.readAllLines(file);
                }
                for (String line : lines) {
                    if (!line.isBlank()) {
                        inputs.add(line.strip());
                    }
                }
            }
            if (inputs.isEmpty()) {
                throw new UserInputException("nlu parse: no sentence given (TEXT... or --file F)", HarkCli.EXIT_USAGE);
            }
            IntentParser parser = model != null ? IntentParser.load(model)
                    : IntentParser.builder().dataset(loadDataset(dataset)).build();
            PrintWriter w = spec.commandLine().getOut();
            for (String text : inputs) {
                ParseResult r = parser.parse(text);
                w.println(json ? JSON.writeValueAsString(r.toJson()) : human(r));
            }
            w.flush();
            return HarkCli.EXIT_OK;
        }

        private static String human(ParseResult r) throws IOException {
            StringBuilder sb = new StringBuilder(r.input()).append(" -> ");
            sb.append(r.intentName() == null ? "(no intent)" : r.intentName())
                    .append(String.format(" (%.2f)", r.probability()));
            for (Slot s : r.slots()) {
                sb.append(' ').append(s.slotName()).append('=').append('"').append(s.rawValue()).append('"');
                sb.append(' ').append(JSON.writeValueAsString(s.value().toJson()));
            }
            return sb.toString();
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Intent accuracy, slot precision/recall/F1 (overall and per slot), intent confusions with "
                    + "examples, training time and model size: k-fold cross-validation on a dataset, or training on it "
                    + "and parsing another's sentences. A slot counts when its slot name and exact span match; slots "
                    + "are scored on the sentences whose intent was found (snips-nlu-metrics conventions).")
    static final class Evaluate implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", required = true, paramLabel = "F", description = DATASET_HELP)
        List<Path> dataset;

        @Option(names = "--folds", paramLabel = "K", description = "cross-validation folds, stratified by intent (default 5)")
        Integer folds;

        @Option(names = "--test", paramLabel = "F", description = "labelled dataset to parse after training on --dataset "
                + "(instead of cross-validation); repeat to merge several")
        List<Path> test;

        @Option(names = "--seed", defaultValue = "42", description = "seed of the folds and of training (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--examples", defaultValue = "3", paramLabel = "N",
                description = "example sentences shown per confusion and per slot error (default ${DEFAULT-VALUE})")
        int examples;

        @Option(names = "--json", description = "one JSON object with every figure on standard output")
        boolean json;

        @Override
        public Integer call() throws IOException {
            if (folds != null && test != null) {
                throw new UserInputException("nlu evaluate: give --folds K or --test F, not both", HarkCli.EXIT_USAGE);
            }
            if (folds != null && folds < 2) {
                throw new UserInputException("nlu evaluate: --folds must be at least 2, got " + folds, HarkCli.EXIT_USAGE);
            }
            if (examples < 0) {
                throw new UserInputException("nlu evaluate: --examples must not be negative", HarkCli.EXIT_USAGE);
            }
            NluEvaluation.Builder b = NluEvaluation.builder().dataset(loadDataset(dataset)).seed(seed).examples(examples);
            if (test != null) {
                b.testSet(loadDataset(test));
            } else if (folds != null) {
                b.folds(folds);
            }
            EvaluationReport r;
            try {
                r = b.build().run();
            } catch (IllegalArgumentException e) {
                throw new UserInputException("nlu evaluate: " + e.getMessage(), HarkCli.EXIT_USAGE);
            }
            PrintWriter w = spec.commandLine().getOut();
            if (json) {
                w.println(JSON.writeValueAsString(r.toJson()));
            } else {
                printHuman(r, w);
            }
            w.flush();
            return HarkCli.EXIT_OK;
        }

        private void printHuman(EvaluationReport r, PrintWriter w) {
            EvaluationReport.SlotScore all = r.slots();
            w.printf("%s: %d sentences%n", r.mode(), r.sentences());
            w.printf("intent accuracy %.4f; exact parses %d (%.4f)%n", r.intentAccuracy(), r.exactParses(),
                    r.exactParses() / (double) Math.max(1, r.sentences()));
            w.printf("slots: precision %.4f, recall %.4f, F1 %.4f (%d gold, %d predicted, %d correct)%n",
                    all.precision(), all.recall(), all.f1(), all.gold(), all.predicted(), all.correct());
            List<Double> cpu = r.trainingCpuSeconds();
            w.printf("training: %d model(s) on %s sentences, CPU %s s, wall %s s; model %.2f MB; parse %.1f us median%n",
                    cpu.size(), r.trainingSentences(), seconds(cpu), seconds(r.trainingWallSeconds()),
                    r.modelBytes() / 1e6, r.parseMicrosMedian());
            w.println();
            w.printf("%-22s %-28s %6s %6s %6s %7s %7s %7s%n", "intent", "slot", "gold", "pred", "right", "P", "R", "F1");
            for (EvaluationReport.SlotScore s : r.perSlot()) {
                w.printf("%-22s %-28s %6d %6d %6d %7.4f %7.4f %7.4f%n", s.intent(), s.slot(), s.gold(), s.predicted(),
                        s.correct(), s.precision(), s.recall(), s.f1());
            }
            if (!r.confusions().isEmpty()) {
                w.println();
                w.println("intent confusions (expected -> parsed):");
                for (EvaluationReport.Confusion c : r.confusions()) {
                    w.printf("  %s -> %s: %d%n", c.expected(), c.predicted() == null ? "(no intent)" : c.predicted(), c.count());
                    c.examples().forEach(e -> w.println("      " + e));
                }
            }
            List<EvaluationReport.SlotScore> worst = new ArrayList<>(r.perSlot());
            worst.removeIf(s -> s.correct() == s.gold() && s.correct() == s.predicted());
            worst.sort(java.util.Comparator.comparingInt((EvaluationReport.SlotScore s) ->
                    s.gold() + s.predicted() - 2 * s.correct()).reversed());
            if (!worst.isEmpty() && examples > 0) {
                w.println();
                w.println("slot errors, most first (missed: gold value -> what was found; spurious: value found):");
                for (EvaluationReport.SlotScore s : worst) {
                    EvaluationReport.SlotErrors e = r.errorsOf(s.intent(), s.slot());
                    w.printf("  %s %s: %d missed, %d spurious%n", s.intent(), s.slot(), s.gold() - s.correct(),
                            s.predicted() - s.correct());
                    e.missed().forEach(x -> w.println("      missed   " + x));
                    e.spurious().forEach(x -> w.println("      spurious " + x));
                }
            }
        }

        private static String seconds(List<Double> values) {
            StringBuilder sb = new StringBuilder();
            for (double v : values) {
                sb.append(sb.length() == 0 ? "" : " ").append(String.format("%.1f", v));
            }
            return sb.toString();
        }
    }
}
