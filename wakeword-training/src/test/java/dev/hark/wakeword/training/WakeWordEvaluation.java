package dev.hark.wakeword.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.PcmFormat;
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
 * activations on every other recording set given, per hour, clean and with real noise mixed in at
 * each SNR (the SNR over the whole file, the noise excerpt drawn at random per file from the noise
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
            sets.put(e.getKey(), AudioFolder.list(e.getValue()));
        }
        List<float[]> noises = new ArrayList<>();
        if (noise != null) {
            for (Path f : AudioFolder.list(noise)) {
                noises.add(AudioFolder.read(f));
            }
        }
        List<Double> conditions = new ArrayList<>();
        conditions.add(Double.NaN);
        conditions.addAll(snrs);
        System.out.println("| condition | recordings | hours | " + String.join(" | ", models) + " |");
        System.out.println("|---|---|---|" + "---|".repeat(models.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (double snr : conditions) {
                for (var set : sets.entrySet()) {
                    boolean positives = set.getKey().contains("with \"");
                    List<Future<int[]>> results = new ArrayList<>();
                    int chunk = (set.getValue().size() + threads - 1) / threads;
                    for (int t = 0; t < threads; t++) {
                        List<Path> part = set.getValue().subList(Math.min(set.getValue().size(), t * chunk),
                                Math.min(set.getValue().size(), (t + 1) * chunk));
                        long seed = 1000L * t + (long) (Double.isNaN(snr) ? 0 : snr);
                        results.add(pool.submit(() -> count(models, part, positives, noises, snr, seed)));
                    }
                    int[] hits = new int[models.size() + 1];
                    for (Future<int[]> f : results) {
                        int[] h = f.get();
                        for (int i = 0; i < hits.length; i++) {
                            hits[i] += h[i];
                        }
                    }
                    double hours = hits[models.size()] / 100.0 / 3600;
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %d | %.2f |",
                            Double.isNaN(snr) ? "clean" : String.format(Locale.ROOT, "%.0f dB SNR", snr), set.getKey(),
                            set.getValue().size(), hours));
                    for (int i = 0; i < models.size(); i++) {
                        row.append(positives
                                ? String.format(Locale.ROOT, " %d/%d detected |", hits[i], set.getValue().size())
                                : String.format(Locale.ROOT, " %d FA (%.1f per 10 h) |", hits[i], hits[i] / Math.max(1e-9, hours) * 10));
                    }
                    System.out.println(row);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Per model, the files with a detection (positives) or all detections (negatives); last, the
     * centiseconds of audio.
     */
    private static int[] count(List<String> models, List<Path> files, boolean positives, List<float[]> noises,
                               double snr, long seed)
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
        int[] out = new int[models.size() + 1];
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
                boolean[] fired = new boolean[models.size()];
                for (int s = 0; s + frame.length <= pcm.length; s += frame.length) {
                    System.arraycopy(pcm, s, frame, 0, frame.length);
                    for (Detection d : detector.process(frame)) {
                        if (!positives || !fired[d.keywordIndex()]) {
                            out[d.keywordIndex()]++;
                        }
                        fired[d.keywordIndex()] = true;
                    }
                }
            }
        }
        out[models.size()] = (int) (samples * 100 / RATE);
        return out;
    }
}
