package dev.hark.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.asr.GrammarRecognizer;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.DatasetGrammarCompiler;
import dev.hark.asr.grammar.GrammarException;
import dev.hark.asr.grammar.SemanticParse;
import dev.hark.asr.grammar.WordGraph;
import dev.hark.asr.lexicon.LetterToSound;
import dev.hark.asr.model.ModelFormatException;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.asr.search.RecognitionResult;
import dev.hark.audio.WavReader;
import dev.hark.nlu.EntityResolver;
import dev.hark.nlu.SlotValue;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetException;
import dev.hark.nlu.dataset.DatasetLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hark understand}: recognises each command recording with a grammar compiled from the
 * assistant's dataset (cached under models/cache) and prints transcript, confidence, intent and
 * resolved slots (DESIGN.md §5).
 */
@Command(name = "understand", mixinStandardHelpOptions = true,
        description = "Recognise and parse command recordings (no wake word) with the assistant's grammar.")
public final class UnderstandCommand implements Callable<Integer> {
    @Option(names = "--assistant", required = true, paramLabel = "DATASET|DIR",
            description = "Assistant dataset: a Snips JSON file, a template file, or a directory of them.")
    Path assistant;

    @Option(names = "--json", description = "Print one JSON object per recording.")
    boolean json;

    @Option(names = "--model", paramLabel = "DIR", description = "Sphinx acoustic model directory (default: ${DEFAULT-VALUE}).")
    Path model = GrammarRecognizer.Builder.DEFAULT_MODEL;

    @Option(names = "--dict", paramLabel = "FILE", description = "Pronunciation dictionary (default: ${DEFAULT-VALUE}).")
    Path dictionary = GrammarRecognizer.Builder.DEFAULT_DICTIONARY;

    @Parameters(arity = "1..*", paramLabel = "WAV", description = "Command recordings.")
    List<Path> wavs;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Dataset dataset;
        try {
            dataset = DatasetLoader.load(assistant);
        } catch (NoSuchFileException e) {
            throw new UserInputException(assistant + ": no such file or directory");
        } catch (DatasetException e) {
            throw new UserInputException(assistant + ": " + e.getMessage());
        }
        Path root = Path.of(System.getProperty("hark.root", "."));
        Path cacheDir = root.resolve("models").resolve("cache");
        SphinxAcousticModel acoustic;
        try {
            acoustic = SphinxAcousticModel.load(model);
        } catch (ModelFormatException e) {
            throw new UserInputException(e.getMessage());
        }
        if (!Files.isRegularFile(dictionary)) {
            throw new UserInputException(dictionary + ": pronunciation dictionary not found");
        }
        GrammarRecognizer recognizer;
        GrammarRecognizer.Builder builder;
        try {
            WordGraph grammar = DatasetGrammarCompiler.compile(dataset);
            builder = GrammarRecognizer.builder().model(acoustic).modelDirectory(model).dictionary(dictionary)
                    .grammar(grammar).cmn(FrontendConfig.CmnMode.BATCH).cacheDirectory(cacheDir)
                    .letterToSound(LetterToSound.cached(dictionary, cacheDir.resolve("lts-en-us.bin")));
            recognizer = builder.build();
        } catch (GrammarException e) {
            throw new UserInputException(assistant + ": " + e.getMessage());
        }
        if (!builder.guessedWords().isEmpty()) {
            err.println("hark: " + assistant + ": not in the dictionary, pronounced by letter-to-sound: "
                    + String.join(", ", builder.guessedWords()));
        }
        EntityResolver resolver = new EntityResolver(dataset, Clock.systemDefaultZone());
        ObjectMapper mapper = new ObjectMapper();
        for (Path wav : wavs) {
            short[] pcm;
            try {
                pcm = WavReader.readPcm16k(wav);
            } catch (NoSuchFileException e) {
                throw new UserInputException(wav + ": no such file");
            } catch (IOException e) {
                throw new UserInputException(wav + ": " + e.getMessage());
            }
            long t0 = System.nanoTime();
            RecognitionResult r = recognizer.recognize(pcm);
            long t1 = System.nanoTime();
            SemanticParse parse = SemanticParse.of(r);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", wav.toString());
            o.put("transcript", r.transcript());
            o.put("confidence", Math.round(r.confidence() * 1000) / 1000.0);
            Map<String, Object> intent = new LinkedHashMap<>();
            boolean accepted = !r.rejected() && parse.intent() != null;
            intent.put("intentName", accepted ? parse.intent() : null);
            intent.put("probability", accepted ? Math.round(r.confidence() * 1000) / 1000.0 : 0.0);
            o.put("intent", intent);
            List<Map<String, Object>> slots = new ArrayList<>();
            if (accepted) {
                for (SemanticParse.Slot s : parse.slots()) {
                    int start = charOffset(r.words(), s.firstWord());
                    Map<String, Object> slot = new LinkedHashMap<>();
                    slot.put("range", Map.of("start", start, "end", start + s.rawValue().length()));
                    slot.put("rawValue", s.rawValue());
                    SlotValue v = resolver.resolve(s.entity(), s.rawValue());
                    slot.put("value", v != null ? v.toJson() : new SlotValue.Custom(s.rawValue()).toJson());
                    slot.put("entity", s.entity());
                    slot.put("slotName", s.name());
                    slots.add(slot);
                }
            }
            long t2 = System.nanoTime();
            o.put("slots", slots);
            o.put("speaker", null);
            Map<String, Object> timings = new LinkedHashMap<>();
            timings.put("asr", Math.round((t1 - t0) / 1e4) / 100.0);
            timings.put("nlu", Math.round((t2 - t1) / 1e4) / 100.0);
            o.put("timings_ms", timings);
            if (json) {
                out.println(mapper.writeValueAsString(o));
            } else {
                out.printf("%s: \"%s\" confidence %.2f -> %s %s%n", wav, r.transcript(), r.confidence(),
                        intent.get("intentName"), slots.isEmpty() ? "" : mapper.writeValueAsString(slots));
            }
            out.flush();
        }
        return HarkCli.EXIT_OK;
    }

    private static int charOffset(List<String> words, int wordIndex) {
        int off = 0;
        for (int i = 0; i < wordIndex; i++) off += words.get(i).length() + 1;
        return off;
    }
}
