package dev.hark.asr.feature;

import java.util.Arrays;

/**
 * PCM in, 39-dimensional Sphinx {@code 1s_c_d_dd} feature vectors out: MFCC, cepstral mean
 * normalisation, then deltas {@code c[t+2]-c[t-2]} and accelerations
 * {@code (c[t+3]-c[t-1])-(c[t+1]-c[t-3])}, with the first and last cepstra replicated at the
 * utterance edges as sphinxbase's feat module does.
 *
 * <p>In {@link FrontendConfig.CmnMode#LIVE} mode features stream out three frames behind the
 * audio (the acceleration window); in {@code BATCH} mode the utterance mean is subtracted, so all
 * features are emitted by {@link #finish}. Reuses its buffers; O(frames) memory only in batch mode.
 */
public final class FeatureExtractor {
    private static final int HALF_WINDOW = 3;

    private final FrontendConfig config;
    private final MfccFrontend mfcc;
    private final CepstralMeanNormalizer liveCmn;
    private final int ncep;
    private final float[][] ring = new float[2 * HALF_WINDOW + 1][];
    private final float[] feature;
    private int seen;
    private float[][] batch = new float[256][];
    private int batchCount;
    private FeatureSink sink;
    private final CepstrumSink cepstrumSink = this::onCepstrum;

    /** Receives 39-dimensional feature frames; the array is reused after the call. */
    @FunctionalInterface
    public interface FeatureSink {
        void accept(float[] feature);
    }

    /** Builds the frontend and normaliser for {@code config}. */
    public FeatureExtractor(FrontendConfig config) {
        this.config = config;
        this.mfcc = new MfccFrontend(config);
        this.ncep = config.cepstraCount;
        this.liveCmn = new CepstralMeanNormalizer(config.cmnInit);
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new float[ncep];
        }
        feature = new float[3 * ncep];
    }

    public FrontendConfig config() {
        return config;
    }

    /** Pushes PCM samples; emits the features that become complete. */
    public void process(short[] pcm, int offset, int length, FeatureSink sink) {
        this.sink = sink;
        mfcc.process(pcm, offset, length, cepstrumSink);
    }

    /** Ends the utterance: flushes the last frames (and, in batch mode, all of them). */
    public void finish(FeatureSink sink) {
        this.sink = sink;
        mfcc.finish(cepstrumSink);
        if (config.cmn == FrontendConfig.CmnMode.BATCH) {
            float[] mean = new float[ncep];
            for (int t = 0; t < batchCount; t++) {
                for (int i = 0; i < ncep; i++) mean[i] += batch[t][i];
            }
            for (int i = 0; i < ncep && batchCount > 0; i++) mean[i] /= batchCount;
            for (int t = 0; t < batchCount; t++) {
                for (int i = 0; i < ncep; i++) batch[t][i] -= mean[i];
                push(batch[t]);
            }
            batchCount = 0;
        }
        if (seen > 0) {
            // replicate the last frame to complete the trailing windows
            float[] last = ring[(seen - 1) % ring.length].clone();
            for (int k = 0; k < HALF_WINDOW; k++) {
                push(last);
            }
        }
        seen = 0;
    }

    /** Forgets the utterance and (for live CMN) the adapted mean. */
    public void reset() {
        mfcc.reset();
        liveCmn.reset();
        seen = 0;
        batchCount = 0;
    }

    private void onCepstrum(float[] cep) {
        switch (config.cmn) {
            case BATCH -> {
                if (batchCount == batch.length) batch = Arrays.copyOf(batch, batch.length * 2);
                if (batch[batchCount] == null) batch[batchCount] = new float[ncep];
                System.arraycopy(cep, 0, batch[batchCount++], 0, ncep);
            }
            case LIVE -> {
                liveCmn.normalize(cep);
                push(cep);
            }
            case NONE -> push(cep);
        }
    }

    // Frames are counted from 0; frame t's feature needs cepstra t-3..t+3, clamped to the utterance.
    private int produced;

    private void push(float[] cep) {
        if (seen == 0) {
            for (float[] r : ring) System.arraycopy(cep, 0, r, 0, ncep);
            produced = 0;
        } else {
            System.arraycopy(cep, 0, ring[seen % ring.length], 0, ncep);
        }
        seen++;
        // the newest real frame index is seen-1; emit frame seen-1-HALF_WINDOW when it exists
        int t = seen - 1 - HALF_WINDOW;
        if (t >= produced) {
            emit(t);
            produced = t + 1;
        }
    }

    private float[] at(int t) {
        return ring[Math.max(t, 0) % ring.length];
    }

    private void emit(int t) {
        float[] c = at(t);
        float[] p2 = at(t - 2), n2 = at(t + 2);
        float[] p3 = at(t - 3), p1 = at(t - 1), n1 = at(t + 1), n3 = at(t + 3);
        for (int i = 0; i < ncep; i++) {
            feature[i] = c[i];
            feature[ncep + i] = n2[i] - p2[i];
            feature[2 * ncep + i] = (n3[i] - p1[i]) - (n1[i] - p3[i]);
        }
        sink.accept(feature);
    }
}
