package dev.hark.asr.search;

import dev.hark.asr.model.AcousticModel;
import dev.hark.asr.model.TransitionMatrices;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frame-synchronous Viterbi beam search over a {@link SearchGraph}. Feed one feature frame at a
 * time with {@link #processFrame}; {@link #finish} backtraces the best path that reaches a final
 * state on the last frame. Only the senones of active HMMs are scored. Pruning: a beam relative to
 * the best grammar hypothesis (and, separately, the best phone-loop hypothesis), a word-exit beam,
 * and histogram pruning to {@code maxActive} HMMs. Per frame it allocates nothing (the word
 * history table grows geometrically). Not thread-safe; one decoder per stream.
 */
public final class Decoder {
    private static final float NONE = Float.NEGATIVE_INFINITY;

    private final AcousticModel model;
    private final SearchGraph g;
    private final SearchParameters p;
    private final TransitionMatrices tm;
    private final int S;
    private final float[] tp; // [tmat][from][to] flattened, to in 0..S
    private final float[] score;
    private final int[] hist;
    private final float[] entry;
    private final int[] entryHist;
    private final int[] activeStamp;
    private int[] active;
    private int activeCount;
    private int[] nextActive;
    private int nextCount;
    private final float[] nodeBest;
    private final int[] senStamp;
    private final int[] senList;
    private final float[] senScores;
    private final float[] pruneScratch;
    private int exactSenones;
    // word history
    private int[] hInst = new int[1024];
    private int[] hFrame = new int[1024];
    private int[] hPrev = new int[1024];
    private int hCount;
    private int frame;
    private double offset;
    private float finalScore;
    private int finalHist;
    private int finalNode;
    private float loopExit;
    // the latest frame on which a path reached the end of the grammar, for when the last frame has none
    private float lastFinalScore;
    private int lastFinalHist;
    private int lastFinalNode;
    private int lastFinalFrames;
    private double lastFinalLoop;
    private double lastFinalOffset;

    /** A decoder for one graph and model. */
    public Decoder(AcousticModel model, SearchGraph graph, SearchParameters params) {
        this.model = model;
        this.g = graph;
        this.p = params;
        this.tm = model.transitions();
        this.S = graph.states;
        int nt = tm.count();
        tp = new float[nt * S * (S + 1)];
        for (int m = 0; m < nt; m++) {
            for (int i = 0; i < S; i++) {
                for (int j = 0; j <= S; j++) {
                    tp[(m * S + i) * (S + 1) + j] = tm.logProb(m, i, j);
                }
            }
        }
        int n = graph.nodeCount;
        score = new float[n * S];
        hist = new int[n * S];
        entry = new float[n];
        entryHist = new int[n];
        activeStamp = new int[n];
        active = new int[n];
        nextActive = new int[n];
        nodeBest = new float[n];
        pruneScratch = new float[n];
        senStamp = new int[model.senoneCount()];
        senList = new int[model.senoneCount()];
        senScores = new float[model.senoneCount()];
        reset();
    }

    /** Starts a new utterance. */
    public void reset() {
        model.reset();
        Arrays.fill(score, NONE);
        Arrays.fill(entry, NONE);
        Arrays.fill(activeStamp, -1);
        Arrays.fill(senStamp, -1);
        activeCount = 0;
        nextCount = 0;
        hCount = 0;
        frame = 0;
        offset = 0;
        finalScore = NONE;
        loopExit = NONE;
        lastFinalScore = NONE;
        for (int i = 0; i < g.startNodes.length; i++) {
            int nd = g.startNodes[i];
            if (g.startPenalty[i] > entry[nd]) {
                entry[nd] = g.startPenalty[i];
                entryHist[nd] = -1;
            }
            if (activeStamp[nd] != 0) {
                activeStamp[nd] = 0;
                nextActive[nextCount++] = nd;
            }
        }
    }

    /** Advances the search by one 39-dimensional feature frame. */
    public void processFrame(float[] feature) {
        int t = frame;
        // nextActive holds the nodes active now (survivors plus newly entered), stamped t
        int[] swap = active;
        active = nextActive;
        nextActive = swap;
        activeCount = nextCount;
        nextCount = 0;
        // senones: the grammar's first (scored exactly), then those only the phone loop needs
        int nsen = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int a = 0; a < activeCount; a++) {
                int nd = active[a];
                if ((nd >= g.loopStart) != (pass == 1)) continue;
                int hb = g.hmm[nd] * S;
                for (int j = 0; j < S; j++) {
                    int s = g.hmmSenones[hb + j];
                    if (senStamp[s] != t) {
                        senStamp[s] = t;
                        senList[nsen++] = s;
                    }
                }
            }
            if (pass == 0) exactSenones = nsen;
        }
        model.setFrame(feature);
        model.score(senList, exactSenones, nsen, senScores);
        float senMax = NONE;
        for (int i = 0; i < nsen; i++) senMax = Math.max(senMax, senScores[senList[i]]);
        for (int i = 0; i < nsen; i++) senScores[senList[i]] -= senMax;
        offset += senMax;
        // Viterbi within HMMs
        float bestG = NONE, bestL = NONE;
        int W = S + 1;
        for (int a = 0; a < activeCount; a++) {
            int nd = active[a];
            int base = nd * S;
            int h0 = g.hmm[nd];
            int hb = h0 * S;
            int tb = g.hmmTmat[h0] * S * W;
            float e = entry[nd];
            float nb = NONE;
            for (int j = S - 1; j >= 0; j--) {
                float best = score[base + j] + tp[tb + j * W + j];
                int h = hist[base + j];
                if (j >= 1) {
                    float c = score[base + j - 1] + tp[tb + (j - 1) * W + j];
                    if (c > best) {
                        best = c;
                        h = hist[base + j - 1];
                    }
                }
                if (j >= 2) {
                    float c = score[base + j - 2] + tp[tb + (j - 2) * W + j];
                    if (c > best) {
                        best = c;
                        h = hist[base + j - 2];
                    }
                }
                if (j == 0 && e > best) {
                    best = e;
                    h = entryHist[nd];
                }
                float v = best == NONE ? NONE : best + senScores[g.hmmSenones[hb + j]];
                score[base + j] = v;
                hist[base + j] = h;
                if (v > nb) nb = v;
            }
            entry[nd] = NONE;
            nodeBest[a] = nb;
            if (nd >= g.loopStart) {
                if (nb > bestL) bestL = nb;
            } else if (nb > bestG) {
                bestG = nb;
            }
        }
        float thrG = bestG + p.beam();
        float thrL = bestL + p.phoneLoopBeam();
        if (activeCount > p.maxActive()) {
            float h = histogramThreshold();
            thrG = Math.max(thrG, h);
            thrL = Math.max(thrL, h);
        }
        float wordThr = bestG + p.wordBeam();
        int t1 = t + 1;
        float newLoopExit = NONE;
        finalScore = NONE;
        for (int a = 0; a < activeCount; a++) {
            int nd = active[a];
            boolean loop = nd >= g.loopStart;
            int base = nd * S;
            if (nodeBest[a] < (loop ? thrL : thrG)) {
                for (int j = 0; j < S; j++) score[base + j] = NONE;
                continue;
            }
            if (activeStamp[nd] != t1) {
                activeStamp[nd] = t1;
                nextActive[nextCount++] = nd;
            }
            int tb = g.hmmTmat[g.hmm[nd]] * S * W;
            float exit = NONE;
            int h = -1;
            for (int j = 0; j < S; j++) {
                float c = score[base + j] + tp[tb + j * W + S];
                if (c > exit) {
                    exit = c;
                    h = hist[base + j];
                }
            }
            if (exit < (loop ? thrL : thrG)) continue;
            if (loop) {
                if (exit > newLoopExit) newLoopExit = exit;
            } else {
                if (g.wordEnd[nd] >= 0) {
                    if (exit < wordThr) continue;
                    h = addHistory(g.wordEnd[nd], t, h);
                }
                if (g.finalOf[nd] >= 0 && exit > finalScore) {
                    finalScore = exit;
                    finalHist = h;
                    finalNode = nd;
                }
            }
            for (int k = g.succStart[nd], end = g.succStart[nd + 1]; k < end; k++) {
                int tg = g.succ[k];
                float v = exit + g.succPenalty[k];
                if (v > entry[tg]) {
                    entry[tg] = v;
                    entryHist[tg] = h;
                    if (activeStamp[tg] != t1) {
                        activeStamp[tg] = t1;
                        nextActive[nextCount++] = tg;
                    }
                }
            }
        }
        loopExit = newLoopExit;
        frame++;
        if (finalScore != NONE) {
            lastFinalScore = finalScore;
            lastFinalHist = finalHist;
            lastFinalNode = finalNode;
            lastFinalFrames = frame;
            lastFinalLoop = loopExit;
            lastFinalOffset = offset;
        }
    }

    private float histogramThreshold() {
        int n = activeCount;
        System.arraycopy(nodeBest, 0, pruneScratch, 0, n);
        // k-th largest by partial selection
        int k = p.maxActive();
        int lo = 0, hi = n - 1;
        float[] v = pruneScratch;
        while (lo < hi) {
            float pivot = v[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j) {
                while (v[i] > pivot) i++;
                while (v[j] < pivot) j--;
                if (i <= j) {
                    float tmp = v[i];
                    v[i] = v[j];
                    v[j] = tmp;
                    i++;
                    j--;
                }
            }
            if (k - 1 <= j) hi = j;
            else if (k - 1 >= i) lo = i;
            else break;
        }
        return v[k - 1];
    }

    private int addHistory(int inst, int t, int prev) {
        if (hCount == hInst.length) {
            hInst = Arrays.copyOf(hInst, hCount * 2);
            hFrame = Arrays.copyOf(hFrame, hCount * 2);
            hPrev = Arrays.copyOf(hPrev, hCount * 2);
        }
        hInst[hCount] = inst;
        hFrame[hCount] = t;
        hPrev[hCount] = prev;
        return hCount++;
    }

    /**
     * Ends the utterance and returns the best complete path. Its confidence compares the path's
     * score with the phone loop's over the same frames; it is rejected when that difference is
     * below the threshold per frame, or per phone of its words (with a grammar of a few short
     * words, silence and filler models can take in most of an utterance of other speech at a small
     * cost per frame, but not per phone recognised). When no path reaches the end of the grammar
     * on the last frame (noise after the command outscored every way of ending it), the best path
     * that reached it on the latest frame where one did is returned, judged over the frames up to
     * there; like pocketsphinx's final-state search, this keeps a spoken command from coming out empty.
     */
    public RecognitionResult finish() {
        int frames = frame;
        if (frames == 0 || lastFinalScore == NONE) {
            return new RecognitionResult(List.of(), List.of(), List.of(), 0f, true, Double.NEGATIVE_INFINITY,
                    loopExit == NONE ? Double.NEGATIVE_INFINITY : loopExit + offset, frames);
        }
        List<RecognitionResult.TaggedWord> path = new ArrayList<>();
        int phones = 0;
        for (int h = lastFinalHist; h >= 0; h = hPrev[h]) {
            SearchGraph.WordInstance wi = g.instances[hInst[h]];
            path.add(0, new RecognitionResult.TaggedWord(wi.word(), wi.tags(), hFrame[h]));
            phones += wi.phones();
        }
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (RecognitionResult.TaggedWord w : path) {
            tags.addAll(w.tagsBefore());
            words.add(w.word());
        }
        tags.addAll(g.finalTagLists[g.finalOf[lastFinalNode]]);
        double total = lastFinalScore + lastFinalOffset;
        double loop = lastFinalLoop == NONE ? total : lastFinalLoop + lastFinalOffset;
        double ratio = (total - loop) / lastFinalFrames;
        float conf = (float) (1.0 / (1.0 + Math.exp(-(ratio - p.rejectThreshold()) * 4)));
        boolean rejected = p.rejection()
                && (ratio < p.rejectThreshold() || (total - loop) / Math.max(phones, 1) < p.rejectPerPhone());
        return new RecognitionResult(List.copyOf(words), List.copyOf(tags), List.copyOf(path), conf, rejected,
                total, loop, lastFinalFrames);
    }
}
