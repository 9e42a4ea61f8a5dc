package dev.hark.nlu.parser;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Multinomial logistic regression over sparse binary features (each sentence's feature vector scaled to
 * unit length), trained by stochastic gradient descent with L2 regularisation. Class {@code k} of
 * {@link #classes()} may be null: the "none" class, trained on noise sentences. Prediction costs one
 * hash lookup and {@code classes} multiply-adds per feature.
 */
final class IntentClassifier {
    private final String[] classes;
    private final Map<String, Integer> features;
    private final float[] weights; // [feature * classes + class]
    private final float[] bias;

    private IntentClassifier(String[] classes, Map<String, Integer> features, float[] weights, float[] bias) {
        this.classes = classes;
        this.features = features;
        this.weights = weights;
        this.bias = bias;
    }

    private static final double MAX_CLASS_WEIGHT = 5.0;

    /** A labelled training sentence: its feature numbers (from a {@link FeatureIndex}) and its class index. */
    record Example(int[] features, int label) {
        /** This example with its features renumbered by {@code map} ({@link FeatureIndex#prune}). */
        Example remap(int[] map) {
            return new Example(FeatureIndex.remap(features, map), label);
        }
    }

    /**
     * Trains on {@code examples} whose features {@code index} numbers; {@code epochs} passes in an
     * order shuffled by {@code random}, learning rate decaying as 1/t, L2 weight {@code lambda} per example.
     */
    static IntentClassifier train(String[] classes, Map<String, Integer> index, List<Example> examples, int epochs,
                                  double lambda, Random random) {
        List<int[]> xs = new ArrayList<>(examples.size());
        for (Example e : examples) {
            xs.add(e.features());
        }
        int c = classes.length;
        double[] w = new double[index.size() * c];
        double[] b = new double[c];
        double scale = 1.0;
        double[] p = new double[c];
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // classes weighted inversely to their size, so an intent with a few short templates ("pause")
        // is not outvoted by one with thousands of slot-filled utterances or by the noise
        int[] count = new int[c];
        for (Example e : examples) {
            count[e.label()]++;
        }
        double[] classWeight = new double[c];
        for (int k = 0; k < c; k++) {
            double balance = count[k] == 0 ? 0 : Math.sqrt((double) examples.size() / (c * count[k]));
            // the noise is never weighted up: it must not outvote a real request it merely resembles
            classWeight[k] = Math.min(classes[k] == null ? 1.0 : MAX_CLASS_WEIGHT, balance);
        }
        long t = 0;
        double eta0 = 0.5;
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            for (int idx : order) {
                int[] x = xs.get(idx);
                double norm = 1.0 / Math.sqrt(Math.max(1, x.length));
                scores(x, norm, w, scale, b, p);
                softmax(p);
                double eta = eta0 / (1.0 + eta0 * lambda * t++);
                scale *= 1.0 - eta * lambda;
                if (scale < 1e-6) {
                    for (int i = 0; i < w.length; i++) {
                        w[i] *= scale;
                    }
                    scale = 1.0;
                }
                int y = examples.get(idx).label();
                double cw = classWeight[y];
                for (int k = 0; k < c; k++) {
                    double g = cw * ((k == y ? 1.0 : 0.0) - p[k]);
                    b[k] += eta * g;
                    double step = eta * g * norm / scale;
                    for (int f : x) {
                        w[f * c + k] += step;
                    }
                }
            }
        }
        float[] wf = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            wf[i] = (float) (w[i] * scale);
        }
        float[] bf = new float[c];
        for (int k = 0; k < c; k++) {
            bf[k] = (float) b[k];
        }
        return new IntentClassifier(classes.clone(), index, wf, bf);
    }

    private static void scores(int[] x, double norm, double[] w, double scale, double[] b, double[] out) {
        int c = out.length;
        for (int k = 0; k < c; k++) {
            out[k] = 0;
        }
        for (int f : x) {
            int base = f * c;
            for (int k = 0; k < c; k++) {
                out[k] += w[base + k];
            }
        }
        for (int k = 0; k < c; k++) {
            out[k] = out[k] * scale * norm + b[k];
        }
    }

    private static void softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < s.length; k++) {
            s[k] = Math.exp(s[k] - max);
            sum += s[k];
        }
        for (int k = 0; k < s.length; k++) {
            s[k] /= sum;
        }
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** Class probabilities for a sentence's features (unknown features ignored). */
    double[] probabilities(Collection<String> sentenceFeatures) {
        int c = classes.length;
        double[] s = new double[c];
        double norm = 1.0 / Math.sqrt(Math.max(1, sentenceFeatures.size()));
        for (String name : sentenceFeatures) {
            Integer f = features.get(name);
            if (f == null) {
                continue;
            }
            int base = f * c;
            for (int k = 0; k < c; k++) {
                s[k] += weights[base + k];
            }
        }
        for (int k = 0; k < c; k++) {
            s[k] = s[k] * norm + bias[k];
        }
        softmax(s);
        return s;
    }

    /** The class labels; null stands for "no intent". */
    String[] classes() {
        return classes;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(classes.length);
        for (String s : classes) {
            out.writeBoolean(s != null);
            if (s != null) {
                out.writeUTF(s);
            }
        }
        String[] names = new String[features.size()];
        features.forEach((k, v) -> names[v] = k);
        out.writeInt(names.length);
        for (String n : names) {
            out.writeUTF(n);
        }
        QuantizedWeights.write(out, weights, classes.length);
        for (float v : bias) {
            out.writeFloat(v);
        }
    }

    static IntentClassifier read(DataInput in) throws IOException {
        String[] classes = new String[in.readInt()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = in.readBoolean() ? in.readUTF() : null;
        }
        int n = in.readInt();
        Map<String, Integer> features = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            features.put(in.readUTF(), i);
        }
        float[] w = QuantizedWeights.read(in, n, classes.length);
        float[] b = new float[classes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = in.readFloat();
        }
        return new IntentClassifier(classes, features, w, b);
    }
}
