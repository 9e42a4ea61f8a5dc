package dev.hark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void downsamplingKeepsFrequencyAndLevel() {
        float[] in = Tones.sine(1000, 44_100, 1.0, 0.5);
        float[] out = new Resampler(44_100, 16_000).process(in);
        assertEquals(16_000, out.length);
        // away from the edges, where the filter sees zeros
        assertEquals(1000.0, Tones.peak(out, 2000, 14_000, 950, 1050, 16_000), 0.5);
        assertEquals(0.5, Tones.amplitude(out, 2000, 14_000, 1000, 16_000), 0.005);
    }

    @Test
    void downsamplingRemovesWhatWouldAlias() {
        // 12 kHz is above the 8 kHz Nyquist of the output; dropping samples would fold it to 4 kHz
        float[] in = Tones.sine(12_000, 44_100, 1.0, 0.5);
        float[] out = new Resampler(44_100, 16_000).process(in);
        assertTrue(Tones.rms(out, 2000, 14_000) < 0.5e-3, "alias leaked: rms " + Tones.rms(out, 2000, 14_000));
        assertTrue(Tones.amplitude(out, 2000, 14_000, 4000, 16_000) < 1e-3);
    }

    @Test
    void upsamplingKeepsToneWithoutImage() {
        float[] in = Tones.sine(3000, 8000, 1.0, 0.5);
        float[] out = new Resampler(8000, 16_000).process(in);
        assertEquals(16_000, out.length);
        assertEquals(0.5, Tones.amplitude(out, 2000, 14_000, 3000, 16_000), 0.005);
        // the image a zero-stuffing upsampler would leave at 8000 - 3000 = 5 kHz
        assertTrue(Tones.amplitude(out, 2000, 14_000, 5000, 16_000) < 1e-3);
    }

    @Test
    void sameRateIsIdentity() {
        float[] in = Tones.sine(440, 16_000, 0.1, 0.3);
        float[] out = new Resampler(16_000, 16_000).process(in);
        assertEquals(in.length, out.length);
        for (int i = 0; i < in.length; i++) {
            assertEquals(in[i], out[i]);
        }
    }
}
