package dev.hark.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.PcmFormat;
import dev.hark.audio.RawPcmSource;
import dev.hark.runtime.loop.Assistant;
import dev.hark.runtime.loop.AssistantLoop;
import dev.hark.runtime.loop.EventLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Figures of the real assistant loop run in this process over in-memory audio (as {@code hark run
 * --input -} would, faster than real time): the end-of-speech-to-dispatch latency of each command,
 * read from the {@code latency_ms} of the loop's intent events, and the CPU share of one core while
 * it listens to a room where nobody speaks.
 */
public final class LoopMeasurements {
    private final Assistant assistant;
    private final ObjectMapper mapper = new ObjectMapper();

    public LoopMeasurements(Assistant assistant) {
        this.assistant = assistant;
    }

    /** What one pass of the loop over a stream produced. */
    public record Pass(int wakes, int intents, int understood, double[] latencyMs, double[] recognizerFinishMs) {
    }

    /** Runs the loop over {@code pcm} and collects its wake and intent events. */
    public Pass run(short[] pcm) throws IOException {
        StringWriter log = new StringWriter();
        EventLog events = new EventLog(new PrintWriter(log), true);
        try (RawPcmSource source = new RawPcmSource(new ByteArrayInputStream(BenchWorkload.bytes(pcm)), "bench")) {
            AssistantLoop loop = assistant.loop(source, events, 0);
            loop.run();
        }
        int wakes = 0;
        int intents = 0;
        List<Double> latencies = new ArrayList<>();
        List<Double> finishes = new ArrayList<>();
        double lastFinish = Double.NaN;
        for (String line : log.toString().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode e = mapper.readTree(line);
            switch (e.path("event").asText()) {
                case "wake" -> wakes++;
                case "transcript" -> lastFinish = e.path("asr_ms").asDouble(Double.NaN);
                case "intent" -> {
                    intents++;
                    if (e.has("latency_ms")) {
                        latencies.add(e.get("latency_ms").asDouble());
                        // the share of the latency that went into finishing recognition (the rest:
                        // speaker identification, slot resolution, building the request)
                        finishes.add(lastFinish);
                    }
                }
                default -> {
                }
            }
        }
        return new Pass(wakes, intents, latencies.size(), array(latencies), array(finishes));
    }

    private static double[] array(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Process and loop-thread CPU over one stretch of room audio, each as a share of one core. */
    public record Idle(double processShare, double threadShare, double audioSeconds, int wakes) {
    }

    /**
     * Runs the loop over {@code warmUp} (JIT, ONNX Runtime arenas), then measures the whole process's
     * CPU time (every thread: the loop, GC, JIT) over {@code room} divided by its duration.
     */
    public Idle idle(short[] warmUp, short[] room) throws IOException {
        run(warmUp);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long p0 = os.getProcessCpuTime();
        long t0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Pass p = run(room);
        long thread = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0;
        long process = os.getProcessCpuTime() - p0;
        double audio = PcmFormat.seconds(room.length);
        return new Idle(process / 1e9 / audio, thread / 1e9 / audio, audio, p.wakes());
    }
}
