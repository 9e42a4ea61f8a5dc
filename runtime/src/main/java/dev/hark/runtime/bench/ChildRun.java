package dev.hark.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real {@code hark run --json} in a child JVM with given JVM options (optionally pinned to one core
 * with {@code taskset}), watched from outside: time from spawning it to its start event (listening),
 * the start-up it reports itself, and its peak resident memory, read from {@code VmHWM} in
 * {@code /proc/<pid>/status} while it runs (Linux only). Costs one JVM start and model load.
 */
public final class ChildRun {
    /** Longest a child may run: a 10-minute stream takes a minute on a desktop core, several on one slow core. */
    private static final long LIMIT_SECONDS = 1800;

    /**
     * What the child did. peakRssMb is NaN where /proc cannot be read; cpuSeconds is the child's whole
     * CPU time (user + system, every thread, start-up included) when it reached the end of its input,
     * audioSeconds the stream time it had listened to by then.
     */
    public record Result(List<String> command, int exitCode, double listeningMs, double startupMs, double peakRssMb,
                         int intents, double cpuSeconds, double audioSeconds, String stderrTail) {
        public boolean ok() {
            return exitCode == 0 && listeningMs > 0;
        }

        /** CPU time over audio time: the share of one core the whole run took, start-up included. */
        public double cpuShare() {
            return cpuSeconds / audioSeconds;
        }
    }

    private ChildRun() {
    }

    /**
     * The options of a java argument file ({@code scripts/service/jvm.options}, which both launchers
     * and so the service use): its words, without the {@code #} comments.
     */
    public static List<String> jvmOptions(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": JVM options file not found (its options are the ones measured)");
        }
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int hash = line.indexOf('#');
            for (String word : (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    options.add(word);
                }
            }
        }
        if (options.isEmpty()) {
            throw new IOException(file + ": no JVM options in it");
        }
        return options;
    }

    /**
     * Runs {@code hark run --json --config config --input input} from this JVM's class path with
     * {@code jvmOptions}, under {@code taskset -c 0} when {@code oneCore}, and waits for it to end.
     */
    public static Result run(Path root, List<String> jvmOptions, boolean oneCore, Path config, Path input)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (oneCore && !BenchWorkload.onPath("taskset")) {
            throw new IOException("taskset not found: --pi3 needs it (Debian package util-linux)");
        }
        if (oneCore) {
            cmd.addAll(List.of("taskset", "-c", "0"));
        }
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        // the class-data sharing archive this JVM runs with (./hark's, the service's) fits the child too:
        // same jars, same class path
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:SharedArchiveFile="))) {
            java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(o -> o.startsWith("-XX:SharedArchiveFile=") || o.startsWith("-Xlog:cds")).forEach(cmd::add);
        }
        // and so does the unpacked ONNX Runtime library the launchers point it at
        String nativePath = System.getProperty("onnxruntime.native.path");
        if (nativePath != null && jvmOptions.stream().noneMatch(o -> o.startsWith("-Donnxruntime.native.path="))) {
            cmd.add("-Donnxruntime.native.path=" + nativePath);
        }
        cmd.add("-Dhark.root=" + root);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), dev.hark.runtime.cli.HarkCli.class.getName(),
                "run", "--json", "--config", config.toString(), "--input", input.toString()));
        Path stderr = Files.createTempFile("hark-bench-child", ".err");
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
            p.getOutputStream().close();
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            java.util.concurrent.atomic.DoubleAccumulator peak = new java.util.concurrent.atomic.DoubleAccumulator(Math::max, 0);
            Thread sampler = new Thread(() -> {
                while (p.isAlive()) {
                    peak.accumulate(vmHwmMb(status));
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "hark-bench-rss");
            sampler.setDaemon(true);
            sampler.start();
            // a child that never ends (a hung stage) must not hang the benchmark with it
            Thread watchdog = new Thread(() -> {
                try {
                    if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "hark-bench-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            ObjectMapper mapper = new ObjectMapper();
            List<String> other = new ArrayList<>(); // the JVM's own last words (an OutOfMemoryError) go to stdout
            double listening = Double.NaN;
            double startup = Double.NaN;
            double cpu = Double.NaN;
            double audio = Double.NaN;
            int intents = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    JsonNode e;
                    try {
                        e = mapper.readTree(line);
                    } catch (IOException notJson) {
                        other.add(line);
                        continue;
                    }
                    String kind = e.path("event").asText();
                    if (kind.equals("start")) {
                        listening = (System.nanoTime() - t0) / 1e6;
                        startup = e.path("startup_ms").asDouble();
                    } else if (kind.equals("intent") && e.has("latency_ms")) {
                        intents++;
                    } else if (kind.equals("end")) {
                        // everything is still loaded: the last look at the high-water mark and the CPU clock
                        peak.accumulate(vmHwmMb(status));
                        cpu = p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
                        audio = e.path("t").asDouble(Double.NaN);
                    }
                }
            }
            p.waitFor();
            sampler.interrupt();
            sampler.join();
            List<String> errLines = new ArrayList<>(Files.readAllLines(stderr));
            errLines.addAll(other);
            String tail = String.join("\n", errLines.subList(Math.max(0, errLines.size() - 5), errLines.size()));
            return new Result(cmd, p.exitValue(), listening, startup, peak.get() == 0 ? Double.NaN : peak.get(), intents,
                    cpu, audio, tail);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** The process's peak resident set in MB (VmHWM), 0 once it is gone or on a system without /proc. */
    private static double vmHwmMb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the child exited between two looks
        }
        return 0;
    }
}
