package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hark run} as the service runs it, in a child process fed raw PCM on stdin: SIGHUP reloads
 * the configuration (an invalid one is refused and the running one kept), SIGTERM ends the stream
 * cleanly with an end event; started with SIGHUP ignored (nohup), it says that it cannot reload. The
 * waits only guard against a hang; nothing here is timed.
 */
class SignalsTest {
    @TempDir
    Path dir;

    private String config(double threshold) {
        return "{\"skills\": {\"folder\": \"" + dir.resolve("skills") + "\", \"stateFolder\": \"" + dir.resolve("state")
                + "\"}, \"feedback\": {\"output\": \"none\"}, \"speaker\": {\"enabled\": false},"
                + " \"wake\": {\"models\": [{\"name\": \"hey_jarvis\", \"threshold\": " + threshold + "}]},"
                + " \"models\": {\"dir\": \"" + Path.of(System.getProperty("hark.root")).resolve("models/files") + "\"}}";
    }

    @Test
    void hangUpReloadsOrKeepsTheConfigurationAndTermStopsCleanly() throws Exception {
        Path cfg = dir.resolve("hark.json");
        Files.writeString(cfg, config(0.5));
        HarkProcess hark = HarkProcess.run(dir, "--config", cfg.toString(), "--input", "-");
        Process p = hark.process();
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
            hark.next("start");

            Files.writeString(cfg, "{\"wake\": {\"models\": [{\"name\": \"hey_jarvis\", \"threshold\": 7}]}}");
            hark.signal("HUP");
            JsonNode refused = hark.next("reload");
            assertFalse(refused.get("ok").asBoolean(), refused.toString());
            assertTrue(refused.get("error").asText().contains("$.wake.models[0].threshold"), refused.toString());
            assertTrue(p.isAlive(), "an invalid configuration keeps Hark running");

            Files.writeString(cfg, config(0.6));
            hark.signal("HUP");
            JsonNode reloaded = hark.next("reload");
            assertTrue(reloaded.get("ok").asBoolean(), reloaded.toString());

            // as systemctl stop sends it; Process.destroy() would also close the pipe the end event comes on
            hark.signal("TERM");
            JsonNode end = hark.next("end");
            assertEquals("stopped", end.get("reason").asText());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "hark run did not exit after SIGTERM");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; hark run's stderr: " + hark.stderr(), e);
        } finally {
            hark.close();
            feeder.join(5000);
        }
    }

    @Test
    void aHangUpIgnoredWhenHarkStartsIsReportedSinceItCannotReload() throws Exception {
        Path cfg = dir.resolve("hark.json");
        Files.writeString(cfg, config(0.5));
        try (HarkProcess hark = HarkProcess.runWithHangUpIgnored(dir, "--config", cfg.toString(), "--input", "-")) {
            hark.next("start");
            assertTrue(hark.stderr().contains("SIGHUP was ignored when Hark started"), hark.stderr());
            hark.process().getOutputStream().close();
            assertEquals("end of input", hark.next("end").get("reason").asText());
        }
    }
}
