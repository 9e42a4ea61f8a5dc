package dev.hark.asr.model;

import dev.hark.asr.feature.FrontendConfig;

/**
 * Frames in, per-frame senone (tied HMM state) log-likelihoods out. The decoder asks only for the
 * senones its active hypotheses need. Implementations: {@link SphinxAcousticModel} (CMU Sphinx
 * semi-continuous / phonetically-tied Gaussian mixtures) and {@link NeuralAcousticModel} (a network
 * on ONNX Runtime, fused with the former). Instances keep per-frame scratch state and are not
 * thread-safe.
 *
 * <p>A model that looks ahead ({@link #lookahead()} &gt; 0) is shown every frame by
 * {@link #observe} as soon as it exists, and scores it ({@link #setFrame}, {@link #score}) only
 * {@code lookahead()} frames later, or after {@link #endOfUtterance}; the caller delays the search
 * by that much. Frame-local models ignore these calls.
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

    /**
     * Frames a feature must wait after {@link #observe} before it may be scored: 0 for models that
     * score each frame on its own.
     */
    default int lookahead() {
        return 0;
    }

    /**
     * Search settings this model's scores were tuned with where they differ from the decoder's
     * defaults ({@link SearchSettings#DEFAULTS}: none); a recogniser built without explicit
     * parameters uses them.
     */
    default SearchSettings searchSettings() {
        return SearchSettings.DEFAULTS;
    }

    /** Shows the model the next frame of the utterance (models with look-ahead; the array may be reused). */
    default void observe(float[] feature) {
    }

    /** The utterance's last frame has been observed: every observed frame may now be scored. */
    default void endOfUtterance() {
    }

    /**
     * Starts scoring the next frame, oldest first (the array may be reused by the caller
     * afterwards); with look-ahead, that frame was observed {@link #lookahead()} frames ago.
     */
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
     * Starts a new utterance: state kept from frame to frame (frames observed for look-ahead, the
     * estimated senones' last top densities) is forgotten, so an utterance scores the same whatever
     * was decoded before it.
     */
    default void reset() {
    }
}
