package dev.hark.asr.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * HMM transition matrices ({@code transition_matrices}): for each matrix, natural-log
 * probabilities from each emitting state to each state including the final non-emitting one.
 * Non-zero probabilities are floored (Sphinx {@code -tmatfloor}, default 1e-4); impossible
 * transitions are {@link Float#NEGATIVE_INFINITY}. Immutable, a few kilobytes.
 */
public final class TransitionMatrices {
    private final float[][][] logProb;
    private final int states;

    private TransitionMatrices(float[][][] logProb, int states) {
        this.logProb = logProb;
        this.states = states;
    }

    /** Reads the file and converts to floored log probabilities. */
    public static TransitionMatrices read(Path file, float floor) throws IOException {
        S3BinaryReader r = new S3BinaryReader(file);
        int n = r.readInt(), from = r.readInt(), to = r.readInt(), count = r.readInt();
        if (to != from + 1 || count != n * from * to || n <= 0) {
            throw new ModelFormatException(file + ": bad dimensions " + n + "x" + from + "x" + to);
        }
        float[][][] lp = new float[n][from][];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < from; i++) {
                float[] row = r.readFloats(to);
                for (int j = 0; j < to; j++) {
                    float p = row[j];
                    row[j] = p <= 0 ? Float.NEGATIVE_INFINITY : (float) Math.log(Math.max(p, floor));
                }
                lp[t][i] = row;
            }
        }
        r.finish();
        return new TransitionMatrices(lp, from);
    }

    /** Number of matrices. */
    public int count() {
        return logProb.length;
    }

    /** Emitting states per matrix. */
    public int emittingStates() {
        return states;
    }

    /** Log probability from emitting state {@code i} to state {@code j} ({@code j == emittingStates()} is the exit). */
    public float logProb(int matrix, int i, int j) {
        return logProb[matrix][i][j];
    }
}
