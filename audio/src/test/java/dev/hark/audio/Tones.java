package dev.hark.audio;

/** Test signals and their measurement by single-bin DFT (Goertzel). */
final class Tones {
    private Tones() {
    }

    static float[] sine(double freq, int rate, double seconds, double amplitude) {
        float[] x = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * freq * i / rate));
        }
        return x;
    }

    /** Amplitude of the component at {@code freq} over x[from, to), Hann-windowed. */
    static double amplitude(float[] x, int from, int to, double freq, int rate) {
        double re = 0, im = 0, wsum = 0;
        int n = to - from;
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            double ph = 2 * Math.PI * freq * i / rate;
            re += w * x[from + i] * Math.cos(ph);
            im += w * x[from + i] * Math.sin(ph);
            wsum += w;
        }
        return 2 * Math.hypot(re, im) / wsum;
    }

    static double amplitude(short[] x, int from, int to, double freq, int rate) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = x[i] / 32768f;
        }
        return amplitude(f, from, to, freq, rate);
    }

    /** Frequency of the strongest component between lo and hi, searched in 0.5 Hz steps. */
    static double peak(float[] x, int from, int to, double lo, double hi, int rate) {
        double best = lo, bestA = -1;
        for (double f = lo; f <= hi; f += 0.5) {
            double a = amplitude(x, from, to, f, rate);
            if (a > bestA) {
                bestA = a;
                best = f;
            }
        }
        return best;
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }
}
