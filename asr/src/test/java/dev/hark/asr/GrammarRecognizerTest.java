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

    /**
     * A whole recording is recognised on its own: loud noise recognised before it (which teaches the
     * streaming frontend a noise floor far above this recording's) changes nothing, to the last bit
     * of the score.
     */
    @Test
    void aWholeRecordingIsRecognisedOnItsOwn() throws Exception {
        short[] pcm = TestData.readRaw(TestData.PS_DATA.resolve("goforward.raw"));
        short[] noise = new short[3 * 16000];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < noise.length; i++) noise[i] = (short) (random.nextGaussian() * 3000);
        RecognitionResult alone = recognizer(TestData.PS_DATA.resolve("goforward.gram"), FrontendConfig.CmnMode.BATCH)
                .recognize(pcm);
        GrammarRecognizer r = recognizer(TestData.PS_DATA.resolve("goforward.gram"), FrontendConfig.CmnMode.BATCH);
        r.recognize(noise);
        RecognitionResult after = r.recognize(pcm);
        assertEquals(alone.transcript(), after.transcript());
        assertEquals(alone.score(), after.score());
        assertEquals(alone.confidence(), after.confidence());
    }

    /**
     * The command is said twice; the grammar has it once or three times, so on the last frame the
     * best path is inside the long sentence and no path ends the grammar. The result is the path
     * that ended it last (after the first "go forward ten meters"), not an empty transcript.
     */
    @Test
    void aCommandFollowedByMoreSpeechIsNotLostWhenNoPathEndsOnTheLastFrame() throws Exception {
        String once = "go forward ten meters";
        var grammar = JsgfGrammar.parse("twice", "#JSGF V1.0;\ngrammar twice;\npublic <g> = " + once + " | "
                + once + " " + once + " " + once + ";\n").compile();
        short[] pcm = TestData.readRaw(TestData.PS_DATA.resolve("goforward.raw"));
        short[] twice = java.util.Arrays.copyOf(pcm, 2 * pcm.length);
        System.arraycopy(pcm, 0, twice, pcm.length, pcm.length);
        GrammarRecognizer r = GrammarRecognizer.builder().model(model).dictionary(TestData.DICT)
                .cmn(FrontendConfig.CmnMode.BATCH).grammar(grammar).build();
        RecognitionResult res = r.recognize(twice);
        assertEquals(once, res.transcript());
        assertTrue(res.frames() < 2 * pcm.length / 160 * 3 / 4, "judged over the frames up to its end: " + res.frames());
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
