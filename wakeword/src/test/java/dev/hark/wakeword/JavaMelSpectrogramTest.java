package dev.hark.wakeword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.audio.PcmFormat;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java mel spectrogram equals openWakeWord's {@code melspectrogram.onnx} on real recordings, bin
 * by bin, in the chunks the front end computes (1280 samples for a stream's first frame, 1760 after).
 * The tolerance is far below what a wrong window, filterbank, scale or floor would give: a symmetric
 * Hann window instead of the model's periodic one already moves bins by up to 0.56 dB here.
 */
class JavaMelSpectrogramTest {
    /** dB; measured: within 1.2e-4 dB of the model on every bin (float rounding in the FFT and the model's convolutions). */
    private static final double TOLERANCE = 1e-3;
    private static final int CHUNK = PcmFormat.FRAME_SAMPLES + SpeechEmbeddingFrontEnd.HISTORY_SAMPLES;
    private static OnnxMelSpectrogram onnx;
    private static JavaMelSpectrogram java;

    @BeforeAll
    static void load() throws Exception {
        onnx = new OnnxMelSpectrogram(TestAudio.MODELS.resolve(ModelFiles.MELSPECTROGRAM), 1,
                PcmFormat.FRAME_SAMPLES, CHUNK);
        java = new JavaMelSpectrogram();
    }

    @AfterAll
    static void close() {
        onnx.close();
        java.close();
    }

    @Test
    void realRecordingsMatchTheModelPerBin() throws Exception {
        double[] worst = new double[MelSpectrogram.BINS];
        int chunks = 0;
        for (String name : new String[] {"librivox/sense_and_sensibility_01_austen_64kb-0870.wav", "numbers.raw",
                "cards/001.wav"}) {
            short[] pcm = TestAudio.pocketsphinx(name);
            chunks += compare(pcm, PcmFormat.FRAME_SAMPLES, worst);
            for (int start = PcmFormat.FRAME_SAMPLES - SpeechEmbeddingFrontEnd.HISTORY_SAMPLES;
                 start + CHUNK <= pcm.length; start += PcmFormat.FRAME_SAMPLES) {
                chunks += compare(Arrays.copyOfRange(pcm, start, start + CHUNK), CHUNK, worst);
            }
        }
        double max = Arrays.stream(worst).max().orElseThrow();
        System.out.printf("java vs onnx mel: %d chunks, max |diff| per bin (dB) %s%n", chunks, Arrays.toString(worst));
        assertTrue(chunks > 100, "too little audio compared: " + chunks);
        assertTrue(max <= TOLERANCE, "Java mel differs from the model by " + max + " dB");
    }

    /** Digital silence before speech: the 80 dB floor below the chunk's loudest value binds, in both. */
    @Test
    void floorBelowTheLoudestValueBindsAsInTheModel() throws Exception {
        short[] pcm = new short[CHUNK];
        short[] speech = TestAudio.pocketsphinx("numbers.raw");
        int loudest = 0;
        for (int i = 0; i + CHUNK <= speech.length; i += 160) {
            loudest = TestAudio.rms(speech, i, i + 400) > TestAudio.rms(speech, loudest, loudest + 400) ? i : loudest;
        }
        System.arraycopy(speech, loudest, pcm, 1200, CHUNK - 1200);
        double[] worst = new double[MelSpectrogram.BINS];
        compare(pcm, CHUNK, worst);
        float[] out = new float[MelSpectrogram.frames(CHUNK) * MelSpectrogram.BINS];
        java.compute(floats(pcm), CHUNK, out);
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (float v : out) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertEquals(max - MelSpectrogram.TOP_DB, min, 1e-4, "the silent frames sit on the floor");
        assertTrue(Arrays.stream(worst).max().orElseThrow() <= TOLERANCE, Arrays.toString(worst));
    }

    private static int compare(short[] pcm, int length, double[] worst) throws Exception {
        float[] samples = floats(pcm);
        int frames = MelSpectrogram.frames(length);
        float[] expected = new float[frames * MelSpectrogram.BINS];
        float[] actual = new float[frames * MelSpectrogram.BINS];
        assertEquals(frames, onnx.compute(samples, length, expected));
        assertEquals(frames, java.compute(samples, length, actual));
        for (int i = 0; i < expected.length; i++) {
            int bin = i % MelSpectrogram.BINS;
            worst[bin] = Math.max(worst[bin], Math.abs(expected[i] - actual[i]));
        }
        return 1;
    }

    private static float[] floats(short[] pcm) {
        float[] f = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            f[i] = pcm[i];
        }
        return f;
    }
}
