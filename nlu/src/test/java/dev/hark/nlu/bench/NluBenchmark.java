package dev.hark.nlu.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetLoader;
import dev.hark.nlu.dataset.Intent;
import dev.hark.nlu.dataset.Utterance;
import dev.hark.nlu.parser.IntentParser;
import dev.hark.nlu.template.Template;
import dev.hark.nlu.template.TemplateExpander;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * NLU benchmark (not a test): trains on 15,000 utterances across 7 intents (the music dataset's 5 intents
 * and two smart-home intents, expanded from their templates), or on the datasets named after ROOT (for
 * instance the seven Snips 2017 benchmark sets), then measures training time (wall, and CPU time of the
 * training thread and of the whole process, which includes the garbage collector and the JIT compiler),
 * parse latency per sentence (the music and smart-home test sentences), model size on disk and in memory,
 * and load time. A fixed CPU reference workload (sorting 2 million ints, CPU time) is timed in the same
 * run so figures can be compared across machines as ratios.
 *
 * <p>Run: {@code java -cp nlu/target/classes:nlu/target/test-classes:$(cat /tmp/nlu-cp.txt) dev.hark.nlu.bench.NluBenchmark [ROOT [DATASET...]]}
 */
public final class NluBenchmark {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Path datasets = root.resolve("nlu/src/test/resources/datasets");
        double refMs = reference();
        System.out.printf("reference: sort 2M ints, median CPU %.1f ms%n", refMs);

        Dataset bench = args.length > 1
                ? DatasetLoader.load(Arrays.stream(args, 1, args.length).map(Path::of).toList()) : synthetic(datasets);
        int count = bench.intents().values().stream().mapToInt(i -> i.utterances().size()).sum();
        System.out.printf("dataset: %d intents, %d utterances%n", bench.intents().size(), count);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime();
        long thread0 = threads.getCurrentThreadCpuTime();
        long process0 = os.getProcessCpuTime();
        IntentParser parser = IntentParser.builder().dataset(bench).seed(42).build();
        double trainS = (System.nanoTime() - t0) / 1e9;
        double threadS = (threads.getCurrentThreadCpuTime() - thread0) / 1e9;
        double processS = (os.getProcessCpuTime() - process0) / 1e9;
        System.out.printf("training: %.2f s wall; CPU %.2f s training thread (%.0f x reference), %.2f s whole process "
                + "(%.0f x reference)%n", trainS, threadS, threadS * 1000 / refMs, processS, processS * 1000 / refMs);

        Path dir = Files.createTempDirectory("hark-nlu-bench");
        parser.save(dir);
        long bytes = Files.size(dir.resolve(IntentParser.MODEL_FILE));
        System.out.printf("model on disk: %.2f MB%n", bytes / 1e6);

        List<String> sentences = new ArrayList<>();
        for (String name : List.of("music", "smarthome")) {
            for (String line : Files.readAllLines(datasets.resolve(name).resolve("test.txt"))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    sentences.add(line.substring(line.indexOf('|') + 1).replaceAll("\\[([^\\]]+)\\]\\([^)]*\\)", "$1").strip());
                }
            }
        }
        parser = null;
        long before = usedHeap();
        double[] loads = new double[5];
        IntentParser loaded = null;
        for (int i = 0; i < loads.length; i++) {
            loaded = null;
            long t = System.nanoTime();
            loaded = IntentParser.load(dir);
            loads[i] = (System.nanoTime() - t) / 1e6;
        }
        long after = usedHeap();
        System.out.printf("load: first %.0f ms, median of 5 %.0f ms; heap held by the loaded model ~%.1f MB%n",
                loads[0], median(loads), (after - before) / 1e6);

        for (int i = 0; i < 20; i++) {
            for (String s : sentences) {
                loaded.parse(s);
            }
        }
        double[] times = new double[sentences.size() * 10];
        int k = 0;
        for (int rep = 0; rep < 10; rep++) {
            for (String s : sentences) {
                long t = System.nanoTime();
                loaded.parse(s);
                times[k++] = (System.nanoTime() - t) / 1e3;
            }
        }
        // the probabilistic path alone: sentences the deterministic parser does not match exactly
        List<Double> probabilistic = new ArrayList<>();
        for (int rep = 0; rep < 10; rep++) {
            for (String s : sentences) {
                long t = System.nanoTime();
                double p = loaded.parse(s).probability();
                long dt = System.nanoTime() - t;
                if (p < 1.0) {
                    probabilistic.add(dt / 1e3);
                }
            }
        }
        probabilistic.sort(null);
        System.out.printf("parse, probabilistic path only (%d parses): median %.0f us, p90 %.0f us%n", probabilistic.size(),
                probabilistic.get(probabilistic.size() / 2), probabilistic.get((int) (probabilistic.size() * 0.9)));
        Arrays.sort(times);
        System.out.printf("parse (%d sentences x 10): median %.0f us, p90 %.0f us, max %.0f us (median = %.2e x reference)%n",
                sentences.size(), times[times.length / 2], times[(int) (times.length * 0.9)], times[times.length - 1],
                times[times.length / 2] / 1000 / refMs);
    }

    /** 15,000 utterances sampled from the music and smart-home templates, 7 intents. */
    private static Dataset synthetic(Path datasets) throws Exception {
        Dataset merged = DatasetLoader.loadFiles(List.of(datasets.resolve("music/train.txt"), datasets.resolve("smarthome/train.txt")));
        List<String> intents = List.of("playMusic", "pauseMusic", "resumeMusic", "nextSong", "setVolume",
                "turnLightsOn", "setTemperature");
        int total = 15_000;
        Random random = new Random(1);
        TemplateExpander expander = new TemplateExpander(merged);
        Map<String, Intent> chosen = new LinkedHashMap<>();
        for (String name : intents) {
            Intent intent = merged.intents().get(name);
            int want = total / intents.size() + (name.equals(intents.get(0)) ? total % intents.size() : 0);
            List<Utterance> utts = new ArrayList<>();
            int perTemplate = want / intent.templates().size() + 1;
            for (Template t : intent.templates()) {
                utts.addAll(expander.sample(t, perTemplate, random));
            }
            // templates with few expansions leave a gap: fill it with further random utterances
            while (utts.size() < want) {
                Template t = intent.templates().get(random.nextInt(intent.templates().size()));
                utts.addAll(expander.sample(t, 1, new Random(random.nextLong())));
            }
            chosen.put(name, new Intent(name, utts.subList(0, want), List.of()));
        }
        return new Dataset("en", chosen, merged.customEntities(), merged.builtinEntities());
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Median CPU time of sorting the same 2 million pseudo-random ints, 5 runs: a machine-speed yardstick. */
    private static double reference() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] t = new double[5];
        for (int run = 0; run < t.length; run++) {
            Random r = new Random(7);
            int[] a = new int[2_000_000];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt();
            }
            long t0 = threads.getCurrentThreadCpuTime();
            Arrays.sort(a);
            t[run] = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        return median(t);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
