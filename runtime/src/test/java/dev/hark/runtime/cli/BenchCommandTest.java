package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** hark bench on a tiny workload: the shape of its JSON and that every figure is a positive number. */
class BenchCommandTest {
    private static void assertPositive(JsonNode node, String what) {
        assertTrue(node.isNumber(), what + " is not a number: " + node);
        double v = node.asDouble();
        assertTrue(Double.isFinite(v) && v > 0, what + " is not positive and finite: " + v);
    }

    @Test
    void tinyWorkloadGivesOneJsonObjectWithEveryFigure() throws Exception {
        // a heap bound the graph fits in, so the child reaches listening (the service's own bound does not: see docs);
        // a minute of idle room (~0.1 % of a core: ~60 ms of CPU, read faster than real time) so that the
        // process CPU clock, which ticks every 10 ms, reads more than 0
        CliHarness r = CliHarness.run("bench", "--json", "--examples-only", "--repetitions", "1", "--commands", "3",
                "--idle-seconds", "60", "--jvm-options", "-XX:+UseSerialGC -Xmx400m",
                "--listen", Path.of(System.getProperty("hark.root"), "examples/conversation.wav").toString());
        assertEquals(0, r.exit, r.err);
        List<String> lines = r.out.lines().toList();
        assertEquals(1, lines.size(), "one JSON object on stdout, got: " + r.out);
        JsonNode bench = new ObjectMapper().readTree(lines.get(0));

        Set<String> stages = new HashSet<>();
        for (JsonNode s : bench.withArray("stages")) {
            stages.add(s.path("stage").asText());
            assertPositive(s.path("rtf"), s.path("stage").asText() + " rtf");
            assertPositive(s.path("audio_s"), s.path("stage").asText() + " audio");
        }
        assertEquals(Set.of("wake_front_end", "wake_head_hello_hark", "wake_head_alexa", "wake_head_hey_jarvis", "wake_head_hey_mycroft",
                "wake_head_hey_rhasspy", "vad", "recognizer", "speaker_embedding", "nlu"), stages);
        assertPositive(bench.path("nlu_us_per_utterance"), "NLU per utterance");

        JsonNode latency = bench.path("latency_ms");
        assertEquals(3, latency.path("commands").asInt(), "the two examples hold three commands");
        assertTrue(latency.path("understood").asInt() >= 1, latency.toString());
        assertPositive(latency.path("median"), "latency median");
        assertPositive(latency.path("p95"), "latency p95");
        assertTrue(latency.path("p95").asDouble() >= latency.path("median").asDouble(), latency.toString());

        assertPositive(bench.path("idle").path("process_percent"), "idle CPU of the process");
        assertPositive(bench.path("idle").path("loop_thread_percent"), "idle CPU of the loop thread");
        assertEquals(0, bench.path("idle").path("wakes").asInt(), "room noise wakes nobody");

        JsonNode child = bench.withArray("hark_run").get(0);
        assertEquals(0, child.path("exit_code").asInt(), child.toString());
        assertPositive(child.path("listening_ms"), "start-up to listening");
        assertPositive(child.path("peak_rss_mb"), "peak RSS");
        assertTrue(child.path("intents").asInt() >= 1, "the child understood the conversation: " + child);
        assertEquals("-XX:+UseSerialGC -Xmx400m", bench.path("child_jvm_options").asText());

        // --listen: the whole child's CPU over the recording's duration, start-up included
        JsonNode listening = bench.path("listening");
        assertEquals(0, listening.path("exit_code").asInt(), listening.toString());
        double seconds = dev.hark.audio.PcmFormat.seconds(dev.hark.audio.WavReader.readPcm16k(
                Path.of(System.getProperty("hark.root"), "examples/conversation.wav")).length);
        assertEquals(seconds, listening.path("audio_s").asDouble(), 0.01, listening.toString());
        assertPositive(listening.path("cpu_s"), "listening CPU");
        assertEquals(listening.path("cpu_s").asDouble() / listening.path("audio_s").asDouble() * 100,
                listening.path("process_percent").asDouble(), 0.01, listening.toString());

        JsonNode goals = bench.path("goals");
        assertEquals(5, goals.size(), goals.toString());
        for (JsonNode g : goals) {
            assertTrue(g.path("met").isBoolean(), g.toString());
        }
    }

    @Test
    void refusesNonsenseCountsAsUsage() {
        CliHarness r = CliHarness.run("bench", "--repetitions", "0");
        assertEquals(HarkCli.EXIT_USAGE, r.exit);
        assertTrue(r.err.startsWith("hark: --repetitions"), r.err);
        assertEquals(1, r.err.lines().count(), r.err);
    }
}
