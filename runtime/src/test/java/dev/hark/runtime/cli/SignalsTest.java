package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hark run} as the service runs it, in a child process fed raw PCM on stdin: SIGHUP reloads
 * the configuration (an invalid one is refused and the running one kept), SIGTERM ends the stream
 * cleanly with an end event. The waits only guard against a hang; nothing here is timed.
 */
class SignalsTest {
    @TempDir
    Path dir;
    private final ObjectMapper mapper = new ObjectMapper();

    private String config(double threshold) {
        return "{\"skills\": {\"folder\": \"" + dir.resolve("skills") + "\", \"stateFolder\": \"" + dir.resolve("state")
                + "\"}, \"feedback\": {\"output\": \"none\"}, \"speaker\": {\"enabled\": false},"
                + " \"wake\": {\"models\": [{\"name\": \"hey_jarvis\", \"threshold\": " + threshold + "}]},"
                + " \"models\": {\"dir\": \"" + Path.of(System.getProperty("hark.root")).resolve("models/files") + "\"}}";
    }

    private static JsonNode next(BlockingQueue<JsonNode> events, String kind) throws InterruptedException {
        while (true) {
            JsonNode e = events.poll(60, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no " + kind + " event");
            }
            if (e.get("event").asText().equals(kind)) {
                return e;
            }
        }
    }

    private static void signal(Process p, String sig) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor());
    }

    @Test
    void hangUpReloadsOrKeepsTheConfigurationAndTermStopsCleanly() throws Exception {
        Path cfg = dir.resolve("hark.json");
        Files.writeString(cfg, config(0.5));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dhark.root=" + System.getProperty("hark.root"), HarkCli.class.getName(),
                "run", "--config", cfg.toString(), "--input", "-", "--json"))
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    events.add(mapper.readTree(line));
                }
            } catch (Exception ignored) {
                // the stream ends with the process
            }
        });
        reader.start();
        // a live-like stream of silence, 80 ms frames, until the process ends
        Thread feeder = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                byte[] frame = new byte[2560];
                while (p.isAlive()) {
                    in.write(frame);
                    in.flush();
                    Thread.sleep(20);
                }
            } catch (Exception ignored) {
                // the pipe closes when the process ends
            }
        });
        feeder.start();
        try {
            next(events, "start");

            Files.writeString(cfg, "{\"wake\": {\"models\": [{\"name\": \"hey_jarvis\", \"threshold\": 7}]}}");
            signal(p, "HUP");
            JsonNode refused = next(events, "reload");
            assertFalse(refused.get("ok").asBoolean(), refused.toString());
            assertTrue(refused.get("error").asText().contains("$.wake.models[0].threshold"), refused.toString());
            assertTrue(p.isAlive(), "an invalid configuration keeps Hark running");

            Files.writeString(cfg, config(0.6));
            signal(p, "HUP");
            JsonNode reloaded = next(events, "reload");
            assertTrue(reloaded.get("ok").asBoolean(), reloaded.toString());

            // as systemctl stop sends it; Process.destroy() would also close the pipe the end event comes on
            signal(p, "TERM");
            JsonNode end = next(events, "end");
            assertEquals("stopped", end.get("reason").asText());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "hark run did not exit after SIGTERM");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; hark run's stderr: " + Files.readString(dir.resolve("stderr.txt")), e);
        } finally {
            p.destroyForcibly();
            feeder.join(5000);
            reader.join(5000);
        }
    }
}
