package dev.hark.asr;

import dev.hark.asr.grammar.JsgfGrammar;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.asr.search.RecognitionResult;
import dev.hark.audio.WavReader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints the grammar/phone-loop ratio for a list of recordings (threshold calibration helper). */
public final class RatioProbe {
    public static void main(String[] args) throws Exception {
        SphinxAcousticModel model = SphinxAcousticModel.load(TestData.MODEL);
        GrammarRecognizer rec = GrammarRecognizer.builder().model(model).dictionary(TestData.DICT)
                .grammar(JsgfGrammar.read(Path.of(args[0])).compile()).build();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.split("\\|");
            RecognitionResult r = rec.recognize(WavReader.readPcm16k(Path.of(args[2], f[0] + ".wav")));
            System.out.printf("%-40s -> %-30s ratio %.3f conf %.2f%n", f[2], r.transcript(), r.ratioPerFrame(), r.confidence());
        }
    }
}
