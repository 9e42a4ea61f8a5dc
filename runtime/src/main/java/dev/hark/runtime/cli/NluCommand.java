package dev.hark.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetException;
import dev.hark.nlu.dataset.DatasetLoader;
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

/** {@code hark nlu train} and {@code hark nlu parse}: the text intent parser (DESIGN.md §5). */
@Command(name = "nlu", mixinStandardHelpOptions = true,
        description = "Train and run the text intent parser.",
        subcommands = {NluCommand.Train.class, NluCommand.Parse.class})
public final class NluCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: train or parse");
    }

    /** Loads a dataset, turning its faults into one usage-error line (exit 2). */
    static Dataset loadDataset(Path path) throws IOException {
        try {
            return DatasetLoader.load(path);
        } catch (NoSuchFileException e) {
            throw new UserInputException(path + ": no such file or directory", HarkCli.EXIT_USAGE);
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

        @Option(names = "--dataset", required = true, paramLabel = "F", description = "dataset file or directory")
        Path dataset;

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

        @Option(names = "--dataset", paramLabel = "F", description = "dataset to train on first (instead of --model)")
        Path dataset;

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
}
