package dev.hark.nlu.parser;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A linear-chain conditional random field tagging each token of a sentence with a BILOU slot tag (tag 0 is
 * O; for slot s, 4s+1 begins a value of several tokens, 4s+2 is inside it, 4s+3 ends it, 4s+4 is a value
 * of one token). Trained by stochastic gradient ascent on the conditional log-likelihood
 * (forward-backward marginals) with L2 regularisation; decoded with Viterbi, then read into spans by
 * {@link #spans}, which repairs ill-formed tag sequences. Decoding a sentence of n tokens with T tags
 * costs O(n (F T + T^2)) for F features per token.
 */
final class CrfSlotFiller {
    private final String[] slotNames;
    private final Map<String, Integer> features;
    private final int tags;
    private final float[] emission;   // [feature * tags + tag]
    private final float[] transition; // [from * tags + to]
    private final float[] start;
    private final float[] end;

    private CrfSlotFiller(String[] slotNames, Map<String, Integer> features, float[] emission, float[] transition,
                          float[] start, float[] end) {
        this.slotNames = slotNames;
        this.features = features;
        this.tags = tagCount(slotNames.length);
        this.emission = emission;
        this.transition = transition;
        this.start = start;
        this.end = end;
    }

    /** Tags for {@code slots} slots: O and B, I, L, U of each. */
    static int tagCount(int slots) {
        return 4 * slots + 1;
    }

    /** The tags of the {@code tokens} tokens of a sentence whose slot values are {@code spans}: {slot, from, to}. */
    static int[] tags(int tokens, List<int[]> spans) {
        int[] tags = new int[tokens];
        for (int[] span : spans) {
            int base = 4 * span[0];
            int from = span[1];
            int to = span[2];
            if (to - from == 1) {
                tags[from] = base + 4;
                continue;
            }
            for (int i = from; i < to; i++) {
                tags[i] = base + (i == from ? 1 : i == to - 1 ? 3 : 2);
            }
        }
        return tags;
    }

    /**
     * The slot values in a tag sequence, as {slot, from, to} token ranges. A value starts at any slot tag
     * that does not continue the value before it (so an I or L after O still gives a value: the tagger
     * saw a value, only its first word's tag was wrong) and runs over the I and L tags of the same slot
     * that follow, ending after an L or a U. Two values of the same slot with nothing between them are
     * one value cut in two ("in 1 hour" + "nine minutes"): they are joined.
     */
    static List<int[]> spans(int[] tags) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < tags.length) {
            if (tags[i] == 0) {
                i++;
                continue;
            }
            int s = (tags[i] - 1) / 4;
            int place = (tags[i] - 1) % 4; // 0 B, 1 I, 2 L, 3 U
            int j = i + 1;
            if (place <= 1) {
                while (j < tags.length && (tags[j] == 4 * s + 2 || tags[j] == 4 * s + 3)) {
                    j++;
                    if (tags[j - 1] == 4 * s + 3) {
                        break;
                    }
                }
            }
            int[] previous = out.isEmpty() ? null : out.get(out.size() - 1);
            if (previous != null && previous[0] == s && previous[2] == i) {
                previous[2] = j;
            } else {
                out.add(new int[] {s, i, j});
            }
            i = j;
        }
        return out;
    }

    /** A training sentence: per-token feature numbers (from a {@link FeatureIndex}) and gold tags. */
    record Example(int[][] features, int[] tags) {
        /** This example with its features renumbered by {@code map} ({@link FeatureIndex#prune}). */
        Example remap(int[] map) {
            int[][] x = new int[features.length][];
            for (int i = 0; i < x.length; i++) {
                x[i] = FeatureIndex.remap(features[i], map);
            }
            return new Example(x, tags);
        }
    }

    /** Per-token feature numbers of {@code sentence}, counted in {@code index}. */
    static int[][] index(List<List<String>> sentence, FeatureIndex index) {
        int[][] x = new int[sentence.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = index.add(sentence.get(i));
        }
        return x;
    }

    /**
     * Trains on {@code examples} whose features {@code index} numbers; {@code epochs}
     * shuffled passes, learning rate decaying as 1/t, L2 weight {@code lambda} per example.
     */
    static CrfSlotFiller train(String[] slotNames, Map<String, Integer> index, List<Example> examples, int epochs,
                               double lambda, Random random) {
        int tags = tagCount(slotNames.length);
        List<int[][]> xs = new ArrayList<>(examples.size());
        for (Example e : examples) {
            xs.add(e.features());
        }
        double[] w = new double[index.size() * tags];
        double[] tr = new double[tags * tags];
        double[] st = new double[tags];
        double[] en = new double[tags];
        double scale = 1.0;
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int maxLen = 1;
        for (int[][] x : xs) {
            maxLen = Math.max(maxLen, x.length);
        }
        double[][] emit = new double[maxLen][tags];
        double[][] alpha = new double[maxLen][tags];
        double[][] beta = new double[maxLen][tags];
        double[] scaling = new double[maxLen];
        double[] trExp = new double[tags * tags];
        double[] trGrad = new double[tags * tags];
        long t = 0;
        double eta0 = 0.2;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int s = order[i];
                order[i] = order[j];
                order[j] = s;
            }
            for (int idx : order) {
                int[][] x = xs.get(idx);
                int n = x.length;
                if (n == 0) {
                    continue;
                }
                int[] gold = examples.get(idx).tags();
                for (int i = 0; i < n; i++) {
                    for (int y = 0; y < tags; y++) {
                        double s = 0;
                        for (int f : x[i]) {
                            s += w[f * tags + y];
                        }
                        emit[i][y] = s * scale;
                    }
                }
                // scaled forward-backward in probability space: exp() once per cell, not per pair
                for (int i = 0; i < n; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int y = 0; y < tags; y++) {
                        max = Math.max(max, emit[i][y]);
                    }
                    for (int y = 0; y < tags; y++) {
                        emit[i][y] = Math.exp(emit[i][y] - max);
                    }
                }
                for (int k = 0; k < tags * tags; k++) {
                    trExp[k] = Math.exp(tr[k]);
                }
                double norm = 0;
                for (int y = 0; y < tags; y++) {
                    alpha[0][y] = Math.exp(st[y]) * emit[0][y];
                    norm += alpha[0][y];
                }
                scaling[0] = norm;
                for (int y = 0; y < tags; y++) {
                    alpha[0][y] /= norm;
                }
                for (int i = 1; i < n; i++) {
                    norm = 0;
                    for (int y = 0; y < tags; y++) {
                        double sum = 0;
                        for (int p = 0; p < tags; p++) {
                            sum += alpha[i - 1][p] * trExp[p * tags + y];
                        }
                        alpha[i][y] = sum * emit[i][y];
                        norm += alpha[i][y];
                    }
                    scaling[i] = norm;
                    for (int y = 0; y < tags; y++) {
                        alpha[i][y] /= norm;
                    }
                }
                double z = 0;
                for (int y = 0; y < tags; y++) {
                    beta[n - 1][y] = Math.exp(en[y]);
                    z += alpha[n - 1][y] * beta[n - 1][y];
                }
                for (int i = n - 2; i >= 0; i--) {
                    for (int y = 0; y < tags; y++) {
                        double sum = 0;
                        for (int q = 0; q < tags; q++) {
                            sum += trExp[y * tags + q] * emit[i + 1][q] * beta[i + 1][q];
                        }
                        beta[i][y] = sum / scaling[i + 1];
                    }
                }
                double eta = eta0 / (1.0 + eta0 * lambda * t++);
                scale *= 1.0 - eta * lambda;
                if (scale < 1e-6) {
                    for (int k = 0; k < w.length; k++) {
                        w[k] *= scale;
                    }
                    scale = 1.0;
                }
                for (int i = 0; i < n; i++) {
                    for (int y = 0; y < tags; y++) {
                        double p = alpha[i][y] * beta[i][y] / z;
                        double g = (gold[i] == y ? 1.0 : 0.0) - p;
                        if (g == 0) {
                            continue;
                        }
                        double step = eta * g / scale;
                        for (int f : x[i]) {
                            w[f * tags + y] += step;
                        }
                        if (i == 0) {
                            st[y] += eta * g;
                        }
                        if (i == n - 1) {
                            en[y] += eta * g;
                        }
                    }
                    if (i > 0) {
                        trGrad[gold[i - 1] * tags + gold[i]] += 1.0;
                        for (int p = 0; p < tags; p++) {
                            for (int y = 0; y < tags; y++) {
                                trGrad[p * tags + y] -= alpha[i - 1][p] * trExp[p * tags + y] * emit[i][y] * beta[i][y] / (scaling[i] * z);
                            }
                        }
                    }
                }
                for (int k = 0; k < trGrad.length; k++) {
                    tr[k] += eta * trGrad[k];
                    trGrad[k] = 0;
                }
            }
        }
        float[] wf = new float[w.length];
        for (int k = 0; k < w.length; k++) {
            wf[k] = (float) (w[k] * scale);
        }
        return new CrfSlotFiller(slotNames.clone(), index, wf, toFloat(tr), toFloat(st), toFloat(en));
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    /** The most likely tag of each token (Viterbi). */
    int[] tag(List<List<String>> sentence) {
        int n = sentence.size();
        int[] best = new int[n];
        if (n == 0) {
            return best;
        }
        double[][] emit = new double[n][tags];
        for (int i = 0; i < n; i++) {
            for (String name : sentence.get(i)) {
                Integer f = features.get(name);
                if (f == null) {
                    continue;
                }
                int base = f * tags;
                for (int y = 0; y < tags; y++) {
                    emit[i][y] += emission[base + y];
                }
            }
        }
        double[][] score = new double[n][tags];
        int[][] back = new int[n][tags];
        for (int y = 0; y < tags; y++) {
            score[0][y] = start[y] + emit[0][y];
        }
        for (int i = 1; i < n; i++) {
            for (int y = 0; y < tags; y++) {
                double bestScore = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int p = 0; p < tags; p++) {
                    double s = score[i - 1][p] + transition[p * tags + y];
                    if (s > bestScore) {
                        bestScore = s;
                        arg = p;
                    }
                }
                score[i][y] = bestScore + emit[i][y];
                back[i][y] = arg;
            }
        }
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < tags; y++) {
            double s = score[n - 1][y] + end[y];
            if (s > bestScore) {
                bestScore = s;
                best[n - 1] = y;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            best[i - 1] = back[i][best[i]];
        }
        return best;
    }

    String[] slotNames() {
        return slotNames;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(slotNames.length);
        for (String s : slotNames) {
            out.writeUTF(s);
        }
        String[] names = new String[features.size()];
        features.forEach((k, v) -> names[v] = k);
        out.writeInt(names.length);
        for (String n : names) {
            out.writeUTF(n);
        }
        QuantizedWeights.write(out, emission, tags);
        for (float[] a : new float[][] {transition, start, end}) {
            for (float v : a) {
                out.writeFloat(v);
            }
        }
    }

    static CrfSlotFiller read(DataInput in) throws IOException {
        String[] slots = new String[in.readInt()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = in.readUTF();
        }
        int tags = tagCount(slots.length);
        int n = in.readInt();
        Map<String, Integer> features = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            features.put(in.readUTF(), i);
        }
        float[] emission = QuantizedWeights.read(in, n, tags);
        float[] transition = readFloats(in, tags * tags);
        float[] start = readFloats(in, tags);
        float[] end = readFloats(in, tags);
        return new CrfSlotFiller(slots, features, emission, transition, start, end);
    }

    private static float[] readFloats(DataInput in, int n) throws IOException {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }
}
