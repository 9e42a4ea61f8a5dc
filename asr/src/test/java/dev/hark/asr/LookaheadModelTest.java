package dev.hark.asr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.JsgfGrammar;
import dev.hark.asr.model.AcousticModel;
import dev.hark.asr.model.ModelDefinition;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.asr.model.TransitionMatrices;
import dev.hark.asr.search.RecognitionResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recogniser's handling of a model that looks ahead: every frame is observed before it is
 * scored, exactly {@code lookahead} frames earlier (or at the end of the utterance), frames are
 * scored in order, and the result is the one the same scores give without look-ahead.
 */
class LookaheadModelTest {
    /** The GMM behind a 5-frame look-ahead, recording what it is shown and when. */
    static final class Delayed implements AcousticModel {
        final SphinxAcousticModel gmm;
        final List<float[]> observed = new ArrayList<>();
        int scored;
        int ended = -1;
        int resets;
        final List<String> problems = new ArrayList<>();

        Delayed(SphinxAcousticModel gmm) {
            this.gmm = gmm;
        }

        @Override public FrontendConfig frontend() { return gmm.frontend(); }
        @Override public ModelDefinition definition() { return gmm.definition(); }
        @Override public TransitionMatrices transitions() { return gmm.transitions(); }
        @Override public int senoneCount() { return gmm.senoneCount(); }
        @Override public int lookahead() { return 5; }
        @Override public void observe(float[] f) { observed.add(f.clone()); }
        @Override public void endOfUtterance() { ended = observed.size(); }
        @Override public void reset() { resets++; }

        @Override
        public void setFrame(float[] f) {
            if (ended < 0 && observed.size() != scored + 6) problems.add("frame " + scored + " scored after " + observed.size() + " observed");
            if (!java.util.Arrays.equals(f, observed.get(scored))) problems.add("frame " + scored + " out of order");
            scored++;
            gmm.setFrame(f);
        }

        @Override
        public void score(int[] senones, int count, float[] scores) {
            gmm.score(senones, count, scores);
        }
    }

    @Test
    void delayedModelDecodesLikeTheFrameLocalOne() throws Exception {
        SphinxAcousticModel gmm = SphinxAcousticModel.load(TestData.MODEL);
        var grammar = JsgfGrammar.read(TestData.PS_DATA.resolve("goforward.gram")).compile();
        short[] pcm = TestData.readRaw(TestData.PS_DATA.resolve("goforward.raw"));
        RecognitionResult plain = GrammarRecognizer.builder().model(gmm).dictionary(TestData.DICT).grammar(grammar)
                .build().recognize(pcm);
        Delayed delayed = new Delayed(gmm);
        GrammarRecognizer r = GrammarRecognizer.builder().model(delayed).dictionary(TestData.DICT).grammar(grammar).build();
        for (int i = 0; i < pcm.length; i += 1280) r.process(pcm, i, Math.min(1280, pcm.length - i));
        int resetsBefore = delayed.resets;
        RecognitionResult res = r.finish();
        assertEquals(List.of(), delayed.problems);
        assertEquals(plain.frames(), delayed.scored);
        assertEquals(delayed.observed.size(), delayed.ended);
        assertEquals(resetsBefore + 1, delayed.resets, "finish() starts a new utterance");
        assertEquals("go forward ten meters", res.transcript());
        assertEquals(plain.transcript(), res.transcript());
        assertEquals(plain.score(), res.score(), 1e-3);
        int[] ends = res.path().stream().mapToInt(RecognitionResult.TaggedWord::endFrame).toArray();
        assertArrayEquals(plain.path().stream().mapToInt(RecognitionResult.TaggedWord::endFrame).toArray(), ends);
        assertTrue(res.frames() > 200);
    }
}
