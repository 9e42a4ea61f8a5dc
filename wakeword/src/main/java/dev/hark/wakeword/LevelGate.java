package dev.hark.wakeword;

/**
 * A cheap first gate in front of the VAD: is this 80 ms frame clearly louder than the background?
 * Tracks the background level as a floor that follows quieter frames at once and rises by
 * 0.5 dB per second otherwise; a frame is loud when it is 6 dB or more above the floor. Speech in
 * steady noise at 10 dB SNR still rises about 10 dB above it. Costs one pass over the samples and a
 * logarithm per frame; no allocation. Not thread-safe.
 */
final class LevelGate {
    static final double MARGIN_DB = 6.0;
    private static final double RISE_DB_PER_FRAME = 0.5 * 0.08;

    private double floorDb = Double.NaN;

    /** Updates the background level with {@code frame} and returns whether the frame stands out. */
    boolean loud(short[] frame) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        // +1 keeps digital silence finite (0 dB) without mattering for any real signal
        double level = 10 * Math.log10(sum / frame.length + 1);
        if (Double.isNaN(floorDb) || level < floorDb) {
            floorDb = level;
        } else {
            floorDb = Math.min(level, floorDb + RISE_DB_PER_FRAME);
        }
        return level >= floorDb + MARGIN_DB;
    }

    /** Forgets the background level. */
    void reset() {
        floorDb = Double.NaN;
    }
}
