package dev.hark.wakeword.training;

/**
 * The Adam optimiser (Kingma and Ba, 2015) with decoupled weight decay (AdamW), over one flat
 * parameter vector: two moment arrays of the same size, one pass per step.
 */
final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final float[] m;
    private final float[] v;
    private final double weightDecay;
    private int t;

    Adam(int size, double weightDecay) {
        m = new float[size];
        v = new float[size];
        this.weightDecay = weightDecay;
    }

    /** Moves {@code params} against {@code grad} (already averaged over the batch) at rate {@code lr}. */
    void step(float[] params, float[] grad, double lr) {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < params.length; i++) {
            float g = grad[i];
            m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g);
            v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g * g);
            double update = (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
            params[i] -= (float) (lr * (update + weightDecay * params[i]));
        }
    }
}
