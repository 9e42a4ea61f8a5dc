package dev.hark.wakeword.training;

import java.util.List;

/**
 * Picks a head's threshold from its scores on negative streams: the lowest threshold at which the
 * negatives give at most the target rate of false activations (an activation being a score at or
 * above the threshold, then {@link #REFRACTORY_ROWS} frames muted, as the detector does). With fewer
 * hours of negatives than the target's period (10 hours for 1 per 10 h) that means none at all.
 * Cost: one pass over the scores per probe, at most 60 probes.
 */
final class Calibration {
    /** The detector's default refractory period, 2 s, in 80 ms frames. */
    static final int REFRACTORY_ROWS = 25;
    /** Trained heads saturate: their hardest negatives can score above 0.999, so the search goes on to here. */
    static final float MAX_THRESHOLD = 0.99999f;

    private Calibration() {
    }

    /** Activations in {@code scores} (one array per stream, NaN where no window exists) at {@code threshold}. */
    static int activations(List<float[]> scores, float threshold) {
        int count = 0;
        for (float[] s : scores) {
            int muted = 0;
            for (float v : s) {
                if (muted > 0) {
                    muted--;
                } else if (v >= threshold) {
                    count++;
                    muted = REFRACTORY_ROWS;
                }
            }
        }
        return count;
    }

    /**
     * The lowest threshold (to 1e-7, at most {@link #MAX_THRESHOLD}) with at most
     * {@code floor(hours * perTenHours / 10)} activations.
     */
    static float threshold(List<float[]> scores, double hours, double perTenHours) {
        int allowed = (int) Math.floor(hours * perTenHours / 10);
        float lo = 0f;
        float hi = MAX_THRESHOLD;
        if (activations(scores, hi) > allowed) {
            return hi;
        }
        for (int i = 0; i < 60 && hi - lo > 1e-7f; i++) {
            float mid = (lo + hi) / 2;
            if (activations(scores, mid) <= allowed) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** Fraction of {@code peaks} (each clip's highest score) at or above {@code threshold}. */
    static double recall(float[] peaks, float threshold) {
        if (peaks.length == 0) {
            return Double.NaN;
        }
        int hit = 0;
        for (float p : peaks) {
            if (p >= threshold) {
                hit++;
            }
        }
        return hit / (double) peaks.length;
    }
}
