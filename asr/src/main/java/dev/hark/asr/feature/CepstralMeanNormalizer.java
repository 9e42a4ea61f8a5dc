package dev.hark.asr.feature;

/**
 * Live cepstral mean normalisation for a stream: the mean starts at the model's {@code -cmninit}
 * values (weighted as {@link #PRIOR_FRAMES} frames of evidence) and is updated with every frame,
 * so a new speaker or microphone is tracked within about a second. Like sphinxbase's cmn_live, the
 * window is decayed to {@link #WINDOW} frames when it exceeds {@link #HIGH_WATER} frames, and the
 * state carries over between utterances of the same stream. O(ncep) per frame, no allocation.
 */
public final class CepstralMeanNormalizer {
    /** Weight of the initial mean, in frames. */
    public static final int PRIOR_FRAMES = 100;
    /** Window the running sum is decayed to. */
    public static final int WINDOW = 500;
    /** Window size that triggers decay. */
    public static final int HIGH_WATER = 800;

    private final float[] init;
    private final double[] sum;
    private double frames;

    /** Starts from the given initial mean. */
    public CepstralMeanNormalizer(float[] initialMean) {
        init = initialMean.clone();
        sum = new double[init.length];
        reset();
    }

    /** Returns to the initial mean (a new stream). */
    public void reset() {
        for (int i = 0; i < init.length; i++) {
            sum[i] = init[i] * (double) PRIOR_FRAMES;
        }
        frames = PRIOR_FRAMES;
    }

    /** Updates the mean with {@code cep} and subtracts it in place. */
    public void normalize(float[] cep) {
        frames++;
        for (int i = 0; i < sum.length; i++) {
            sum[i] += cep[i];
            cep[i] -= (float) (sum[i] / frames);
        }
        if (frames > HIGH_WATER) {
            double scale = WINDOW / frames;
            for (int i = 0; i < sum.length; i++) {
                sum[i] *= scale;
            }
            frames = WINDOW;
        }
    }

    /** The current mean estimate (copy). */
    public float[] mean() {
        float[] m = new float[sum.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (sum[i] / frames);
        }
        return m;
    }
}
