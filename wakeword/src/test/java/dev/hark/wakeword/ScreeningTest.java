package dev.hark.wakeword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Screening with the int8 embedding: wherever a keyword's screened score passes, its score is the
 * fp32 detector's to float precision (the exact embeddings recomputed from the buffered mel frames
 * equal on-time ones), the detections are fp32's, and the exact model runs on a fraction of frames.
 */
class ScreeningTest {
    private static WakeWordDetector detector(float screen) throws ModelLoadException {
        WakeWordDetector.Builder b = WakeWordDetector.builder().modelDirectory(TestAudio.MODELS).voiceActivityGate(0f);
        if (screen > 0) {
            b.screeningEmbedding(ModelFiles.EMBEDDING_INT8, screen);
        }
        for (String k : WakePhraseCorpus.KEYWORDS) {
            b.pretrainedKeyword(k, 0.5f);
        }
        return b.build();
    }

    @Test
    void screenedDetectionsAreFp32DetectionsAndTheExactModelRunsRarely() throws Exception {
        short[] jarvis = TestAudio.flite("kal16", "hey jarvis, turn on the light", 1.0);
        short[] alexa = TestAudio.flite("slt", "alexa, what time is it", 1.0);
        short[] stream = TestAudio.withNoise(TestAudio.concat(TestAudio.silence(2.0), jarvis, TestAudio.silence(1.0),
                alexa, TestAudio.silence(6.0)), 30, 7);
        try (WakeWordDetector screened = detector(0.1f);
             WakeWordDetector everyFrame = detector(1e-6f);
             WakeWordDetector fp32 = detector(0f)) {
            List<Detection> screenedDetections = new ArrayList<>();
            List<Detection> fp32Detections = new ArrayList<>();
            int scored = 0;
            for (short[] frame : TestAudio.frames(stream)) {
                screenedDetections.addAll(screened.process(frame));
                everyFrame.process(frame);
                fp32Detections.addAll(fp32.process(frame));
                if (!fp32.scoredLastFrame()) {
                    continue;
                }
                scored++;
                for (int k = 0; k < fp32.keywordCount(); k++) {
                    assertEquals(fp32.score(k), everyFrame.score(k), 1e-6, "frame " + fp32.framesProcessed());
                    if (screened.score(k) >= 0.1f || fp32.score(k) >= 0.5f) {
                        assertEquals(fp32.score(k), screened.score(k), 1e-6, "frame " + fp32.framesProcessed());
                    }
                }
            }
            assertEquals(List.of("hey_jarvis", "alexa"), fp32Detections.stream().map(Detection::keyword).toList());
            assertEquals(fp32Detections, screenedDetections);
            // each frame's exact embedding at most once, though up to 16 windows ask for it
            assertTrue(everyFrame.exactEmbeddingsComputed() <= fp32.framesProcessed(),
                    everyFrame.exactEmbeddingsComputed() + " exact embeddings for " + fp32.framesProcessed() + " frames");
            assertTrue(screened.exactEmbeddingsComputed() > 0 && screened.exactEmbeddingsComputed() < scored / 2,
                    screened.exactEmbeddingsComputed() + " exact embeddings for " + scored + " scored frames");
        }
    }

    @Test
    void windowsReachingIntoDigitalSilenceAreScoredOnFp32() throws Exception {
        // a padded recording: all-zero samples, then the phrase straight after them
        short[] stream = TestAudio.concat(TestAudio.silence(2.0), TestAudio.flite("kal16", "hey jarvis", 1.0),
                TestAudio.silence(0.5));
        try (WakeWordDetector screened = detector(0.1f); WakeWordDetector fp32 = detector(0f)) {
            int scored = 0;
            for (short[] frame : TestAudio.frames(stream)) {
                screened.process(frame);
                fp32.process(frame);
                if (fp32.scoredLastFrame()) {
                    scored++;
                    for (int k = 0; k < fp32.keywordCount(); k++) {
                        assertEquals(fp32.score(k), screened.score(k), 1e-6, "frame " + fp32.framesProcessed());
                    }
                }
            }
            assertTrue(scored > 10, "frames scored: " + scored);
        }
    }
}
