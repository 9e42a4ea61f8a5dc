package dev.hark.asr.model;

import dev.hark.asr.feature.FrontendConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A CMU Sphinx semi-continuous or phonetically-tied-mixture acoustic model (such as Debian's
 * pocketsphinx-en-us): shared Gaussian codebooks (one per CI phone for PTM, or one in all) per
 * feature stream, and per-senone mixture weights.
 *
 * <p>Scoring a frame first evaluates every codebook density on each stream and keeps the
 * {@code topN} best (pocketsphinx's default is 4), then scores each requested senone as the sum over
 * streams of {@code log(sum_k w[senone][k] * N_k(x))} over those top densities. Cost per frame:
 * codebooks x streams x densities x 13 multiply-adds (about 210k for en-us) plus one log per
 * requested senone and stream, for the codebooks the requested senones use; codebooks only the
 * estimated senones use (the rejection phone loop's) are searched in full every
 * {@link #REFRESH_FRAMES} frames and rescored at their last top densities in between. No allocation
 * per frame; not thread-safe (one instance per decoder).
 */
public final class SphinxAcousticModel implements AcousticModel {
    /** Default number of top densities kept per codebook and stream. */
    public static final int DEFAULT_TOP_N = 4;
    /** pocketsphinx's MAX_NEG_ASCR: 96 steps of 1024 ln(1.0001), about 9.8 nats. */
    static final float DENSITY_FLOOR = (float) (96 * SenoneMixtureWeights.STEP);
    /**
     * How often a codebook needed only for estimated senones is searched in full (process CPU over
     * 164 commands-dev recordings 15.7 s when every frame, 13.5 s at 4; docs/benchmarks/asr.md).
     */
    static final int REFRESH_FRAMES = 4;

    private final FrontendConfig frontend;
    private final ModelDefinition mdef;
    private final TransitionMatrices tmat;
    private final GaussianCodebooks gauss;
    private final SenoneMixtureWeights mixw;
    private final int topN;
    private final int[] senoneCodebook;
    private final int[] streamOffset;
    // per codebook x stream: top densities, their linear likelihood relative to the best, and the best log-likelihood
    private final int[][][] topIndex;
    private final float[][][] topLinear;
    private final float[][] topBest;
    private final int[] seedScratch;
    private final float[][][] topScore;
    private final boolean[] codebookNeeded;
    private final boolean[] codebookTracked;
    private final long[] lastSearched;
    private long frameCount;
    private final float[] frame;
    private boolean evaluated;
    private final float[] densityScratch;

    private SphinxAcousticModel(FrontendConfig frontend, ModelDefinition mdef, TransitionMatrices tmat,
                                GaussianCodebooks gauss, SenoneMixtureWeights mixw, int topN, Path dir)
            throws ModelFormatException {
        this.frontend = frontend;
        this.mdef = mdef;
        this.tmat = tmat;
        this.gauss = gauss;
        this.mixw = mixw;
        this.topN = Math.min(topN, gauss.densities);
        if (mixw.senones != mdef.senoneCount() || mixw.streams != gauss.streams || mixw.densities != gauss.densities) {
            throw new ModelFormatException(dir + ": sendump dimensions do not match mdef/means");
        }
        int total = 0;
        streamOffset = new int[gauss.streams];
        for (int s = 0; s < gauss.streams; s++) {
            streamOffset[s] = total;
            total += gauss.streamLength[s];
        }
        if (total != frontend.featureDimension()) {
            throw new ModelFormatException(dir + ": model streams have " + total + " dimensions, features have "
                    + frontend.featureDimension());
        }
        senoneCodebook = new int[mdef.senoneCount()];
        for (int s = 0; s < senoneCodebook.length; s++) {
            if (gauss.codebooks == 1) {
                senoneCodebook[s] = 0;
            } else if (gauss.codebooks == mdef.ciPhoneCount()) {
                senoneCodebook[s] = mdef.senoneToCi(s);
            } else {
                throw new ModelFormatException(dir + ": " + gauss.codebooks
                        + " codebooks; only semi-continuous (1) or phonetically tied (one per CI phone) models are supported");
            }
        }
        topIndex = new int[gauss.codebooks][gauss.streams][this.topN];
        for (int[][] byStream : topIndex) {
            for (int[] idx : byStream) {
                for (int k = 0; k < idx.length; k++) idx[k] = k;
            }
        }
        seedScratch = new int[this.topN];
        topLinear = new float[gauss.codebooks][gauss.streams][this.topN];
        topBest = new float[gauss.codebooks][gauss.streams];
        topScore = new float[gauss.codebooks][gauss.streams][this.topN];
        codebookNeeded = new boolean[gauss.codebooks];
        codebookTracked = new boolean[gauss.codebooks];
        lastSearched = new long[gauss.codebooks];
        reset();
        frame = new float[frontend.featureDimension()];
        densityScratch = new float[gauss.densities];
    }

    /**
     * Loads a model directory holding feat.params, mdef, means, variances, sendump and
     * transition_matrices. Costs about 5 MB of heap and a few hundred milliseconds.
     */
    public static SphinxAcousticModel load(Path dir) throws IOException {
        return load(dir, DEFAULT_TOP_N);
    }

    /** As {@link #load(Path)}, keeping {@code topN} densities per codebook. */
    public static SphinxAcousticModel load(Path dir, int topN) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ModelFormatException(dir + ": acoustic model directory not found");
        }
        for (String name : new String[] {"feat.params", "mdef", "means", "variances", "sendump", "transition_matrices"}) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new ModelFormatException(dir.resolve(name) + ": missing acoustic model file");
            }
        }
        FrontendConfig fe;
        try {
            fe = FrontendConfig.read(dir.resolve("feat.params"));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(dir.resolve("feat.params") + ": " + e.getMessage());
        }
        ModelDefinition mdef = ModelDefinition.read(dir.resolve("mdef"));
        TransitionMatrices tmat = TransitionMatrices.read(dir.resolve("transition_matrices"), 1e-4f);
        GaussianCodebooks g = GaussianCodebooks.read(dir.resolve("means"), dir.resolve("variances"), 1e-4f);
        SenoneMixtureWeights w = SenoneMixtureWeights.read(dir.resolve("sendump"));
        return new SphinxAcousticModel(fe, mdef, tmat, g, w, topN, dir);
    }

    @Override
    public FrontendConfig frontend() {
        return frontend;
    }

    @Override
    public ModelDefinition definition() {
        return mdef;
    }

    @Override
    public TransitionMatrices transitions() {
        return tmat;
    }

    @Override
    public int senoneCount() {
        return mdef.senoneCount();
    }

    @Override
    public void reset() {
        Arrays.fill(lastSearched, Long.MIN_VALUE / 2);
        frameCount = 0;
    }

    @Override
    public void setFrame(float[] feature) {
        System.arraycopy(feature, 0, frame, 0, frame.length);
        evaluated = false;
    }

    @Override
    public void score(int[] senones, int count, float[] scores) {
        score(senones, count, count, scores);
    }

    /**
     * Codebooks needed only by the estimated senones are not searched for their top densities every
     * frame: their last top densities are rescored on this frame, and the full search runs every
     * {@link #REFRESH_FRAMES} frames (staggered across codebooks) or when they were last searched
     * longer ago. Their senone scores are then exact for the densities used, which may miss a better
     * one by a few frames: slightly low, never high.
     */
    @Override
    public void score(int[] senones, int exact, int count, float[] scores) {
        if (!evaluated) {
            // only the codebooks the requested senones use (pocketsphinx's active codebooks)
            Arrays.fill(codebookNeeded, false);
            Arrays.fill(codebookTracked, false);
            for (int i = 0; i < exact; i++) codebookNeeded[senoneCodebook[senones[i]]] = true;
            for (int i = exact; i < count; i++) {
                int cb = senoneCodebook[senones[i]];
                if (!codebookNeeded[cb]) codebookTracked[cb] = true;
            }
            evaluateCodebooks(frame);
            evaluated = true;
            frameCount++;
        }
        int nsen = mixw.senones;
        float[] lin = mixw.linear;
        for (int i = 0; i < count; i++) {
            int sen = senones[i];
            int cb = senoneCodebook[sen];
            double total = 0;
            for (int f = 0; f < gauss.streams; f++) {
                int[] idx = topIndex[cb][f];
                float[] e = topLinear[cb][f];
                byte[] w = mixw.weights[f];
                double sum = 0;
                for (int k = 0; k < topN; k++) {
                    sum += lin[w[idx[k] * nsen + sen] & 0xff] * e[k];
                }
                total += topBest[cb][f] + Math.log(sum + 1e-30);
            }
            scores[sen] = (float) total;
        }
    }

    /**
     * The {@code topN} best of {@code scores} into {@code idx}/{@code best}, best first. Last frame's
     * winners (in {@code idx}) are placed first: they usually still win, so the scan over all
     * densities rarely inserts, and its branches are predictable.
     */
    private void selectTop(float[] scores, int count, int[] idx, float[] best) {
        int n = topN;
        int[] seeds = seedScratch;
        System.arraycopy(idx, 0, seeds, 0, n);
        for (int k = 0; k < n; k++) {
            float sc = scores[seeds[k]];
            place(idx, best, k, sc, seeds[k]);
        }
        float worst = best[n - 1];
        for (int d = 0; d < count; d++) {
            float sc = scores[d];
            if (sc <= worst || isSeed(seeds, d)) continue;
            place(idx, best, n - 1, sc, d);
            worst = best[n - 1];
        }
    }

    private boolean isSeed(int[] seeds, int d) {
        for (int k = 0; k < topN; k++) if (seeds[k] == d) return true;
        return false;
    }

    /** Scores last search's top densities of one codebook and stream on this frame, best first. */
    private void rescoreTop(int cb, int f, float[] feature) {
        int len = gauss.streamLength[f];
        int off = streamOffset[f];
        float[][] mu = gauss.meanByDim[cb][f];
        float[][] nh = gauss.negHalfByDim[cb][f];
        float[] norm = gauss.logNorm[cb][f];
        int[] idx = topIndex[cb][f];
        float[] best = topScore[cb][f];
        for (int k = 0; k < topN; k++) {
            int d = idx[k];
            float sc = norm[d];
            for (int i = 0; i < len; i++) {
                float diff = feature[off + i] - mu[i][d];
                sc += diff * diff * nh[i][d];
            }
            place(idx, best, k, sc, d);
        }
    }

    /** Puts density {@code d} scoring {@code sc} at or above slot {@code pos}, keeping best first. */
    private static void place(int[] idx, float[] best, int pos, float sc, int d) {
        while (pos > 0 && best[pos - 1] < sc) {
            best[pos] = best[pos - 1];
            idx[pos] = idx[pos - 1];
            pos--;
        }
        best[pos] = sc;
        idx[pos] = d;
    }

    private void evaluateCodebooks(float[] feature) {
        int nd = gauss.densities;
        float[] acc = densityScratch;
        for (int cb = 0; cb < gauss.codebooks; cb++) {
            if (codebookTracked[cb] && frameCount - lastSearched[cb] < REFRESH_FRAMES
                    && (frameCount + cb) % REFRESH_FRAMES != 0) {
                for (int f = 0; f < gauss.streams; f++) rescoreTop(cb, f, feature);
                continue;
            }
            if (!codebookNeeded[cb] && !codebookTracked[cb]) continue;
            lastSearched[cb] = frameCount;
            for (int f = 0; f < gauss.streams; f++) {
                int len = gauss.streamLength[f];
                int off = streamOffset[f];
                float[][] mu = gauss.meanByDim[cb][f];
                float[][] nh = gauss.negHalfByDim[cb][f];
                System.arraycopy(gauss.logNorm[cb][f], 0, acc, 0, nd);
                for (int i = 0; i < len; i++) {
                    float x = feature[off + i];
                    float[] m = mu[i], h = nh[i];
                    for (int d = 0; d < nd; d++) {
                        float diff = x - m[d];
                        acc[d] += diff * diff * h[d];
                    }
                }
                selectTop(acc, nd, topIndex[cb][f], topScore[cb][f]);
            }
        }
        // Like pocketsphinx, no density may score more than DENSITY_FLOOR below the best density
        // of its stream in this frame: one stream corrupted by noise cannot veto a senone.
        for (int f = 0; f < gauss.streams; f++) {
            float streamBest = Float.NEGATIVE_INFINITY;
            for (int cb = 0; cb < gauss.codebooks; cb++) {
                if (codebookNeeded[cb] || codebookTracked[cb]) streamBest = Math.max(streamBest, topScore[cb][f][0]);
            }
            float floor = streamBest - DENSITY_FLOOR;
            for (int cb = 0; cb < gauss.codebooks; cb++) {
                if (!codebookNeeded[cb] && !codebookTracked[cb]) continue;
                float[] sc = topScore[cb][f];
                float top = Math.max(sc[0], floor);
                topBest[cb][f] = top;
                float[] e = topLinear[cb][f];
                for (int k = 0; k < topN; k++) {
                    e[k] = (float) Math.exp(Math.max(sc[k], floor) - top);
                }
            }
        }
    }
}
