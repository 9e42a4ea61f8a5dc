package dev.hark.speaker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy and cost of the built-in speaker model on the held-out FSDD speakers (never used in
 * training), for the fp32 and int8 files. Not a test: run it by hand (docs/benchmarks/speaker.md
 * gives the command) and copy the figures.
 *
 * <p>Protocol per speaker: repetitions 0-9 make 5 enrollment utterances of at least 3 s;
 * repetitions 10-19 are the calibration set (the threshold at the equal-error point of its trials);
 * repetitions 20-49 are the test set, as utterances of at least 1 s and at least 3 s. Clips are
 * concatenated in order to reach those lengths.
 *
 * <p>Two scorings in the same run: the shipped one ({@link SpeakerIdentifier}: AS-norm over the
 * profile's enrollment embeddings, threshold from speaker-model.json) and the previous one (cosine
 * with the profile's mean embedding, threshold {@value #BASELINE_THRESHOLD}).
 */
public final class SpeakerBenchmark {
    static final double BASELINE_THRESHOLD = 0.835;

    private SpeakerBenchmark() {
    }

    /** Scores of one embedding against the 4 FSDD profiles, in {@link Fsdd#SPEAKERS} order. */
    private interface Scoring {
        double[] scores(float[] x);
    }

    public static void main(String[] args) throws IOException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        System.out.printf(Locale.ROOT, "java %s, %s %s, %d cores, ORT threads %d%n", System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), threads);
        long rssStart = rssKb();
        for (SpeakerEmbedder.Variant v : SpeakerEmbedder.Variant.values()) {
            try (SpeakerEmbedder e = SpeakerEmbedder.builder().variant(v).threads(threads).build()) {
                System.out.printf(Locale.ROOT, "%n== %s (%s, %d bytes), RSS %d MB after loading (%d MB at start)%n", v,
                        v == SpeakerEmbedder.Variant.FP32 ? e.description().fp32File() : e.description().int8File(),
                        modelBytes(v == SpeakerEmbedder.Variant.FP32 ? e.description().fp32File() : e.description().int8File()),
                        rssKb() / 1024, rssStart / 1024);
                float[][][] enrol = new float[Fsdd.SPEAKERS.length][][];
                List<VoiceProfile> profiles = new ArrayList<>();
                for (int s = 0; s < enrol.length; s++) {
                    enrol[s] = Fsdd.utterances(Fsdd.SPEAKERS[s], 0, 9, 3.0).subList(0, 5).stream()
                            .map(u -> e.embed(u, Enrollment.MIN_SPEECH_SECONDS)).toArray(float[][]::new);
                    profiles.add(VoiceProfile.of(Fsdd.SPEAKERS[s], e.description().name(), enrol[s], 0));
                }
                System.out.printf(Locale.ROOT, "-- before: cosine with the profile mean, threshold %.3f%n", BASELINE_THRESHOLD);
                run(e, x -> {
                    double[] sc = new double[enrol.length];
                    for (int s = 0; s < sc.length; s++) {
                        sc[s] = Embeddings.cosine(profiles.get(s).mean(), x);
                    }
                    return sc;
                }, BASELINE_THRESHOLD);
                try (SpeakerIdentifier id = SpeakerIdentifier.builder().embedder(e).profiles(profiles).build()) {
                    System.out.printf(Locale.ROOT, "-- after (shipped): SpeakerIdentifier scores, threshold %.4f%n", id.threshold());
                    run(e, x -> id.match(x, null).scores().values().stream().mapToDouble(Double::doubleValue).toArray(),
                            id.threshold());
                }
                System.out.printf(Locale.ROOT, "RSS after the run: %d MB%n", rssKb() / 1024);
            }
        }
        parity(threads);
    }

    /** Cosine between the fp32 and int8 embeddings of every 1 s test utterance. */
    private static void parity(int threads) throws IOException {
        try (SpeakerEmbedder fp32 = SpeakerEmbedder.builder().threads(threads).build();
             SpeakerEmbedder int8 = SpeakerEmbedder.builder().variant(SpeakerEmbedder.Variant.INT8).threads(threads).build()) {
            List<Double> c = new ArrayList<>();
            for (String s : Fsdd.SPEAKERS) {
                for (short[] u : Fsdd.utterances(s, 20, 49, 1.0)) {
                    c.add(Embeddings.cosine(fp32.embed(u), int8.embed(u)));
                }
            }
            double[] v = c.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "%nfp32 vs int8 embedding cosine over %d utterances: min %.4f, median %.4f%n",
                    v.length, v[0], v[v.length / 2]);
        }
    }

    private static void run(SpeakerEmbedder e, Scoring scoring, double used) {
        String[] spk = Fsdd.SPEAKERS;
        List<double[]> calibration = new ArrayList<>();
        for (double sec : new double[] {1.0, 3.0}) {
            for (int s = 0; s < spk.length; s++) {
                for (short[] u : Fsdd.utterances(spk[s], 10, 19, sec)) {
                    double[] sc = scoring.scores(e.embed(u));
                    for (int p = 0; p < spk.length; p++) {
                        calibration.add(new double[] {sc[p], p == s ? 1 : 0});
                    }
                }
            }
        }
        double[] cal = eer(calibration);
        double threshold = cal[1];
        System.out.printf(Locale.ROOT, "calibration (reps 10-19, 1 s and 3 s): EER %.2f%% at threshold %.4f; used %.4f%n",
                100 * cal[0], threshold, used);
        for (double sec : new double[] {1.0, 3.0}) {
            List<double[]> trials = new ArrayList<>();
            int correct = 0, n = 0, accepted = 0, unknown = 0, openRight = 0;
            double audio = 0;
            long nanos = 0;
            List<Double> rtfs = new ArrayList<>();
            for (int s = 0; s < spk.length; s++) {
                for (short[] u : Fsdd.utterances(spk[s], 20, 49, sec)) {
                    long t0 = System.nanoTime();
                    float[] x = e.embed(u);
                    long dt = System.nanoTime() - t0;
                    nanos += dt;
                    audio += u.length / 16000.0;
                    rtfs.add(dt / 1e9 / (u.length / 16000.0));
                    int best = 0;
                    double[] sc = scoring.scores(x);
                    for (int p = 0; p < spk.length; p++) {
                        trials.add(new double[] {sc[p], p == s ? 1 : 0});
                        if (sc[p] > sc[best]) {
                            best = p;
                        }
                    }
                    correct += best == s ? 1 : 0;
                    openRight += best == s && sc[best] >= used ? 1 : 0;
                    n++;
                    // the same utterance as a stranger's: this speaker's profile left out
                    double bestOther = Double.NEGATIVE_INFINITY;
                    for (int p = 0; p < spk.length; p++) {
                        if (p != s) {
                            bestOther = Math.max(bestOther, sc[p]);
                        }
                    }
                    accepted += bestOther >= used ? 1 : 0;
                    unknown++;
                }
            }
            double[] r = eer(trials);
            double[] sorted = rtfs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "%.0f s test utterances (reps 20-49, %d, mean %.2f s): identification %.2f%% (%d/%d), "
                            + "EER %.2f%% (threshold there %.3f), at default threshold %.3f: enrolled accepted+correct %.2f%%, "
                            + "unknown-speaker false accepts %.2f%% (%d/%d); embedding RTF median %.4f, total %.4f%n",
                    sec, n, audio / n, 100.0 * correct / n, correct, n, 100 * r[0], r[1], used, 100.0 * openRight / n,
                    100.0 * accepted / unknown, accepted, unknown, sorted[sorted.length / 2], nanos / 1e9 / audio);
        }
    }

    /** Equal error rate of (score, isTarget) trials and the score where it is reached. */
    static double[] eer(List<double[]> trials) {
        double[][] t = trials.toArray(new double[0][]);
        Arrays.sort(t, (a, b) -> Double.compare(b[0], a[0]));
        double targets = 0;
        for (double[] x : t) {
            targets += x[1];
        }
        double nonTargets = t.length - targets;
        double acceptedTargets = 0, acceptedNon = 0, best = Double.MAX_VALUE, eer = 1, at = 0;
        for (double[] x : t) {
            if (x[1] == 1) {
                acceptedTargets++;
            } else {
                acceptedNon++;
            }
            double fr = 1 - acceptedTargets / targets;
            double fa = acceptedNon / nonTargets;
            if (Math.abs(fr - fa) < best) {
                best = Math.abs(fr - fa);
                eer = (fr + fa) / 2;
                at = x[0];
            }
        }
        return new double[] {eer, at};
    }

    private static long modelBytes(String file) throws IOException {
        try (InputStream in = SpeakerBenchmark.class.getResourceAsStream("/dev/hark/speaker/" + file)) {
            return in.readAllBytes().length;
        }
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux: memory is not reported
        }
        return -1;
    }
}
