package dev.hark.audio;

/**
 * Band-limited sample-rate conversion by windowed-sinc interpolation (Kaiser window), the classic
 * resampler of Smith's "Digital Audio Resampling". The low-pass cut-off sits just below the lower of
 * the two Nyquist frequencies, so downsampling does not alias and upsampling does not image.
 *
 * <p>Cost: {@code 2 * halfTaps} multiply-adds per output sample, with the filter read from a
 * precomputed table (built once per instance). Instances are immutable and thread-safe; a
 * {@link #stream()} resamples a signal that arrives in pieces, in constant memory, to exactly the
 * samples {@link #process(float[])} gives for the whole signal.
 */
public final class Resampler {
    private static final int PHASES = 256;
    private static final int ZERO_CROSSINGS = 24;
    private static final double KAISER_BETA = 8.6;
    private static final double PASSBAND = 0.92;

    private final int inRate;
    private final int outRate;
    private final double step;
    private final double cutoff;
    private final int halfTaps;
    private final float[] table;

    /**
     * @param inRate  rate of the input, samples per second
     * @param outRate rate of the output, samples per second
     */
    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        this.step = inRate / (double) outRate;
        // cut-off in cycles per input sample, relative to the input Nyquist (1.0 = inRate / 2)
        this.cutoff = PASSBAND * Math.min(1.0, outRate / (double) inRate);
        this.halfTaps = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
        this.table = buildTable();
    }

    private float[] buildTable() {
        int n = halfTaps * PHASES + 2;
        float[] t = new float[n];
        double i0Beta = besselI0(KAISER_BETA);
        for (int i = 0; i < n; i++) {
            double x = i / (double) PHASES; // distance in input samples
            double r = x / halfTaps;
            double window = r >= 1.0 ? 0.0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
            double arg = Math.PI * cutoff * x;
            double sinc = x == 0 ? 1.0 : Math.sin(arg) / arg;
            t[i] = (float) (cutoff * sinc * window);
        }
        return t;
    }

    private static double besselI0(double x) {
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    /** Number of output samples {@link #process(float[])} returns for {@code inputLength} inputs. */
    public int outputLength(int inputLength) {
        return (int) outputLength(inputLength, inRate, outRate);
    }

    private static long outputLength(long inputLength, int inRate, int outRate) {
        return (long) Math.floor(inputLength * (long) outRate / (double) inRate);
    }

    /**
     * Resamples a whole signal. Samples beyond either end count as zero.
     *
     * @return a new array of {@link #outputLength(int)} samples
     */
    public float[] process(float[] in) {
        if (inRate == outRate) {
            return in.clone();
        }
        float[] out = new float[outputLength(in.length)];
        for (int n = 0; n < out.length; n++) {
            double t = n * step;
            int centre = (int) Math.floor(t);
            double frac = t - centre;
            double acc = 0;
            int lo = Math.max(0, centre - halfTaps + 1);
            int hi = Math.min(in.length - 1, centre + halfTaps);
            for (int k = lo; k <= hi; k++) {
                acc += in[k] * kernel(Math.abs(k - centre - frac));
            }
            out[n] = (float) acc;
        }
        return out;
    }

    /** A resampler for one signal that arrives in pieces; not thread-safe. */
    public Stream stream() {
        return new Stream();
    }

    /**
     * Resamples a signal fed in pieces: {@link #push} takes input and writes the outputs whose filter
     * window is complete, {@link #finish} writes the rest (input beyond the end counts as zero). The
     * outputs, concatenated, equal {@link #process(float[])} of the whole input, sample for sample.
     * Holds the last {@code 2 * halfTaps} inputs plus one piece; allocates only when a piece is larger
     * than any before.
     */
    public final class Stream {
        /** Input samples from absolute index {@link #base}; {@link #held} of them are valid. */
        private float[] held = new float[4 * halfTaps + 1024];
        private int count;
        private long base;
        private long received;
        private long next;

        private Stream() {
        }

        /**
         * Adds {@code n} input samples from {@code in} and writes into {@code out} (from index 0) the
         * outputs that are now complete; returns how many. {@code out} must hold
         * {@link #maxOutput(int) maxOutput(n)} samples.
         */
        public int push(float[] in, int n, float[] out) {
            if (count + n > held.length) {
                // keep what the next output's window still reaches
                int keep = (int) Math.max(0, Math.min(count, received - Math.max(0, firstTap(next))));
                float[] dst = keep + n > held.length ? new float[Math.max(2 * held.length, keep + n + 1024)] : held;
                System.arraycopy(held, count - keep, dst, 0, keep);
                held = dst;
                base = received - keep;
                count = keep;
            }
            System.arraycopy(in, 0, held, count, n);
            count += n;
            received += n;
            int written = 0;
            // an output is complete once the last input its window reaches has arrived
            while (centre(next) + halfTaps < received) {
                out[written++] = output(next++, received);
            }
            return written;
        }

        /** Writes the outputs left once the input has ended into {@code out}; returns how many. */
        public int finish(float[] out) {
            long total = outputLength(received, inRate, outRate);
            int written = 0;
            while (next < total) {
                out[written++] = output(next++, received);
            }
            return written;
        }

        /** The most outputs one {@link #push} of {@code n} samples (or a {@link #finish}) can write. */
        public int maxOutput(int n) {
            return (int) Math.ceil((n + 2.0 * halfTaps + 2) * outRate / inRate) + 2;
        }

        private long centre(long n) {
            return (long) Math.floor(n * step);
        }

        private long firstTap(long n) {
            return centre(n) - halfTaps + 1;
        }

        private float output(long n, long length) {
            if (inRate == outRate) {
                return held[(int) (n - base)];
            }
            double t = n * step;
            long centre = (long) Math.floor(t);
            double frac = t - centre;
            double acc = 0;
            long lo = Math.max(0, centre - halfTaps + 1);
            long hi = Math.min(length - 1, centre + halfTaps);
            for (long k = lo; k <= hi; k++) {
                acc += held[(int) (k - base)] * kernel(Math.abs(k - centre - frac));
            }
            return (float) acc;
        }
    }

    private double kernel(double distance) {
        double pos = distance * PHASES;
        int i = (int) pos;
        if (i >= table.length - 1) {
            return 0;
        }
        double f = pos - i;
        return table[i] + f * (table[i + 1] - table[i]);
    }
}
