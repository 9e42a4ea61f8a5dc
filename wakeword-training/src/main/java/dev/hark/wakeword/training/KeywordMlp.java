package dev.hark.wakeword.training;

import java.util.Random;

/**
 * The keyword head being trained: the openWakeWord head shape without its layer norms, on a window of
 * 16 speech embeddings flattened to 1536 inputs, each standardised by its embedding dimension's mean
 * and deviation over the training windows; two ReLU layers ({@link #HIDDEN1}, {@link #HIDDEN2} wide)
 * and a sigmoid. The standardisation folds into the first layer when written as ONNX, so it costs
 * nothing when listening. One forward pass is about 100,000 multiply-adds; a training step three
 * times that per example. Not thread-safe.
 */
final class KeywordMlp {
    static final int WINDOW = 16;
    static final int DIM = 96;
    static final int INPUTS = WINDOW * DIM;
    static final int HIDDEN1 = 64;
    static final int HIDDEN2 = 32;

    /** Parameters, in one array so that the optimiser walks them as one vector. */
    final float[] params;
    static final int W1 = 0;
    static final int B1 = W1 + HIDDEN1 * INPUTS;
    static final int W2 = B1 + HIDDEN1;
    static final int B2 = W2 + HIDDEN2 * HIDDEN1;
    static final int W3 = B2 + HIDDEN2;
    static final int B3 = W3 + HIDDEN2;
    static final int SIZE = B3 + 1;

    final float[] mean = new float[DIM];
    final float[] invStd = new float[DIM];

    // scratch for one example
    private final float[] x = new float[INPUTS];
    private final float[] z1 = new float[HIDDEN1];
    private final float[] z2 = new float[HIDDEN2];
    private final float[] d1 = new float[HIDDEN1];
    private final float[] d2 = new float[HIDDEN2];

    KeywordMlp(Random random) {
        params = new float[SIZE];
        init(W1, HIDDEN1 * INPUTS, INPUTS, random);
        init(W2, HIDDEN2 * HIDDEN1, HIDDEN1, random);
        init(W3, HIDDEN2, HIDDEN2, random);
        java.util.Arrays.fill(invStd, 1f);
    }

    private void init(int at, int n, int fanIn, Random random) {
        double s = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < n; i++) {
            params[at + i] = (float) (random.nextGaussian() * s);
        }
    }

    /** Loads the standardised window whose last embedding is row {@code last} of {@code rows}. */
    private void load(float[] rows, int last) {
        int from = (last - WINDOW + 1) * DIM;
        for (int i = 0; i < INPUTS; i++) {
            int d = i % DIM;
            x[i] = (rows[from + i] - mean[d]) * invStd[d];
        }
    }

    /** The head's probability for the window ending at row {@code last} (which must be >= 15). */
    float score(float[] rows, int last) {
        load(rows, last);
        return sigmoid(forward());
    }

    private float forward() {
        float[] p = params;
        for (int h = 0; h < HIDDEN1; h++) {
            float s = p[B1 + h];
            int w = W1 + h * INPUTS;
            for (int i = 0; i < INPUTS; i++) {
                s += p[w + i] * x[i];
            }
            z1[h] = s;
        }
        for (int h = 0; h < HIDDEN2; h++) {
            float s = p[B2 + h];
            int w = W2 + h * HIDDEN1;
            for (int i = 0; i < HIDDEN1; i++) {
                s += p[w + i] * Math.max(0f, z1[i]);
            }
            z2[h] = s;
        }
        float s = p[B3];
        for (int i = 0; i < HIDDEN2; i++) {
            s += p[W3 + i] * Math.max(0f, z2[i]);
        }
        return s;
    }

    /**
     * Adds the gradient of {@code weight} x binary cross-entropy for the window ending at row
     * {@code last} with label {@code positive} to {@code grad}; returns the loss.
     */
    double accumulate(float[] rows, int last, boolean positive, float weight, float[] grad) {
        load(rows, last);
        float logit = forward();
        float prob = sigmoid(logit);
        float y = positive ? 1f : 0f;
        float d3 = weight * (prob - y);
        float[] p = params;
        grad[B3] += d3;
        for (int i = 0; i < HIDDEN2; i++) {
            grad[W3 + i] += d3 * Math.max(0f, z2[i]);
            d2[i] = z2[i] > 0 ? d3 * p[W3 + i] : 0f;
        }
        java.util.Arrays.fill(d1, 0f);
        for (int h = 0; h < HIDDEN2; h++) {
            if (d2[h] == 0f) {
                continue;
            }
            grad[B2 + h] += d2[h];
            int w = W2 + h * HIDDEN1;
            for (int i = 0; i < HIDDEN1; i++) {
                grad[w + i] += d2[h] * Math.max(0f, z1[i]);
                d1[i] += d2[h] * p[w + i];
            }
        }
        for (int h = 0; h < HIDDEN1; h++) {
            if (z1[h] <= 0 || d1[h] == 0f) {
                continue;
            }
            float d = d1[h];
            grad[B1 + h] += d;
            int w = W1 + h * INPUTS;
            for (int i = 0; i < INPUTS; i++) {
                grad[w + i] += d * x[i];
            }
        }
        // log-sigmoid computed from the logit, stable at both ends
        double loss = positive ? softplus(-logit) : softplus(logit);
        return weight * loss;
    }

    private static double softplus(double v) {
        return v > 30 ? v : Math.log1p(Math.exp(v));
    }

    static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }

    /** The first layer with the input standardisation folded in: weights over raw embeddings, and bias. */
    float[] foldedW1() {
        float[] w = new float[HIDDEN1 * INPUTS];
        for (int h = 0; h < HIDDEN1; h++) {
            for (int i = 0; i < INPUTS; i++) {
                w[h * INPUTS + i] = params[W1 + h * INPUTS + i] * invStd[i % DIM];
            }
        }
        return w;
    }

    float[] foldedB1() {
        float[] b = new float[HIDDEN1];
        for (int h = 0; h < HIDDEN1; h++) {
            double s = params[B1 + h];
            for (int i = 0; i < INPUTS; i++) {
                s -= params[W1 + h * INPUTS + i] * invStd[i % DIM] * mean[i % DIM];
            }
            b[h] = (float) s;
        }
        return b;
    }

    /** Copy of {@code n} parameters from {@code at}. */
    float[] slice(int at, int n) {
        float[] out = new float[n];
        System.arraycopy(params, at, out, 0, n);
        return out;
    }
}
