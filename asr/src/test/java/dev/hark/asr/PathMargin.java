package dev.hark.asr;

import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.DatasetGrammarCompiler;
import dev.hark.asr.grammar.JsgfGrammar;
import dev.hark.asr.grammar.WordGraph;
import dev.hark.asr.model.NeuralAcousticModel;
import dev.hark.asr.model.NeuralModelDescription;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.asr.search.RecognitionResult;
import dev.hark.asr.search.SearchParameters;
import dev.hark.audio.WavReader;
import dev.hark.nlu.dataset.DatasetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Development tool (not a test): is a wrong transcript a search error or a model error? Each
 * recording is decoded twice with fresh recognisers (the frontend's noise estimate, kept from one
 * utterance to the next, would otherwise differ between the two), with the assistant's grammar and
 * with a grammar of its correct transcript alone, same fused model and search settings (the model's own). A margin
 * {@code best - correct} below zero on the same frames means the search lost a better path (beam);
 * above zero the model prefers the wrong words, and a word-penalty change {@code d} flips it only
 * when {@code d * (words(best) - words(correct))} exceeds the margin.
 *
 * <pre>
 * PathMargin DATASET DESCRIPTION.json MODEL.onnx PAIRS.tsv
 * </pre>
 * PAIRS.tsv: folder, file name, correct transcript (tab-separated). Prints one tab-separated line per
 * recording: folder, file, frames of each decode, both scores, margin, both word counts, both transcripts.
 */
public final class PathMargin {
    public static void main(String[] args) throws Exception {
        WordGraph grammar = DatasetGrammarCompiler.compile(DatasetLoader.load(Path.of(args[0])));
        NeuralModelDescription desc = NeuralModelDescription.read(Path.of(args[1]));
        Path model = GrammarRecognizer.Builder.DEFAULT_MODEL;
        Path cache = Path.of(System.getProperty("cache", "/tmp/i14/cache"));
        try (NeuralAcousticModel am = NeuralAcousticModel.builder().sphinx(SphinxAcousticModel.load(model))
                .model(desc, Path.of(args[2])).build()) {
            SearchParameters params = SearchParameters.defaults().tunedFor(am);
            for (String line : Files.readAllLines(Path.of(args[3]))) {
                String[] f = line.split("\t");
                short[] pcm = WavReader.readPcm16k(Path.of(f[0], f[1]));
                WordGraph correct = JsgfGrammar.parse(f[1], "#JSGF V1.0;\ngrammar one;\npublic <s> = " + f[2] + " ;\n").compile();
                RecognitionResult best = recognizer(am, model, grammar, params, cache).recognize(pcm);
                RecognitionResult ref = recognizer(am, model, correct, params, cache).recognize(pcm);
                System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%.2f\t%.2f\t%.2f\t%d\t%d\t%s\t%s%n", Path.of(f[0]).getFileName(), f[1],
                        best.frames(), ref.frames(), best.score(), ref.score(), best.score() - ref.score(),
                        best.words().size(), ref.words().size(), best.transcript(), ref.transcript());
            }
        }
    }

    private static GrammarRecognizer recognizer(NeuralAcousticModel am, Path model, WordGraph g, SearchParameters p, Path cache)
            throws Exception {
        return GrammarRecognizer.builder().model(am).modelDirectory(model).grammar(g).parameters(p)
                .cmn(FrontendConfig.CmnMode.BATCH).cacheDirectory(cache).build();
    }
}
