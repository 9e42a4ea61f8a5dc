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
    void refusesSizesThatAreNotPowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new Fft(400));
    }
}
