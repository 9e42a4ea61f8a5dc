package dev.hark.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.audio.PcmFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's figures, the machine they were measured on, and the goals they meet or miss, as one
 * JSON object or a readable table. Holds only numbers and short strings.
 */
public final class BenchReport {
    /** Goals on the build machine (issues 8 and 16); a Pi 3 core is about ten times slower. */
    public static final double IDLE_GOAL = 0.003;
    public static final double LISTENING_GOAL = 0.01;
    public static final double LATENCY_P95_GOAL_MS = 50;
    public static final double RSS_GOAL_MB = 128;
    public static final double STARTUP_GOAL_MS = 2000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectNode root = mapper.createObjectNode();
    private final ArrayNode stages;
    private final ArrayNode children;
    private final ArrayNode notes;
    private double latencyP95 = Double.NaN;
    private double idleShare = Double.NaN;
    private double listeningShare = Double.NaN;
    private double listeningPeakRss = Double.NaN;

    public BenchReport(BenchWorkload workload, int repetitions, boolean pi3, List<String> childOptions) {
        ObjectNode machine = root.putObject("machine");
        machine.put("cpu", cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("load_average", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        ObjectNode w = root.putObject("workload");
        w.put("flite_commands", workload.commands().size());
        w.put("stage_audio_s", round(seconds(workload.stageRecordings()), 2));
        w.put("speech_audio_s", round(PcmFormat.seconds(workload.speech().length), 2));
        w.put("repetitions", repetitions);
        root.put("pi3", pi3);
        root.put("child_jvm_options", String.join(" ", childOptions));
        stages = root.putArray("stages");
        children = root.putArray("hark_run");
        notes = root.putArray("notes");
    }

    /** Adds per-stage figures. */
    public void stages(List<StageCosts.Figure> figures) {
        figures.forEach(this::stage);
    }

    /** Adds one per-stage figure. */
    public void stage(StageCosts.Figure f) {
        stages.addObject().put("stage", f.stage()).put("rtf", significant(f.rtf(), 4))
                .put("audio_s", round(f.audioSeconds(), 2)).put("input", f.input());
    }

    /** The text NLU's figure and its CPU microseconds per utterance. */
    public void nlu(StageCosts.NluFigure nlu) {
        stage(nlu.figure());
        root.put("nlu_us_per_utterance", round(nlu.microsPerUtterance(), 1));
    }

    /** The loop's latency figures over {@code expected} commands. */
    public void latency(LoopMeasurements.Pass pass, int expected) {
        ObjectNode l = root.putObject("latency_ms");
        l.put("commands", expected).put("wakes", pass.wakes()).put("understood", pass.understood());
        if (pass.latencyMs().length > 0) {
            latencyP95 = StageCosts.percentile(pass.latencyMs(), 95);
            l.put("median", round(StageCosts.median(pass.latencyMs()), 2)).put("p95", round(latencyP95, 2))
                    .put("max", round(StageCosts.percentile(pass.latencyMs(), 100), 2));
            double[] finish = pass.recognizerFinishMs();
            double[] rest = new double[finish.length];
            for (int i = 0; i < rest.length; i++) {
                rest[i] = pass.latencyMs()[i] - finish[i];
            }
            l.put("recognizer_finish_median", round(StageCosts.median(finish), 2))
                    .put("recognizer_finish_p95", round(StageCosts.percentile(finish, 95), 2))
                    .put("after_recognition_median", round(StageCosts.median(rest), 2))
                    .put("after_recognition_p95", round(StageCosts.percentile(rest, 95), 2));
        }
    }

    /** The idle-listening CPU share. */
    public void idle(LoopMeasurements.Idle idle, String input) {
        idleShare = idle.processShare();
        root.putObject("idle").put("process_percent", round(idle.processShare() * 100, 3))
                .put("loop_thread_percent", round(idle.threadShare() * 100, 3))
                .put("audio_s", round(idle.audioSeconds(), 1)).put("wakes", idle.wakes()).put("input", input);
    }

    /** A {@code hark run} child's figures. */
    public void child(String label, ChildRun.Result r) {
        ObjectNode c = children.addObject().put("jvm", label).put("exit_code", r.exitCode());
        putFinite(c, "listening_ms", r.listeningMs());
        putFinite(c, "startup_ms", r.startupMs());
        putFinite(c, "peak_rss_mb", r.peakRssMb());
        c.put("intents", r.intents());
        if (!r.ok()) {
            c.put("stderr", r.stderrTail());
        }
    }

    /**
     * The listening figure: a {@code hark run} child over a long recording of continuous speech, its
     * whole CPU time (start-up included) over the audio time, and its peak resident memory.
     */
    public void listening(String input, ChildRun.Result r) {
        ObjectNode l = root.putObject("listening").put("input", input).put("exit_code", r.exitCode());
        putFinite(l, "audio_s", r.audioSeconds());
        putFinite(l, "cpu_s", r.cpuSeconds());
        if (r.ok()) {
            listeningShare = r.cpuShare();
            listeningPeakRss = r.peakRssMb();
        }
        putFinite(l, "process_percent", listeningShare * 100);
        putFinite(l, "peak_rss_mb", r.peakRssMb());
        putFinite(l, "listening_ms", r.listeningMs());
        if (!r.ok()) {
            l.put("stderr", r.stderrTail());
        }
    }

    /** A remark a reader needs (a missing tool, a fallback). */
    public void note(String text) {
        notes.add(text);
    }

    /**
     * The whole report, with the goals evaluated; the memory and start-up goals on the first child
     * (the one with the JVM options asked for), so a child that never listened misses them.
     */
    public ObjectNode toJson() {
        ArrayNode goals = root.putArray("goals");
        goal(goals, "idle listening <= 0.3 % of one core", idleShare * 100, IDLE_GOAL * 100, "%");
        if (root.has("listening")) {
            goal(goals, "listening to continuous speech, start-up included, <= 1 % of one core", listeningShare * 100,
                    LISTENING_GOAL * 100, "%");
        }
        goal(goals, "end of speech to dispatch p95 <= 50 ms", latencyP95, LATENCY_P95_GOAL_MS, "ms");
        ObjectNode service = children.isEmpty() ? null : (ObjectNode) children.get(0);
        boolean served = service != null && service.path("exit_code").asInt(-1) == 0;
        double rss = served ? service.path("peak_rss_mb").asDouble(Double.NaN) : Double.NaN;
        goal(goals, "peak RSS of hark run <= 128 MB", Double.isNaN(listeningPeakRss) ? rss : Math.max(rss, listeningPeakRss),
                RSS_GOAL_MB, "MB");
        goal(goals, "start-up to listening <= 2 s",
                served ? service.path("listening_ms").asDouble(Double.NaN) : Double.NaN, STARTUP_GOAL_MS, "ms");
        return root;
    }

    private void goal(ArrayNode goals, String name, double value, double limit, String unit) {
        ObjectNode g = goals.addObject().put("goal", name).put("limit", limit).put("unit", unit);
        putFinite(g, "value", value);
        // a figure that could not be measured (the child failed) is a missed goal, not a met one
        g.put("met", Double.isFinite(value) && value <= limit);
    }

    /** The report as a readable table. */
    public String table() {
        ObjectNode r = toJson();
        StringBuilder sb = new StringBuilder();
        ObjectNode m = (ObjectNode) r.get("machine");
        sb.append(String.format(Locale.ROOT, "machine: %s, %d cores, load %.2f, %s, %s%n", m.path("cpu").asText(),
                m.path("cores").asInt(), m.path("load_average").asDouble(), m.path("java").asText(), m.path("os").asText()));
        sb.append(String.format(Locale.ROOT, "workload: %d flite commands (%.1f s), speech stream %.1f s, %d repetitions%n%n",
                r.path("workload").path("flite_commands").asInt(), r.path("workload").path("stage_audio_s").asDouble(),
                r.path("workload").path("speech_audio_s").asDouble(), r.path("workload").path("repetitions").asInt()));
        sb.append("stage (one thread)              real-time factor   share of a core   audio\n");
        for (var s : r.withArray("stages")) {
            sb.append(String.format(Locale.ROOT, "%-32s %14.6f %15.3f %%   %6.1f s %s%n", s.path("stage").asText(),
                    s.path("rtf").asDouble(), s.path("rtf").asDouble() * 100, s.path("audio_s").asDouble(), s.path("input").asText()));
        }
        sb.append(String.format(Locale.ROOT, "NLU parse: %.1f us per utterance (median)%n%n", r.path("nlu_us_per_utterance").asDouble()));
        var l = r.path("latency_ms");
        sb.append(String.format(Locale.ROOT, "end of speech -> dispatch: median %.1f ms, p95 %.1f ms, max %.1f ms (%d of %d commands understood, %d wakes)%n",
                l.path("median").asDouble(Double.NaN), l.path("p95").asDouble(Double.NaN), l.path("max").asDouble(Double.NaN),
                l.path("understood").asInt(), l.path("commands").asInt(), l.path("wakes").asInt()));
        sb.append(String.format(Locale.ROOT, "  of which finishing recognition: median %.1f ms, p95 %.1f ms; speaker, slots and request: median %.1f ms, p95 %.1f ms%n",
                l.path("recognizer_finish_median").asDouble(Double.NaN), l.path("recognizer_finish_p95").asDouble(Double.NaN),
                l.path("after_recognition_median").asDouble(Double.NaN), l.path("after_recognition_p95").asDouble(Double.NaN)));
        var i = r.path("idle");
        sb.append(String.format(Locale.ROOT, "idle listening: %.3f %% of one core (process; loop thread %.3f %%) over %.0f s of %s%n",
                i.path("process_percent").asDouble(), i.path("loop_thread_percent").asDouble(), i.path("audio_s").asDouble(),
                i.path("input").asText()));
        sb.append(String.format(Locale.ROOT, "hark run child%s, JVM options: %s%n", r.path("pi3").asBoolean() ? " (taskset -c 0)" : "",
                r.path("child_jvm_options").asText()));
        for (var c : r.withArray("hark_run")) {
            sb.append(String.format(Locale.ROOT, "  %-34s exit %d, listening after %.0f ms (own start-up %.0f ms), peak RSS %.1f MB%n",
                    c.path("jvm").asText(), c.path("exit_code").asInt(), c.path("listening_ms").asDouble(Double.NaN),
                    c.path("startup_ms").asDouble(Double.NaN), c.path("peak_rss_mb").asDouble(Double.NaN)));
            if (c.has("stderr")) {
                sb.append("    stderr: ").append(c.path("stderr").asText().replace("\n", "\n    stderr: ")).append('\n');
            }
        }
        if (r.has("listening")) {
            var listening = r.path("listening");
            sb.append(String.format(Locale.ROOT, "listening to %s: %.3f %% of one core (%.1f s CPU over %.0f s of audio, start-up included), peak RSS %.1f MB%n",
                    listening.path("input").asText(), listening.path("process_percent").asDouble(Double.NaN),
                    listening.path("cpu_s").asDouble(Double.NaN), listening.path("audio_s").asDouble(Double.NaN),
                    listening.path("peak_rss_mb").asDouble(Double.NaN)));
            if (listening.has("stderr")) {
                sb.append("    stderr: ").append(listening.path("stderr").asText().replace("\n", "\n    stderr: ")).append('\n');
            }
        }
        sb.append("\ngoals\n");
        for (var g : r.withArray("goals")) {
            sb.append(String.format(Locale.ROOT, "  %-4s %-55s %s%n", g.path("met").asBoolean() ? "met" : "MISS",
                    g.path("goal").asText(), g.path("value").isNumber() ? String.format(Locale.ROOT, "%.2f %s", g.path("value").asDouble(),
                            g.path("unit").asText()) : "not measured"));
        }
        for (var n : r.withArray("notes")) {
            sb.append("note: ").append(n.asText()).append('\n');
        }
        return sb.toString();
    }

    private static void putFinite(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, round(v, 3));
        } else {
            o.putNull(field);
        }
    }

    /** {@code v} to {@code digits} significant digits: the NLU's real-time factor is a few millionths. */
    private static double significant(double v, int digits) {
        return v == 0 || !Double.isFinite(v) ? v
                : new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).doubleValue();
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static double seconds(List<short[]> recordings) {
        long n = 0;
        for (short[] r : recordings) {
            n += r.length;
        }
        return PcmFormat.seconds(n);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") || line.startsWith("Model")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux: the OS name and architecture say enough
        }
        return System.getProperty("os.arch");
    }
}
