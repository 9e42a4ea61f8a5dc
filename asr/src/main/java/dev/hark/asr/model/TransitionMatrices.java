package dev.hark.asr.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * HMM transition matrices ({@code transition_matrices}): for each matrix, natural-log
 * probabilities from each emitting state to each state including the final non-emitting one.
 * Rows are normalized to sum to one; non-zero probabilities are floored (Sphinx {@code -tmatfloor}, default 1e-4); impossible
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
                lp[t][i] = normalizedLog(r.readFloats(to), floor);
            }
        }
        r.finish();
        return new TransitionMatrices(lp, from);
    }

    /**
     * The file holds unnormalized transition counts (en-us rows sum to 10^4..10^6), so each row is
     * normalized, its non-zero entries floored, and normalized again, as Sphinx's tmat reader does.
     * Without this every frame in a state would earn the log of its row sum (up to +14 nats),
     * favouring phones with many training frames and letting silence swallow speech in noise.
     */
    static float[] normalizedLog(float[] row, float floor) {
        double sum = 0;
        for (float p : row) sum += Math.max(p, 0f);
        float[] out = new float[row.length];
        if (sum <= 0) {
            java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
            return out;
        }
        double[] q = new double[row.length];
        double sum2 = 0;
        for (int j = 0; j < row.length; j++) {
            q[j] = row[j] <= 0 ? 0 : Math.max(row[j] / sum, floor);
            sum2 += q[j];
        }
        for (int j = 0; j < row.length; j++) {
            out[j] = q[j] == 0 ? Float.NEGATIVE_INFINITY : (float) Math.log(q[j] / sum2);
        }
        return out;
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
