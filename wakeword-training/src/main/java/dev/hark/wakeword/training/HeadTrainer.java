package dev.hark.wakeword.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a {@link KeywordMlp} on embedding sequences with Adam: each step a batch of positive windows
 * (the three frames from the phrase's end on), random negative windows, and negatives the current
 * head scores highest (mined again every {@link #MINE_EVERY} steps from a fresh random sample), with a
 * cosine-decayed learning rate. Cost: about 3 x 100,000 multiply-adds per example, {@link #BATCH}
 * examples per step; memory: two index arrays over the windows.
 */
final class HeadTrainer {
    static final int BATCH = 96;
    static final int MINE_EVERY = 200;
    private static final int MINE_SAMPLE = 12_000;
    private static final int HARD_POOL = 1_500;
    private static final double LEARNING_RATE = 1e-3;

    private HeadTrainer() {
    }

    /** Windows as (sequence index << 32 | last row). */
    private static long window(int sequence, int row) {
        return ((long) sequence << 32) | row;
    }

    static KeywordMlp train(List<Sequence> data, int steps, long seed, Consumer<String> progress) {
        Random random = new Random(seed);
        KeywordMlp mlp = new KeywordMlp(random);
        standardise(mlp, data);
        List<Long> pos = new ArrayList<>();
        List<Long> negList = new ArrayList<>();
        for (int s = 0; s < data.size(); s++) {
            Sequence q = data.get(s);
            int n = q.length();
            if (q.positive()) {
                for (int r = Math.max(KeywordMlp.WINDOW - 1, q.phraseEnd()); r <= q.phraseEnd() + 2 && r < n; r++) {
                    pos.add(window(s, r));
                }
            } else {
                for (int r = KeywordMlp.WINDOW - 1; r < n; r++) {
                    negList.add(window(s, r));
                }
            }
        }
        if (pos.isEmpty() || negList.isEmpty()) {
            throw new IllegalStateException("no " + (pos.isEmpty() ? "positive" : "negative") + " training windows");
        }
        long[] positives = pos.stream().mapToLong(Long::longValue).toArray();
        long[] negatives = negList.stream().mapToLong(Long::longValue).toArray();
        negList = null;
        progress.accept(String.format(java.util.Locale.ROOT, "training on %d positive and %d negative windows, %d steps",
                positives.length, negatives.length, steps));
        Adam adam = new Adam(KeywordMlp.SIZE, 1e-4);
        float[] grad = new float[KeywordMlp.SIZE];
        long[] hard = new long[0];
        double loss = 0;
        int third = BATCH / 3;
        for (int step = 0; step < steps; step++) {
            if (step % MINE_EVERY == 0 && step > 0) {
                hard = mine(mlp, data, negatives, random);
                progress.accept(String.format(java.util.Locale.ROOT, "step %d/%d: loss %.4f, hardest negative %.3f",
                        step, steps, loss / MINE_EVERY / BATCH, score(mlp, data, hard[0])));
                loss = 0;
            }
            java.util.Arrays.fill(grad, 0f);
            for (int i = 0; i < third; i++) {
                loss += add(mlp, data, positives[random.nextInt(positives.length)], true, grad);
                loss += add(mlp, data, negatives[random.nextInt(negatives.length)], false, grad);
                long h = hard.length > 0 ? hard[random.nextInt(hard.length)] : negatives[random.nextInt(negatives.length)];
                loss += add(mlp, data, h, false, grad);
            }
            for (int i = 0; i < grad.length; i++) {
                grad[i] /= BATCH;
            }
            double lr = LEARNING_RATE * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * step / steps)));
            adam.step(mlp.params, grad, lr);
        }
        return mlp;
    }

    private static double add(KeywordMlp mlp, List<Sequence> data, long w, boolean positive, float[] grad) {
        Sequence q = data.get((int) (w >>> 32));
        return mlp.accumulate(q.rows(), (int) w, positive, q.weight(), grad);
    }

    private static float score(KeywordMlp mlp, List<Sequence> data, long w) {
        return mlp.score(data.get((int) (w >>> 32)).rows(), (int) w);
    }

    /** The {@link #HARD_POOL} highest-scoring of a random sample of negatives, highest first. */
    private static long[] mine(KeywordMlp mlp, List<Sequence> data, long[] negatives, Random random) {
        int n = Math.min(MINE_SAMPLE, negatives.length);
        long[] sample = new long[n];
        float[] scores = new float[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            sample[i] = negatives[random.nextInt(negatives.length)];
            scores[i] = score(mlp, data, sample[i]);
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        long[] hard = new long[Math.min(HARD_POOL, n)];
        for (int i = 0; i < hard.length; i++) {
            hard[i] = sample[order[i]];
        }
        return hard;
    }

    /** Mean and deviation of each embedding dimension over every training row. */
    private static void standardise(KeywordMlp mlp, List<Sequence> data) {
        double[] sum = new double[KeywordMlp.DIM];
        double[] sq = new double[KeywordMlp.DIM];
        long count = 0;
        for (Sequence q : data) {
            float[] rows = q.rows();
            for (int i = 0; i < rows.length; i++) {
                sum[i % KeywordMlp.DIM] += rows[i];
                sq[i % KeywordMlp.DIM] += (double) rows[i] * rows[i];
            }
            count += q.length();
        }
        for (int d = 0; d < KeywordMlp.DIM; d++) {
            double mean = sum[d] / Math.max(1, count);
            double var = sq[d] / Math.max(1, count) - mean * mean;
            mlp.mean[d] = (float) mean;
            mlp.invStd[d] = (float) (1 / Math.sqrt(Math.max(var, 1e-6)));
        }
    }
}
