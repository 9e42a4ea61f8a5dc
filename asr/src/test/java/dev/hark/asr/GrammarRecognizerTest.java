package dev.hark.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.JsgfGrammar;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.asr.search.RecognitionResult;
import dev.hark.audio.WavReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Recognition of real recordings from pocketsphinx-testdata with their JSGF grammars. */
class GrammarRecognizerTest {
    static SphinxAcousticModel model;

    @BeforeAll
    static void load() throws Exception {
        model = SphinxAcousticModel.load(TestData.MODEL);
    }

    static GrammarRecognizer recognizer(Path gram, FrontendConfig.CmnMode cmn) throws Exception {
        return GrammarRecognizer.builder().model(model).dictionary(TestData.DICT).cmn(cmn)
                .grammar(JsgfGrammar.read(gram).compile()).build();
    }

    @Test
    void goForwardStreamedInSmallChunksWithLiveCmn() throws Exception {
        GrammarRecognizer r = recognizer(TestData.PS_DATA.resolve("goforward.gram"), FrontendConfig.CmnMode.LIVE);
        short[] pcm = TestData.readRaw(TestData.PS_DATA.resolve("goforward.raw"));
        for (int i = 0; i < pcm.length; i += 1280) {
            r.process(pcm, i, Math.min(1280, pcm.length - i));
        }
        RecognitionResult res = r.finish();
        assertEquals("go forward ten meters", res.transcript());
        assertFalse(res.rejected());
        assertEquals(List.of("go", "forward", "ten", "meters"), res.words());
        // word end frames are increasing and inside the utterance
        int last = -1;
        for (RecognitionResult.TaggedWord w : res.path()) {
            assertTrue(w.endFrame() > last && w.endFrame() < res.frames());
            last = w.endFrame();
        }
        // the recogniser is ready for the next utterance
        assertEquals("go forward ten meters", r.recognize(pcm).transcript());
    }

    @Test
    void cards() throws Exception {
        GrammarRecognizer r = recognizer(TestData.PS_DATA.resolve("cards/cards.gram"), FrontendConfig.CmnMode.BATCH);
        String[] expected = {"ten of clubs", "four queen of clubs", "seven of clubs", "five five",
            "eight of spades four of clubs seven of hearts"};
        int correct = 0;
        for (int i = 0; i < 5; i++) {
            short[] pcm = WavReader.readPcm16k(TestData.PS_DATA.resolve("cards/00" + (i + 1) + ".wav"));
            RecognitionResult res = r.recognize(pcm);
            if (res.transcript().equals(expected[i])) correct++;
        }
        assertEquals(5, correct);
    }
}
