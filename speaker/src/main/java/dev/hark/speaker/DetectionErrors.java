package dev.hark.speaker;

import java.util.Arrays;

/**
 * Error rates of a score threshold over labelled trials: target scores (the right person) and
 * non-target scores (someone else). Used to measure a speaker model and to calibrate its threshold.
 * Immutable; building sorts both score arrays (O(n log n)), each query is a binary search.
 */
public final class DetectionErrors {
    private final double[] targets;
    private final double[] nonTargets;

    /** Copies and sorts the scores; both sides need at least one trial. */
    public DetectionErrors(double[] targetScores, double[] nonTargetScores) {
        if (targetScores.length == 0 || nonTargetScores.length == 0) {
            throw new IllegalArgumentException("error rates need target and non-target trials ("
                    + targetScores.length + " and " + nonTargetScores.length + ")");
        }
        targets = targetScores.clone();
        nonTargets = nonTargetScores.clone();
        Arrays.sort(targets);
        Arrays.sort(nonTargets);
    }

    public int targetTrials() {
        return targets.length;
    }

    public int nonTargetTrials() {
        return nonTargets.length;
    }

    /** Share of target trials scoring below {@code threshold} (rejected). */
    public double falseRejectRate(double threshold) {
        return below(targets, threshold) / (double) targets.length;
    }

    /** Share of non-target trials scoring at or above {@code threshold} (accepted). */
    public double falseAcceptRate(double threshold) {
        return (nonTargets.length - below(nonTargets, threshold)) / (double) nonTargets.length;
    }

    /**
     * The threshold, among the trials' own scores, where the false-reject and false-accept rates
     * are closest, and their mean there: {@code {eer, threshold}}.
     */
    public double[] equalErrorRate() {
        double bestGap = Double.MAX_VALUE;
        double eer = 1;
        double at = 0;
        for (double[] side : new double[][] {targets, nonTargets}) {
            for (double t : side) {
                double fr = falseRejectRate(t);
                double fa = falseAcceptRate(t);
                if (Math.abs(fr - fa) < bestGap || (Math.abs(fr - fa) == bestGap && t < at)) {
                    bestGap = Math.abs(fr - fa);
                    eer = (fr + fa) / 2;
                    at = t;
                }
            }
        }
        return new double[] {eer, at};
    }

    /** How many of the sorted {@code scores} are below {@code threshold}. */
    private static int below(double[] scores, double threshold) {
        int lo = 0;
        int hi = scores.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (scores[mid] < threshold) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
