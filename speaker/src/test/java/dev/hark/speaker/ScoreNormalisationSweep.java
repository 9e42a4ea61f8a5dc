package dev.hark.speaker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the score normalisation was chosen: scores the FSDD calibration split (repetitions 10-19, never
 * the test split) with each candidate scoring rule and prints identification, EER per length, and the
 * unknown-speaker false-accept rate at the pooled equal-error threshold. Not a test; run by hand with
 * {@code ScoreNormalisationSweep COHORT_FILE} (docs/benchmarks/speaker.md gives the command).
 */
public final class ScoreNormalisationSweep {
    private ScoreNormalisationSweep() {
    }

    private interface Rule {
        double score(int profile, float[] x, double[] xStats);
    }

    public static void main(String[] args) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        String[] spk = Fsdd.SPEAKERS;
        for (SpeakerEmbedder.Variant v : SpeakerEmbedder.Variant.values()) {
            try (SpeakerEmbedder e = SpeakerEmbedder.builder().variant(v).threads(1).build()) {
                int dim = e.description().embeddingDim();
                float[][] cohort = new float[bytes.length / 4 / dim][dim];
                ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                for (float[] c : cohort) {
                    for (int i = 0; i < dim; i++) {
                        c[i] = b.getFloat();
                    }
                }
                float[][][] enrol = new float[spk.length][][];
                float[][] mean = new float[spk.length][];
                for (int s = 0; s < spk.length; s++) {
                    enrol[s] = Fsdd.utterances(spk[s], 0, 9, 3.0).subList(0, 5).stream()
                            .map(u -> e.embed(u, Enrollment.MIN_SPEECH_SECONDS)).toArray(float[][]::new);
                    mean[s] = Embeddings.mean(enrol[s]);
                }
                double[] lengths = {1.0, 3.0};
                List<List<float[]>> dev = new ArrayList<>();
                List<Integer> who = new ArrayList<>();
                List<Integer> len = new ArrayList<>();
                for (int l = 0; l < lengths.length; l++) {
                    for (int s = 0; s < spk.length; s++) {
                        for (short[] u : Fsdd.utterances(spk[s], 10, 19, lengths[l])) {
                            dev.add(List.of(e.embed(u)));
                            who.add(s);
                            len.add(l);
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%n== %s, cohort %d speakers, calibration split: %d utterances%n", v, cohort.length, dev.size());
                String[] scorers = {"mean", "max-enrol", "top2-enrol"};
                int[] ks = {0, 10, 25, 50, 100, cohort.length};
                for (String scorer : scorers) {
                    for (int k : ks) {
                        ScoreNormaliser norm = k == 0 ? null : ScoreNormaliser.of(cohort, k);
                        double[][] pStats = new double[spk.length][2];
                        for (int s = 0; s < spk.length && norm != null; s++) {
                            norm.statistics(mean[s], pStats[s]);
                        }
                        Rule raw = switch (scorer) {
                            case "mean" -> (p, x, st) -> Embeddings.cosine(mean[p], x);
                            case "max-enrol" -> (p, x, st) -> {
                                double m = -1;
                                for (float[] en : enrol[p]) {
                                    m = Math.max(m, Embeddings.cosine(en, x));
                                }
                                return m;
                            };
                            default -> (p, x, st) -> {
                                double a = -1, c = -1;
                                for (float[] en : enrol[p]) {
                                    double s = Embeddings.cosine(en, x);
                                    if (s > a) {
                                        c = a;
                                        a = s;
                                    } else if (s > c) {
                                        c = s;
                                    }
                                }
                                return (a + c) / 2;
                            };
                        };
                        Rule rule = norm == null ? raw : (p, x, st) -> ScoreNormaliser.normalise(raw.score(p, x, st), pStats[p], st);
                        report(scorer + (k == 0 ? " raw" : k == cohort.length ? " S-norm(all)" : " AS-norm k=" + k), rule, norm, dev, who, len, spk.length);
                    }
                }
            }
        }
    }

    private static void report(String name, Rule rule, ScoreNormaliser norm, List<List<float[]>> dev, List<Integer> who,
                               List<Integer> len, int speakers) {
        List<double[]> pooled = new ArrayList<>();
        List<List<double[]>> perLen = List.of(new ArrayList<>(), new ArrayList<>());
        double[][] scores = new double[dev.size()][speakers];
        int[] correct = new int[2], n = new int[2];
        double[] st = new double[2];
        for (int i = 0; i < dev.size(); i++) {
            float[] x = dev.get(i).get(0);
            if (norm != null) {
                norm.statistics(x, st);
            }
            int best = 0;
            for (int p = 0; p < speakers; p++) {
                scores[i][p] = rule.score(p, x, st);
                double[] t = {scores[i][p], p == who.get(i) ? 1 : 0};
                pooled.add(t);
                perLen.get(len.get(i)).add(t);
                if (scores[i][p] > scores[i][best]) {
                    best = p;
                }
            }
            correct[len.get(i)] += best == who.get(i) ? 1 : 0;
            n[len.get(i)]++;
        }
        double threshold = SpeakerBenchmark.eer(pooled)[1];
        int[] fa = new int[2];
        for (int i = 0; i < dev.size(); i++) {
            double bestOther = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < speakers; p++) {
                if (p != who.get(i)) {
                    bestOther = Math.max(bestOther, scores[i][p]);
                }
            }
            fa[len.get(i)] += bestOther >= threshold ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%-24s 1 s: ident %5.1f%% EER %5.1f%% | 3 s: ident %5.1f%% EER %5.1f%% | pooled EER %5.1f%% at %.3f, unknown FA 1 s %5.1f%% 3 s %5.1f%%%n",
                name, 100.0 * correct[0] / n[0], 100 * SpeakerBenchmark.eer(perLen.get(0))[0], 100.0 * correct[1] / n[1],
                100 * SpeakerBenchmark.eer(perLen.get(1))[0], 100 * SpeakerBenchmark.eer(pooled)[0], threshold,
                100.0 * fa[0] / n[0], 100.0 * fa[1] / n[1]);
    }
}
