package dev.hark.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hark.asr.grammar.JsgfGrammar;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.asr.search.RecognitionResult;
import dev.hark.audio.WavReader;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Recognition of real recordings from pocketsphinx-testdata with their JSGF grammars. */
class GrammarRecognizerTest {
    static SphinxAcousticModel model;

    @BeforeAll
    static void load() throws Exception {
        model = SphinxAcousticModel.load(TestData.MODEL);
    }

    static GrammarRecognizer recognizer(Path gram) throws Exception {
        return GrammarRecognizer.builder().model(model).dictionary(TestData.DICT)
                .grammar(JsgfGrammar.read(gram).compile()).build();
    }

    @Test
    void goForward() throws Exception {
        GrammarRecognizer r = recognizer(TestData.PS_DATA.resolve("goforward.gram"));
        RecognitionResult res = r.recognize(TestData.readRaw(TestData.PS_DATA.resolve("goforward.raw")));
        System.out.println(res);
        assertEquals("go forward ten meters", res.transcript());
        assertFalse(res.rejected());
    }

    @Test
    void cards() throws Exception {
        GrammarRecognizer r = recognizer(TestData.PS_DATA.resolve("cards/cards.gram"));
        String[] expected = {"ten of clubs", "four queen of clubs", "seven of clubs", "five five",
            "eight of spades four of clubs seven of hearts"};
        int correct = 0;
        for (int i = 0; i < 5; i++) {
            short[] pcm = WavReader.readPcm16k(TestData.PS_DATA.resolve("cards/00" + (i + 1) + ".wav"));
            RecognitionResult res = r.recognize(pcm);
            System.out.println(res.transcript() + " | " + res.confidence() + " " + res.ratioPerFrame());
            if (res.transcript().equals(expected[i])) correct++;
        }
        assertEquals(5, correct);
    }
}
