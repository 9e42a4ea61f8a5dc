package dev.hark.wakeword.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavFiles;
import dev.hark.audio.WavReader;
import dev.hark.wakeword.Detection;
import dev.hark.wakeword.KeywordDescription;
import dev.hark.wakeword.ModelLoadException;
import dev.hark.wakeword.WakeWordDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures wake-word heads on real recordings (scripts/wakeword-eval.sh runs it; docs/benchmarks/wakeword.md
 * records the figures): recall on the commands-dev recordings whose drink is the phrase, and false
 * activations on every other recording set given, per hour, at each model's own threshold and at a
 * fixed ladder of thresholds, clean and with real noise mixed in at each SNR (the SNR over the whole file, the noise excerpt drawn at random per file from the noise
 * folder). Each file is streamed as {@code hark wake} streams it: 2 s of warm-up before, 1 s after,
 * the default gates and a 2 s refractory period.
 *
 * <p>Usage: {@code WakeWordEvaluation --model M [--model M ...] --commands DIR --drink NAME
 * [--negatives NAME=DIR ...] [--noise DIR --snr DB,DB] [--threads N]}; a model is a bundled or
 * pre-trained name, or a .json description (with its calibrated threshold).
 */
public final class WakeWordEvaluation {
    private static final int RATE = PcmFormat.SAMPLE_RATE;

