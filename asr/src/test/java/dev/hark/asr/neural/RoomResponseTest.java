package dev.hark.asr.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The training augmentation's reverberation (the real-input FFT convolution with the response's
 * spectrum kept per size) equals the direct sum, for responses shorter than, as long as and longer than
 * the signal, odd and even lengths, and one response reused across signal lengths that share a
 * transform size and ones that do not (a stale or wrongly truncated cached spectrum would fail).
 */
class RoomResponseTest {
    private static final double TOLERANCE = 1e-4;

    @Test
    void equalsTheDirectConvolution() {
        Random rnd = new Random(11);
        for (int taps : new int[] {1, 2, 77, 1000, 1023, 5000}) {
            float[] h = gaussian(rnd, taps);
            RoomResponse room = new RoomResponse(h);
            for (int len : new int[] {1000, 700, 1024, 1025, 3, 1, 4097, 1000}) {
                float[] x = gaussian(rnd, len);
                float[] y = room.reverberate(x);
                assertEquals(len, y.length);
                float[] direct = direct(x, h);
                for (int t = 0; t < len; t++) {
                    assertEquals(direct[t], y[t], TOLERANCE, "taps " + taps + ", length " + len + ", sample " + t);
                }
            }
        }
    }

    @Test
    void aDelayedImpulseDelaysTheSignal() {
        float[] h = new float[300];
        h[120] = 0.5f;
        float[] x = gaussian(new Random(5), 500);
        float[] y = new RoomResponse(h).reverberate(x);
        for (int t = 0; t < x.length; t++) {
            assertEquals(t < 120 ? 0 : 0.5 * x[t - 120], y[t], 1e-5, "sample " + t);
        }
    }

    private static float[] direct(float[] x, float[] h) {
        float[] y = new float[x.length];
        for (int t = 0; t < x.length; t++) {
            double sum = 0;
            for (int k = 0; k <= Math.min(t, h.length - 1); k++) sum += (double) h[k] * x[t - k];
            y[t] = (float) sum;
        }
        return y;
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian();
        return x;
    }
}
