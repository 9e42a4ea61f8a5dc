package dev.hark.wakeword.training;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.wakeword.KeywordDescription;
import dev.hark.wakeword.ModelFiles;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores keyword heads on recordings embedded once by {@code hark wakeword features} (the same rows
 * {@code hark wake} streams, padded as it pads a file), in seconds instead of an hour: recall on sets
 * of recordings of the phrase (a file counts when any window reaches the threshold) and false
 * activations per 10 hours of audio on sets without it (2 s refractory), at each head's own threshold
 * and a ladder of others. No VAD gate (the gated detector scores the same windows whenever speech is
 * heard). scripts/wakeword-eval.sh --features runs it; docs/benchmarks/wakeword.md records runs.
 *
 * <p>Arguments: {@code --head NAME|FILE.json|FILE.onnx ... (--positives NAME=F.features | --negatives
 * NAME=F.features | --commands F.features LABELS.json DRINK)...}; {@code --commands} splits the
 * commands-dev recordings into those whose drink is DRINK (positives) and the others (negatives).
 */
public final class FeatureEvaluation {
    private static final float[] LADDER = {0.5f, 0.9f, 0.99f, 0.999f, 0.9999f};

    private record Head(String name, OrtSession session, String input, float threshold) {
    }

    private record Set(String name, List<EmbeddingFeatures.Stream> streams, boolean positive) {
        double hours() {
            return streams.stream().mapToDouble(EmbeddingFeatures.Stream::audioSeconds).sum() / 3600;
        }
    }

    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Path models = ModelFiles.defaultDirectory();
        List<Head> heads = new ArrayList<>();
        List<Set> sets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--head" -> heads.add(head(env, models, args[++i]));
                case "--positives", "--negatives" -> {
                    String[] kv = args[i + 1].split("=", 2);
                    sets.add(new Set(kv[0], EmbeddingFeatures.read(Path.of(kv[1])), args[i].equals("--positives")));
                    i++;
                }
                case "--commands" -> {
                    List<EmbeddingFeatures.Stream> all = EmbeddingFeatures.read(Path.of(args[++i]));
                    JsonNode labels = new ObjectMapper().readTree(Path.of(args[++i]).toFile());
                    String drink = args[++i];
                    List<EmbeddingFeatures.Stream> with = new ArrayList<>();
                    List<EmbeddingFeatures.Stream> without = new ArrayList<>();
                    for (EmbeddingFeatures.Stream s : all) {
                        String file = s.name().substring(s.name().lastIndexOf('/') + 1);
                        (labels.path(file).path("slots").path("coffeeDrink").asText().trim().equals(drink) ? with : without).add(s);
                    }
                    sets.add(new Set("commands-dev \"" + drink + "\"", with, true));
                    sets.add(new Set("commands-dev, other drinks", without, false));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        for (Head h : heads) {
            Map<Set, List<float[]>> scored = new LinkedHashMap<>();
            List<float[]> negatives = new ArrayList<>();
            double negativeHours = 0;
            for (Set s : sets) {
                List<float[]> scores = new ArrayList<>();
                for (EmbeddingFeatures.Stream st : s.streams()) {
                    scores.add(scores(h, st));
                }
                scored.put(s, scores);
                if (!s.positive()) {
                    negatives.addAll(scores);
                    negativeHours += s.hours();
                }
            }
            // the lowest threshold these negatives allow at 1 per 10 h: what the head could reach if its
            // calibration had seen them (an upper bound on its recall, not a calibrated figure)
            float best = negatives.isEmpty() ? Float.NaN : Calibration.threshold(negatives, negativeHours, 1);
            System.out.printf(Locale.ROOT, "%n### %s (own threshold %.5f; lowest with <= 1 per 10 h on the %.2f h here: %.5f)%n%n",
                    h.name(), h.threshold(), negativeHours, best);
            float[] thresholds = thresholds(h, best);
            StringBuilder header = new StringBuilder("| set | size |");
            StringBuilder rule = new StringBuilder("|---|---|");
            for (float t : thresholds) {
                header.append(String.format(Locale.ROOT, " %s |", t == h.threshold() ? "**own " + trim(t) + "**"
                        : t == best ? "_lowest " + trim(t) + "_" : trim(t)));
                rule.append("---|");
            }
            System.out.println(header);
            System.out.println(rule);
            for (Set s : sets) {
                List<float[]> scores = scored.get(s);
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s |", s.name(), s.positive()
                        ? s.streams().size() + " recordings" : String.format(Locale.ROOT, "%.2f h", s.hours())));
                for (float t : thresholds) {
                    if (s.positive()) {
                        int caught = 0;
                        for (float[] sc : scores) {
                            caught += Calibration.activations(List.of(sc), t) > 0 ? 1 : 0;
                        }
                        row.append(String.format(Locale.ROOT, " %d (%.0f %%) |", caught, 100.0 * caught / Math.max(1, scores.size())));
                    } else {
                        int fa = Calibration.activations(scores, t);
                        row.append(String.format(Locale.ROOT, " %d (%.1f/10 h) |", fa, fa * 10 / s.hours()));
                    }
                }
                System.out.println(row);
            }
        }
    }

    /** The head's own threshold, the lowest the negatives allow (when there are any), then the ladder's others. */
    private static float[] thresholds(Head h, float best) {
        float[] t = new float[LADDER.length + 2];
        t[0] = h.threshold();
        int n = 1;
        if (!Float.isNaN(best) && best != h.threshold()) {
            t[n++] = best;
        }
        for (float l : LADDER) {
            if (l != h.threshold() && l != best) {
                t[n++] = l;
            }
        }
        return java.util.Arrays.copyOf(t, n);
    }

    private static String trim(float t) {
        return String.format(Locale.ROOT, "%.5f", t).replaceFirst("0+$", "");
    }

    private static Head head(OrtEnvironment env, Path models, String spec) throws Exception {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(1);
        String name;
        OrtSession session;
        float threshold;
        if (spec.endsWith(".json") || KeywordDescription.BUNDLED.contains(spec)) {
            KeywordDescription d = spec.endsWith(".json") ? KeywordDescription.read(Path.of(spec)) : KeywordDescription.bundled(spec);
            name = spec.endsWith(".json") ? spec : d.name();
            session = env.createSession(d.model(), o);
            threshold = d.threshold();
        } else {
            Path file = spec.endsWith(".onnx") ? Path.of(spec) : models.resolve(ModelFiles.keywordFileName(spec));
            name = spec;
            session = env.createSession(Files.readAllBytes(file), o);
            threshold = 0.5f;
        }
        return new Head(name, session, session.getInputNames().iterator().next(), threshold);
    }

    /** The head's score at every row (NaN before the first full window). */
    private static float[] scores(Head h, EmbeddingFeatures.Stream s) throws Exception {
        int dim = KeywordMlp.DIM;
        float[] out = new float[s.length()];
        float[] window = new float[KeywordMlp.INPUTS];
        Map<String, OnnxTensor> in = new LinkedHashMap<>();
        for (int r = 0; r < out.length; r++) {
            if (r < KeywordMlp.WINDOW - 1) {
                out[r] = Float.NaN;
                continue;
            }
            System.arraycopy(s.rows(), (r - KeywordMlp.WINDOW + 1) * dim, window, 0, window.length);
            try (OnnxTensor t = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(window),
                    new long[] {1, KeywordMlp.WINDOW, dim})) {
                in.put(h.input(), t);
                try (OrtSession.Result res = h.session().run(in)) {
                    out[r] = ((float[][]) res.get(0).getValue())[0][0];
                }
            }
        }
        return out;
    }
}
