package dev.hark.wakeword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A model file (or a head's bytes) opened twice is one session; each detector keeps its own state; the last close frees it. */
class SharedSessionTest {
    @Test
    void twoDetectorsShareOneSessionAndKeepTheirOwnState() throws Exception {
        short[] noise = new short[4 * VoiceActivityDetector.WINDOW_SAMPLES];
        Random random = new Random(3);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (random.nextGaussian() * 3000);
        }
        try (OnnxModel a = OnnxModel.open(TestAudio.MODELS.resolve(ModelFiles.SILERO_VAD), 1, "VAD");
             OnnxModel b = OnnxModel.open(TestAudio.MODELS.resolve(ModelFiles.SILERO_VAD), 1, "VAD")) {
            assertSame(a.session(), b.session());
        }
        try (VoiceActivityDetector first = VoiceActivityDetector.builder().modelDirectory(TestAudio.MODELS).build();
             VoiceActivityDetector second = VoiceActivityDetector.builder().modelDirectory(TestAudio.MODELS).build();
             VoiceActivityDetector fresh = VoiceActivityDetector.builder().modelDirectory(TestAudio.MODELS).build()) {
            // the first has heard three windows; the second hears the last window from a fresh state,
            // exactly as a third detector does
            for (int w = 0; w < 3; w++) {
                first.process(noise, w * VoiceActivityDetector.WINDOW_SAMPLES);
            }
            float second3 = second.process(noise, 3 * VoiceActivityDetector.WINDOW_SAMPLES);
            first.process(noise, 3 * VoiceActivityDetector.WINDOW_SAMPLES);
            assertEquals(fresh.process(noise, 3 * VoiceActivityDetector.WINDOW_SAMPLES), second3);
        }
        KeywordDescription bundled = KeywordDescription.bundled(KeywordDescription.DEFAULT);
        try (OnnxModel a = OnnxModel.open(bundled.model(), bundled.source(), 1, "head");
             OnnxModel b = OnnxModel.open(bundled.model().clone(), Path.of("elsewhere.onnx"), 1, "head")) {
            assertSame(a.session(), b.session(), "the same bytes are one session, whatever their name");
        }
        OnnxModel again = OnnxModel.open(TestAudio.MODELS.resolve(ModelFiles.SILERO_VAD), 1, "VAD");
        OnnxModel other = OnnxModel.open(TestAudio.MODELS.resolve(ModelFiles.SILERO_VAD), 2, "VAD");
        assertNotSame(again.session(), other.session(), "another thread count is another session");
        again.close();
        again.close(); // a second close of one handle must not free the session under another
        other.close();
    }
}
