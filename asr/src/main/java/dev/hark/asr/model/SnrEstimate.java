package dev.hark.asr.model;

import java.util.Arrays;

/**
 * A running estimate of an utterance's signal-to-noise ratio from its frames' energies: the spread,
 * in dB, between loud frames (the {@value #HIGH} quantile of c0, the cepstral log energy) and quiet
 * ones (the {@value #LOW} quantile), over every frame seen so far. In noise the quiet frames are the
 * noise floor and the spread shrinks; in quiet rooms it is large. It is a proxy, not a measurement:
 * the fusion weights that use it were chosen against it on noisy recordings
 * (docs/benchmarks/asr.md). c0 = sqrt(1/nfilt) * sum of log mel energies, so one nat of c0 is
 * 10 log10(e) / sqrt(nfilt) dB of mean band energy. Cost: O(1) per frame and O(bins) per estimate;
 * no allocation.
 */
final class SnrEstimate {
    static final double LOW = 0.1;
    static final double HIGH = 0.9;
    private static final float MIN_C0 = -60f;
    private static final float BIN = 0.25f;
    private static final float DB_PER_C0 = (float) (10 / Math.log(10) / Math.sqrt(25));
    private final int[] histogram = new int[480];
    private int count;

    void add(float c0) {
        int b = (int) ((c0 - MIN_C0) / BIN);
        histogram[Math.max(0, Math.min(histogram.length - 1, b))]++;
        count++;
    }

    void reset() {
        Arrays.fill(histogram, 0);
        count = 0;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The spread so far, in dB (0 before any frame). */
    float decibels() {
        if (count == 0) return 0f;
        return (quantile(HIGH) - quantile(LOW)) * DB_PER_C0;
    }

    private float quantile(double q) {
        int target = (int) Math.ceil(q * count);
        int seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen >= Math.max(1, target)) return MIN_C0 + (b + 0.5f) * BIN;
        }
        return MIN_C0 + histogram.length * BIN;
    }
}
