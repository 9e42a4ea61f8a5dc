package dev.hark.asr.model;

import dev.hark.asr.feature.FrontendConfig;

/**
 * Frames in, per-frame senone (tied HMM state) log-likelihoods out. The decoder asks only for the
 * senones its active hypotheses need. Implementations: {@link SphinxAcousticModel} (CMU Sphinx
 * semi-continuous / phonetically-tied Gaussian mixtures); a neural model run by ONNX Runtime can
 * implement the same contract. Instances keep per-frame scratch state and are not thread-safe.
 */
public interface AcousticModel {
    /** The frontend parameters the model was trained with. */
    FrontendConfig frontend();

    /** Phones, triphones and their senone sequences. */
    ModelDefinition definition();

    /** HMM transition probabilities. */
    TransitionMatrices transitions();

    /** Number of senones; scores arrays must be at least this long. */
    int senoneCount();

    /** Starts a frame (the array may be reused by the caller afterwards). */
    void setFrame(float[] feature);

    /**
     * Scores the current frame for the listed senones: {@code scores[senones[i]]} receives the
     * natural-log likelihood of the frame given that senone. Other entries are left untouched.
     * Called once per frame with every senone the frame needs (shared work such as Gaussian
     * selection is done for exactly those).
     */
    void score(int[] senones, int count, float[] scores);

    /**
     * As {@link #score(int[], int, float[])}, but only {@code senones[0..exact)} need exact scores;
     * the rest (those of the rejection phone loop) may be estimated more cheaply. A model without a
     * cheaper estimate scores them all exactly.
     */
    default void score(int[] senones, int exact, int count, float[] scores) {
        score(senones, count, scores);
    }

    /**
     * Starts a new utterance: state kept from frame to frame (such as the estimated senones' last
     * top densities) is forgotten, so an utterance scores the same whatever was decoded before it.
     */
    default void reset() {
    }
}
