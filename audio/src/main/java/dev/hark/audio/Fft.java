package dev.hark.audio;

/**
 * In-place iterative radix-2 complex FFT of one fixed power-of-two size, with the twiddle factors
 * and bit-reversal table computed once; shared by the recogniser's MFCC frontend and the speaker
 * frontend. O(n log n) per call, no allocation; an instance holds only read-only tables, so threads
 * may share it as long as each passes its own arrays.
 */
public final class Fft {
    private final int n;
    private final int[] reversed;
    private final double[] cos;
    private final double[] sin;

    /** @param n transform size, a power of two */
    public Fft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two: " + n);
        }
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = -Math.sin(2 * Math.PI * i / n);
        }
    }

    /** Transforms (re, im) in place: X[k] = sum x[t] e^{-2 pi i k t / n}. */
    public void transform(double[] re, double[] im) {
        for (int i = 0; i < n; i++) {
            int j = reversed[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    /**
     * The first {@code x.length} samples of the linear convolution of {@code x} with {@code h} (a
     * room impulse response applied to a clip), by one FFT of the next power of two above
     * {@code x.length + h.length - 1}. Allocates its own arrays: for offline augmentation, not a
     * per-frame path. O(n log n).
     */
    public static float[] convolve(float[] x, float[] h) {
        int n = Integer.highestOneBit(x.length + h.length - 1) << 1;
        double[] xr = new double[n];
        double[] xi = new double[n];
        double[] hr = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < x.length; i++) {
            xr[i] = x[i];
        }
        for (int i = 0; i < h.length; i++) {
            hr[i] = h[i];
        }
        Fft fft = new Fft(n);
        fft.transform(xr, xi);
        fft.transform(hr, hi);
        for (int k = 0; k < n; k++) {
            double r = xr[k] * hr[k] - xi[k] * hi[k];
            double im = xr[k] * hi[k] + xi[k] * hr[k];
            // conjugated, so that the second forward transform inverts (up to the conjugate and 1/n)
            xr[k] = r;
            xi[k] = -im;
        }
        fft.transform(xr, xi);
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (xr[i] / n);
        }
        return y;
    }
}
