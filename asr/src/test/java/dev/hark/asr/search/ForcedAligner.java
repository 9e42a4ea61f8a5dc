package dev.hark.asr.search;

import dev.hark.asr.model.AcousticModel;
import java.util.Arrays;

/**
 * Viterbi alignment of an utterance to a {@link SearchGraph} (normally the graph of one known
 * sentence, with the builder's optional silences and fillers between words): the best state path
 * through the grammar's HMM nodes, reported as the senone of every frame. The phone loop is left
 * out. Unlike {@link Decoder} nothing is pruned and every frame keeps its back-pointers, so memory
 * is frames x grammar nodes x states ints: meant for sentence graphs, where that is a few MB.
 * Used to make the teacher targets of the neural acoustic model (a training tool, not run by Hark).
 */
public final class ForcedAligner {
    private static final float NONE = Float.NEGATIVE_INFINITY;

    private final AcousticModel model;
    private final SearchGraph g;
    private final int S;
    private final int nodes;
    private final float[] tp;
    private final int[] senones;
    private final float[] senScores;

    public ForcedAligner(AcousticModel model, SearchGraph graph) {
        this.model = model;
        this.g = graph;
        this.S = graph.states;
        this.nodes = graph.loopStart;
        int nt = model.transitions().count();
        tp = new float[nt * S * (S + 1)];
        for (int m = 0; m < nt; m++) {
            for (int i = 0; i < S; i++) {
                for (int j = 0; j <= S; j++) tp[(m * S + i) * (S + 1) + j] = model.transitions().logProb(m, i, j);
            }
        }
        boolean[] used = new boolean[model.senoneCount()];
        for (int n = 0; n < nodes; n++) {
            for (int j = 0; j < S; j++) used[graph.hmmSenones[graph.hmm[n] * S + j]] = true;
        }
        int count = 0;
        for (boolean u : used) if (u) count++;
        senones = new int[count];
        for (int s = 0, k = 0; s < used.length; s++) if (used[s]) senones[k++] = s;
        senScores = new float[model.senoneCount()];
    }

    /**
     * The senone of each frame on the best path that starts at a start node and leaves a final
     * node after the last frame, or null when no such path exists (fewer frames than states).
     */
    public int[] align(float[][] features) {
        int T = features.length;
        if (T == 0) return null;
        int W = S + 1;
        int cells = nodes * S;
        float[] score = new float[cells];
        float[] next = new float[cells];
        int[][] back = new int[T][cells];
        float[] entry = new float[nodes];
        int[] entryFrom = new int[nodes];
        Arrays.fill(score, NONE);
        Arrays.fill(entry, NONE);
        for (int i = 0; i < g.startNodes.length; i++) {
            int nd = g.startNodes[i];
            if (nd < nodes && g.startPenalty[i] > entry[nd]) {
                entry[nd] = g.startPenalty[i];
                entryFrom[nd] = -1;
            }
        }
        for (int t = 0; t < T; t++) {
            model.setFrame(features[t]);
            model.score(senones, senones.length, senScores);
            int[] bp = back[t];
            for (int nd = 0; nd < nodes; nd++) {
                int base = nd * S;
                int hb = g.hmm[nd] * S;
                int tb = g.hmmTmat[g.hmm[nd]] * S * W;
                for (int j = 0; j < S; j++) {
                    float best = score[base + j] + tp[tb + j * W + j];
                    int from = base + j;
                    for (int k = 1; k <= 2 && j - k >= 0; k++) {
                        float c = score[base + j - k] + tp[tb + (j - k) * W + j];
                        if (c > best) {
                            best = c;
                            from = base + j - k;
                        }
                    }
                    if (j == 0 && entry[nd] > best) {
                        best = entry[nd];
                        from = entryFrom[nd];
                    }
                    next[base + j] = best == NONE ? NONE : best + senScores[g.hmmSenones[hb + j]];
                    bp[base + j] = from;
                }
            }
            float[] swap = score;
            score = next;
            next = swap;
            // exits feed the successors' first states at the next frame
            Arrays.fill(entry, NONE);
            for (int nd = 0; nd < nodes; nd++) {
                int base = nd * S;
                int tb = g.hmmTmat[g.hmm[nd]] * S * W;
                float exit = NONE;
                int from = -1;
                for (int j = 0; j < S; j++) {
                    float c = score[base + j] + tp[tb + j * W + S];
                    if (c > exit) {
                        exit = c;
                        from = base + j;
                    }
                }
                if (exit == NONE) continue;
                for (int k = g.succStart[nd], end = g.succStart[nd + 1]; k < end; k++) {
                    int to = g.succ[k];
                    if (to >= nodes) continue;
                    float v = exit + g.succPenalty[k];
                    if (v > entry[to]) {
                        entry[to] = v;
                        entryFrom[to] = from;
                    }
                }
            }
        }
        float bestFinal = NONE;
        int cell = -1;
        for (int nd = 0; nd < nodes; nd++) {
            if (g.finalOf[nd] < 0) continue;
            int base = nd * S;
            int tb = g.hmmTmat[g.hmm[nd]] * S * W;
            for (int j = 0; j < S; j++) {
                float c = score[base + j] + tp[tb + j * W + S];
                if (c > bestFinal) {
                    bestFinal = c;
                    cell = base + j;
                }
            }
        }
        if (cell < 0) return null;
        int[] path = new int[T];
        for (int t = T - 1; t >= 0; t--) {
            int nd = cell / S;
            path[t] = g.hmmSenones[g.hmm[nd] * S + cell % S];
            cell = back[t][cell];
            if (cell < 0 && t > 0) return null;
        }
        return path;
    }
}