    public static void main(String[] args) throws Exception {
        List<String> models = new ArrayList<>();
        Map<String, Path> negatives = new LinkedHashMap<>();
        Path commands = null;
        String drink = null;
        Path noise = null;
        List<Double> snrs = new ArrayList<>();
        int threads = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> models.add(args[++i]);
                case "--commands" -> commands = Path.of(args[++i]);
                case "--drink" -> drink = args[++i];
                case "--negatives" -> {
                    String[] kv = args[++i].split("=", 2);
                    negatives.put(kv[0], Path.of(kv[1]));
                }
                case "--noise" -> noise = Path.of(args[++i]);
                case "--snr" -> {
                    for (String s : args[++i].split(",")) {
                        snrs.add(Double.parseDouble(s));
                    }
                }
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Map<String, List<Path>> sets = new LinkedHashMap<>();
        if (commands != null) {
            JsonNode labels = new ObjectMapper().readTree(commands.resolve("labels.json").toFile());
            List<Path> with = new ArrayList<>();
            List<Path> without = new ArrayList<>();
            for (var it = labels.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode d = e.getValue().path("slots").path("coffeeDrink");
                (drink != null && d.asText().trim().equals(drink) ? with : without).add(commands.resolve("clean").resolve(e.getKey()));
            }
            if (!with.isEmpty()) {
                sets.put("commands-dev with \"" + drink + "\"", with);
            }
            sets.put("commands-dev, other drinks", without);
        }
        for (var e : negatives.entrySet()) {
            sets.put(e.getKey(), WavFiles.under(e.getValue()));
        }
        List<float[]> noises = new ArrayList<>();
        if (noise != null) {
            for (Path f : WavFiles.under(noise)) {
                noises.add(Signals.read(f));
            }
        }
        List<Double> conditions = new ArrayList<>();
        conditions.add(Double.NaN);
        conditions.addAll(snrs);
        float[] thresholds = {0.5f, 0.9f, 0.99f, 0.999f, 0.9999f, 0.99999f};
        System.out.println("Each cell: files detected (recordings holding the phrase) or false activations (others), "
                + "at the model's own threshold and then at " + java.util.Arrays.toString(thresholds) + ".");
        System.out.println();
        StringBuilder header = new StringBuilder("| condition | recordings | files | hours | model | own threshold | at own |");
        for (float th : thresholds) {
            header.append(" at ").append(th).append(" |");
        }
        System.out.println(header);
        System.out.println("|---|---|---|---|---|---|---|" + "---|".repeat(thresholds.length));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (double snr : conditions) {
                for (var set : sets.entrySet()) {
                    boolean positives = set.getKey().contains("with \"");
                    List<Future<Scores>> results = new ArrayList<>();
                    int chunk = (set.getValue().size() + threads - 1) / threads;
                    for (int t = 0; t < threads; t++) {
                        List<Path> part = set.getValue().subList(Math.min(set.getValue().size(), t * chunk),
                                Math.min(set.getValue().size(), (t + 1) * chunk));
                        long seed = 1000L * t + (long) (Double.isNaN(snr) ? 0 : snr);
                        results.add(pool.submit(() -> scores(models, part, noises, snr, seed)));
                    }
                    List<float[][]> perFile = new ArrayList<>();
                    double seconds = 0;
                    for (Future<Scores> f : results) {
                        perFile.addAll(f.get().perFile());
                        seconds += f.get().seconds();
                    }
                    double hours = seconds / 3600;
                    for (int k = 0; k < models.size(); k++) {
                        float own = ownThreshold(models.get(k));
                        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %s | %s |",
                                Double.isNaN(snr) ? "clean" : String.format(Locale.ROOT, "%.0f dB SNR", snr), set.getKey(),
                                set.getValue().size(), hours, models.get(k), own));
                        float[] all = new float[thresholds.length + 1];
                        all[0] = own;
                        System.arraycopy(thresholds, 0, all, 1, thresholds.length);
                        for (float th : all) {
                            int n = 0;
                            for (float[][] s : perFile) {
                                int a = activations(s[k], th);
                                n += positives ? Math.min(1, a) : a;
                            }
                            row.append(positives ? String.format(Locale.ROOT, " %d/%d |", n, perFile.size())
                                    : String.format(Locale.ROOT, " %d (%.1f/10 h) |", n, n / Math.max(1e-9, hours) * 10));
                        }
                        System.out.println(row);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static float ownThreshold(String model) throws ModelLoadException {
        if (model.endsWith(".json")) {
            return KeywordDescription.read(Path.of(model)).threshold();
        }
        return KeywordDescription.BUNDLED.contains(model) ? KeywordDescription.bundled(model).threshold() : 0.5f;
    }

    /** Activations in one stream at {@code threshold}, with the detector's 2 s refractory period. */
    private static int activations(float[] scores, float threshold) {
        return Calibration.activations(List.of(scores), threshold);
    }

    /** Per model, each file's per-frame scores (0 where the detector did not score); last, the audio seconds. */
    private record Scores(List<float[][]> perFile, double seconds) {
    }

    private static Scores scores(List<String> models, List<Path> files, List<float[]> noises, double snr, long seed)
            throws IOException, ModelLoadException {
        WakeWordDetector.Builder b = WakeWordDetector.builder();
        for (String m : models) {
            if (m.endsWith(".json") || KeywordDescription.BUNDLED.contains(m)) {
                KeywordDescription d = m.endsWith(".json") ? KeywordDescription.read(Path.of(m)) : KeywordDescription.bundled(m);
                b.keyword(d, d.threshold());
            } else {
                b.pretrainedKeyword(m, 0.5f);
            }
        }
        Random random = new Random(seed);
        List<float[][]> out = new ArrayList<>();
        long samples = 0;
        try (WakeWordDetector detector = b.build()) {
            short[] frame = new short[PcmFormat.FRAME_SAMPLES];
            for (Path f : files) {
                float[] x = SpeechSynthesizer.toFloat(WavReader.readPcm16k(f));
                int lead = detector.warmUpFrames() * PcmFormat.FRAME_SAMPLES;
                float[] stream = new float[lead + x.length + RATE];
                System.arraycopy(x, 0, stream, lead, x.length);
                if (!Double.isNaN(snr) && !noises.isEmpty()) {
                    float[] n = noises.get(random.nextInt(noises.size()));
                    Signals.mix(stream, n, random.nextInt(n.length), Signals.power(x, 0, x.length), snr);
                }
                short[] pcm = Signals.toPcm(stream);
                samples += x.length;
                detector.reset();
                float[][] s = new float[models.size()][pcm.length / frame.length];
                for (int t = 0; t < s[0].length; t++) {
                    System.arraycopy(pcm, t * frame.length, frame, 0, frame.length);
                    detector.process(frame);
                    for (int k = 0; k < models.size(); k++) {
                        s[k][t] = detector.score(k);
                    }
                }
                out.add(s);
            }
        }
        return new Scores(out, samples / (double) RATE);
    }
}
