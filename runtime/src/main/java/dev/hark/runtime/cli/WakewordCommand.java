package dev.hark.runtime.cli;

import dev.hark.wakeword.ModelFiles;
import dev.hark.wakeword.ModelLoadException;
import dev.hark.wakeword.training.EmbeddingFeatures;
import dev.hark.wakeword.training.WakeWordTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hark wakeword train}: a keyword head for a phrase, trained on this machine (DESIGN.md §5). */
@Command(name = "wakeword", mixinStandardHelpOptions = true,
        description = "Train your own wake word.",
        subcommands = {WakewordCommand.Train.class, WakewordCommand.Features.class})
public final class WakewordCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: train or features");
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a keyword head for PHRASE from synthetic speech (every flite, espeak-ng and festival voice "
                    + "installed) and write DIR/NAME.onnx with DIR/NAME.json, which wake.models and "
                    + "`hark wake --model` accept. Progress goes to stderr; the last line on stdout names the files."})
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PHRASE", description = "the wake phrase, e.g. \"hey kitchen\"")
        String phrase;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write the head into")
        Path out;

        @Option(names = "--name", paramLabel = "NAME", description = "the head's name (default: the phrase's words joined by _)")
        String name;

        @Option(names = "--negatives", paramLabel = "DIR|FILE.features", description = "real recordings without the phrase "
                + "(speech, television, music), a folder or a file made by `hark wakeword features`; repeatable. "
                + "The more hours, the better the threshold")
        List<Path> negatives = new ArrayList<>();

        @Option(names = "--noise", paramLabel = "DIR", description = "real noise recordings, mixed under the clips "
                + "and used as negatives; repeatable (default: synthetic noise)")
        List<Path> noise = new ArrayList<>();

        @Option(names = "--rir", paramLabel = "DIR", description = "room impulse responses to reverberate the clips with")
        Path rir;

        @Option(names = "--positives", paramLabel = "DIR", description = "your own recordings of the phrase, one per file")
        Path positives;

        @Option(names = "--minutes", paramLabel = "N", defaultValue = "30",
                description = "budget that scales clips and training steps (default ${DEFAULT-VALUE}: 391 s of CPU on the build machine)")
        double minutes;

        @Option(names = "--threads", paramLabel = "N", description = "threads (default: every core)")
        Integer threads;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() throws IOException {
            if (!(minutes > 0 && minutes <= 600)) {
                throw new UserInputException("--minutes " + minutes + ": must be in (0, 600]", HarkCli.EXIT_USAGE);
            }
            if (name != null && !name.matches("[A-Za-z0-9_-]+")) {
                throw new UserInputException("--name " + name + ": use letters, digits, _ and -", HarkCli.EXIT_USAGE);
            }
            List<Path> folders = new ArrayList<>();
            for (Path n : negatives) {
                if (EmbeddingFeatures.isFeatures(n)) {
                    if (!Files.isRegularFile(n)) {
                        throw new UserInputException(n + ": no such features file", HarkCli.EXIT_USAGE);
                    }
                } else {
                    folders.add(n);
                }
            }
            folders.addAll(noise);
            if (rir != null) {
                folders.add(rir);
            }
            if (positives != null) {
                folders.add(positives);
            }
            for (Path f : folders) {
                if (!Files.isDirectory(f)) {
                    throw new UserInputException(f + ": not a folder", HarkCli.EXIT_USAGE);
                }
            }
            WakeWordTrainer.Builder b;
            try {
                b = WakeWordTrainer.builder(phrase, out);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage(), HarkCli.EXIT_USAGE);
            }
            negatives.forEach(b::negatives);
            noise.forEach(b::noise);
            b.roomResponses(rir).positives(positives).minutes(minutes).seed(seed).name(name)
                    .modelDirectory(ModelFiles.defaultDirectory());
            if (threads != null) {
                b.threads(threads);
            }
            PrintWriter err = spec.commandLine().getErr();
            b.progress(line -> {
                err.println(line);
                err.flush();
            });
            try {
                WakeWordTrainer.Result r = b.build().train();
                PrintWriter o = spec.commandLine().getOut();
                o.println(String.format(Locale.ROOT, "%s: threshold %.4f (%d false activations in %.2f h of negatives, "
                                + "recall %.2f on held-out voices); use it with: hark wake --model %s",
                        r.description(), r.threshold(), r.falseActivations(), r.negativeHours(), r.heldOutRecall(),
                        r.description()));
                o.flush();
            } catch (ModelLoadException | IllegalStateException e) {
                throw new UserInputException(e.getMessage());
            }
            return HarkCli.EXIT_OK;
        }
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = {"Embed recordings once, as the wake-word front end hears them, into a .features file "
                    + "that `hark wakeword train --negatives` takes in place of their folder (17 MB per hour of "
                    + "audio; embedding costs about 15 ms of CPU per second of audio)."})
    static final class Features implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "DIR", description = "folders of WAV recordings (searched recursively)")
        List<Path> folders;

        @Option(names = "--out", required = true, paramLabel = "FILE.features", description = "the file to write")
        Path out;

        @Option(names = "--threads", paramLabel = "N", description = "threads (default: every core)")
        Integer threads;

        @Override
        public Integer call() throws IOException {
            if (!EmbeddingFeatures.isFeatures(out)) {
                throw new UserInputException("--out " + out + ": name the file *" + EmbeddingFeatures.EXTENSION, HarkCli.EXIT_USAGE);
            }
            for (Path f : folders) {
                if (!Files.isDirectory(f)) {
                    throw new UserInputException(f + ": not a folder", HarkCli.EXIT_USAGE);
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            try {
                List<EmbeddingFeatures.Stream> streams = EmbeddingFeatures.make(folders, ModelFiles.defaultDirectory(),
                        threads != null ? threads : Runtime.getRuntime().availableProcessors(), line -> {
                            err.println(line);
                            err.flush();
                        });
                EmbeddingFeatures.write(out, streams);
                double hours = streams.stream().mapToDouble(EmbeddingFeatures.Stream::audioSeconds).sum() / 3600;
                spec.commandLine().getOut().println(String.format(Locale.ROOT, "%s: %d recordings, %.2f h", out,
                        streams.size(), hours));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage(), HarkCli.EXIT_USAGE);
            } catch (ModelLoadException | IllegalStateException e) {
                throw new UserInputException(e.getMessage());
            }
            return HarkCli.EXIT_OK;
        }
    }
}
