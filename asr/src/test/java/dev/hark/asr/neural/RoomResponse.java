package dev.hark.asr.neural;

import dev.hark.audio.Fft;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One room impulse response applied to speech: {@link #reverberate} gives the first {@code x.length}
 * samples of the linear convolution of {@code x} with the response, as {@link Fft#convolve} does, for
 * less. Only the response's first {@code x.length} taps reach those samples, so the transform is the
 * smallest power of two n at or above {@code x.length + min(taps, x.length) - 1} (a 5 s hall and a
 * 4 s utterance: 2^17 instead of 2^18); both signals are real, so each length-n transform is one
 * complex FFT of n/2 points (even samples real, odd imaginary) and a split; and the response's
 * spectrum is computed once per n and kept (a handful of sizes per corpus, n/2 + 1 complex bins each).
 * Cost per call: two complex FFTs of n/2 points and O(n) besides; allocates its own arrays (offline
 * augmentation, not a per-frame path). Thread-safe: the cached spectra are computed once and only read.
 */
final class RoomResponse {
    /** The complex FFT of n/2 points and the twiddles e^{-2 pi i k / n}, k = 0..n/2, of one size n. */
    private record Plan(Fft half, double[] cos, double[] sin) {
    }

    private static final Map<Integer, Plan> PLANS = new ConcurrentHashMap<>();

    private final float[] taps;
    /** Size n -> spectrum of taps[0 .. min(taps, n/2)): {re[0..n/2], im[0..n/2]}. */
    private final Map<Integer, double[][]> spectra = new ConcurrentHashMap<>();

    RoomResponse(float[] taps) {
        if (taps.length == 0) throw new IllegalArgumentException("empty room response");
        this.taps = taps.clone();
    }

    /** The first {@code x.length} samples of {@code x} convolved with the response. */
    float[] reverberate(float[] x) {
        if (x.length == 0) return new float[0];
        int n = Math.max(4, Integer.highestOneBit(Math.max(1, x.length + Math.min(taps.length, x.length) - 2)) << 1);
        // n/2 taps always cover the min(taps, x.length) that reach the output, and with x.length <= n/2
        // (or taps <= n/2 and x.length + taps - 1 <= n) nothing wraps around into it: one spectrum per n
        double[][] h = spectra.computeIfAbsent(n, size -> spectrum(taps, Math.min(taps.length, size / 2), size));
        double[][] y = spectrum(x, x.length, n);
        int m = n / 2;
        for (int k = 0; k <= m; k++) {
            double r = y[0][k] * h[0][k] - y[1][k] * h[1][k];
            double i = y[0][k] * h[1][k] + y[1][k] * h[0][k];
            y[0][k] = r;
            y[1][k] = i;
        }
        return inverse(y, n, x.length);
    }

    private static Plan plan(int n) {
        return PLANS.computeIfAbsent(n, size -> {
            int m = size / 2;
            double[] cos = new double[m + 1];
            double[] sin = new double[m + 1];
            for (int k = 0; k <= m; k++) {
                cos[k] = Math.cos(2 * Math.PI * k / size);
                sin[k] = Math.sin(2 * Math.PI * k / size);
            }
            return new Plan(new Fft(m), cos, sin);
        });
    }

    /** Bins 0..n/2 of the length-n DFT of s[0..len) (zero beyond): one n/2-point FFT of the even/odd pairs. */
    private static double[][] spectrum(float[] s, int len, int n) {
        Plan p = plan(n);
        int m = n / 2;
        double[] zr = new double[m];
        double[] zi = new double[m];
        for (int i = 0; i < len; i++) {
            if ((i & 1) == 0) zr[i >> 1] = s[i];
            else zi[i >> 1] = s[i];
        }
        p.half.transform(zr, zi);
        double[] re = new double[m + 1];
        double[] im = new double[m + 1];
        for (int k = 0; k <= m; k++) {
            int a = k % m;
            int b = (m - k) % m;
            // the even samples' spectrum E = (Z[k] + conj Z[m-k]) / 2, the odd ones' O = (Z[k] - conj Z[m-k]) / 2i
            double er = (zr[a] + zr[b]) / 2;
            double ei = (zi[a] - zi[b]) / 2;
            double or = (zi[a] + zi[b]) / 2;
            double oi = -(zr[a] - zr[b]) / 2;
            // X[k] = E + e^{-2 pi i k / n} O
            re[k] = er + p.cos[k] * or + p.sin[k] * oi;
            im[k] = ei + p.cos[k] * oi - p.sin[k] * or;
        }
        return new double[][] {re, im};
    }

    /** The first {@code len} samples of the real length-n signal whose DFT bins 0..n/2 are {@code y}. */
    private static float[] inverse(double[][] y, int n, int len) {
        Plan p = plan(n);
        int m = n / 2;
        double[] zr = new double[m];
        double[] zi = new double[m];
        for (int k = 0; k < m; k++) {
            double cr = y[0][m - k];
            double ci = -y[1][m - k];
            double er = (y[0][k] + cr) / 2;
            double ei = (y[1][k] + ci) / 2;
            double dr = (y[0][k] - cr) / 2;
            double di = (y[1][k] - ci) / 2;
            // O = D e^{+2 pi i k / n}; Z = E + i O, conjugated so that the forward transform inverts
            double or = dr * p.cos[k] - di * p.sin[k];
            double oi = dr * p.sin[k] + di * p.cos[k];
            zr[k] = er - oi;
            zi[k] = -(ei + or);
        }
        p.half.transform(zr, zi);
        float[] out = new float[len];
        for (int i = 0; i < len; i++) {
            out[i] = (float) ((i & 1) == 0 ? zr[i >> 1] / m : -zi[i >> 1] / m);
        }
        return out;
    }
}
