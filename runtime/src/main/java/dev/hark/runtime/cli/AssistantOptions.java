package dev.hark.runtime.cli;

import dev.hark.asr.GrammarRecognizer;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.GrammarException;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetException;
import dev.hark.nlu.dataset.DatasetLoader;
import dev.hark.runtime.stages.AcousticModelChoice;
import dev.hark.runtime.stages.SpeechUnderstanding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * The options that say which assistant to recognise and with which acoustic model and
 * pronunciations ({@code hark understand}, {@code hark eval}), and how to build the recogniser from
 * them: the grammar is compiled from the dataset and cached under models/cache.
 */
final class AssistantOptions {
    @Option(names = "--assistant", required = true, paramLabel = "DATASET|DIR",
            description = "Assistant dataset: a Snips JSON file, a template file, or a directory of them.")
    Path assistant;

    @Option(names = "--model", paramLabel = "DIR", description = "Sphinx acoustic model directory (default: ${DEFAULT-VALUE}).")
    Path model = GrammarRecognizer.Builder.DEFAULT_MODEL;

    @Option(names = "--acoustic-model", paramLabel = "sphinx|neural",
            description = "Acoustic model: sphinx (the CMU Sphinx GMM) or neural (Hark's noise-robust network fused with it; docs/asr.md); default: ${DEFAULT-VALUE}.")
    String acousticModel = AcousticModelChoice.DEFAULT_NAME;

    @Option(names = "--dict", paramLabel = "FILE", description = "Pronunciation dictionary (default: ${DEFAULT-VALUE}).")
    Path dictionary = GrammarRecognizer.Builder.DEFAULT_DICTIONARY;

    @Option(names = "--pronunciations", paramLabel = "FILE",
            description = "Extra pronunciations in the dictionary's format (default: pronunciations.dict in the assistant's directory, when there).")
    Path pronunciations;

    /** The assistant's dataset; a missing or malformed one is the user's mistake (exit 1, one line). */
    Dataset dataset() {
        try {
            return DatasetLoader.load(assistant);
        } catch (NoSuchFileException e) {
            throw new UserInputException(assistant + ": no such file or directory");
        } catch (DatasetException e) {
            throw new UserInputException(assistant + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UserInputException(assistant + ": " + e.getMessage());
        }
    }

    /** Recogniser and slot resolution for {@code dataset} with whole-file (batch) CMN; says on {@code err} which words were guessed. */
    SpeechUnderstanding understanding(Dataset dataset, PrintWriter err) {
        AcousticModelChoice acoustic = AcousticModelChoice.named(acousticModel);
        if (acoustic == null) {
            throw new UserInputException("--acoustic-model: must be sphinx or neural, got \"" + acousticModel + "\"",
                    HarkCli.EXIT_USAGE);
        }
        SpeechUnderstanding understanding;
        try {
            Path extra = pronunciations;
            if (extra == null && Files.isRegularFile(assistant.resolve("pronunciations.dict"))) {
                extra = assistant.resolve("pronunciations.dict");
            }
            understanding = SpeechUnderstanding.build(dataset, acoustic, model, dictionary, extra,
                    HarkCli.root().resolve("models").resolve("cache"), FrontendConfig.CmnMode.BATCH,
                    Clock.systemDefaultZone());
        } catch (GrammarException e) {
            throw new UserInputException(assistant + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UserInputException(e.getMessage());
        }
        if (!understanding.guessedWords().isEmpty()) {
            err.println("hark: " + assistant + ": not in the dictionary, pronounced by letter-to-sound: "
                    + String.join(", ", understanding.guessedWords()));
        }
        return understanding;
    }
}
