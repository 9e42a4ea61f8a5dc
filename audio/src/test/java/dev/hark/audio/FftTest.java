package dev.hark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FftTest {

    @Test
    void matchesTheDefinitionOfTheDft() {
        int n = 64;
        Random rnd = new Random(7);
        double[] re = new double[n], im = new double[n];
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = re[i] = rnd.nextGaussian();
            y[i] = im[i] = rnd.nextGaussian();
        }
        new Fft(n).transform(re, im);
        for (int k = 0; k < n; k++) {
            double sr = 0, si = 0;
            for (int t = 0; t < n; t++) {
                double a = -2 * Math.PI * k * t / n;
                sr += x[t] * Math.cos(a) - y[t] * Math.sin(a);
                si += x[t] * Math.sin(a) + y[t] * Math.cos(a);
            }
            assertEquals(sr, re[k], 1e-9, "bin " + k);
            assertEquals(si, im[k], 1e-9, "bin " + k);
        }
    }

    @Test
    void convolvesLikeTheDirectSum() {
        Random rnd = new Random(3);
        float[] x = new float[300];
        float[] h = new float[77];
        for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
        for (int i = 0; i < h.length; i++) h[i] = (float) rnd.nextGaussian();
        float[] y = Fft.convolve(x, h);
        assertEquals(x.length, y.length);
        for (int t = 0; t < y.length; t++) {
            double sum = 0;
            for (int k = 0; k <= Math.min(t, h.length - 1); k++) sum += h[k] * x[t - k];
            assertEquals(sum, y[t], 1e-3, "sample " + t);
        }
    }

    @Test
    void refusesSizesThatAreNotPowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new Fft(400));
    }
}
