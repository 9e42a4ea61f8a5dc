package dev.hark.wakeword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.audio.PcmFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One utterance gives one detection; the refractory period is what makes it so. */
class RefractoryTest {
    @Test
    void refractoryPeriodTurnsAScoreBurstIntoOneDetection() throws Exception {
        short[] twice = TestAudio.concat(TestAudio.flite("kal16", "hey jarvis", 1.0), TestAudio.silence(3.0),
                TestAudio.flite("slt", "hey jarvis", 1.0));
        List<Detection> none;
        List<Detection> two;
        try (WakeWordDetector d = WakeWordDetector.builder().modelDirectory(TestAudio.MODELS)
                .pretrainedKeyword("hey_jarvis", 0.5f).refractorySeconds(0).build()) {
            none = TestAudio.detect(d, twice).detections();
        }
        try (WakeWordDetector d = WakeWordDetector.builder().modelDirectory(TestAudio.MODELS)
                .pretrainedKeyword("hey_jarvis", 0.5f).build()) {
            two = TestAudio.detect(d, twice).detections();
        }
        assertTrue(none.size() > 2, "without a refractory period the score stays above threshold for several "
                + "frames per utterance: " + none);
        assertEquals(2, two.size(), "two utterances 3 s apart, 2 s refractory: " + two);
        double gap = two.get(1).timeSeconds() - two.get(0).timeSeconds();
        assertTrue(gap > 3.0, "detections " + gap + " s apart");
        assertEquals(two.get(0).timeSeconds(), (two.get(0).frameIndex() + 1) * PcmFormat.FRAME_SAMPLES / 16000.0, 1e-9);
    }
}
