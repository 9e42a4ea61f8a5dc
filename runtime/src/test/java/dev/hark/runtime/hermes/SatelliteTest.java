package dev.hark.runtime.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.audio.WavAudio;
import dev.hark.audio.WavReader;
import dev.hark.audio.WavWriter;
import dev.hark.runtime.cli.HarkProcess;
import dev.hark.runtime.loop.Conversation;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hark as the base of a satellite: {@code hark run} with no microphone of its own, in a child process as
 * the service runs it, hears a satellite's audio frames (WAV chunks on
 * {@code hermes/audioServer/kitchen/audioFrame}: flite's wake word, then a real person's command), and
 * answers on the satellite's loudspeaker ({@code playBytes}) after the action's endSession.
 */
class SatelliteTest {
    private static final Path ROOT = Path.of(System.getProperty("hark.root", "."));
    private static final Path COMMANDS = ROOT.resolve("../shared/data/commands-dev").normalize();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSatellitesAudioFramesMakeAnIntentAndItsAnswerPlaysThere() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             Bus bus = new Bus(broker.port(), "kitchen-satellite-and-action", false, "hermes/hotword/#", "hermes/intent/#",
                     "hermes/dialogueManager/#", "hermes/audioServer/kitchen/playBytes/#")) {
            ObjectNode c = mapper.createObjectNode();
            c.putObject("audio").put("microphone", false).put("ringBufferFrames", 400);
            c.putObject("wake").putArray("models").addObject().put("name", "hey_jarvis");
            c.putObject("skills").put("folder", dir.resolve("no-plugins").toString()).put("stateFolder", dir.resolve("state").toString());
            c.putObject("feedback").put("output", "none").put("tts", "flite");
            c.putObject("speaker").put("enabled", false);
            c.putObject("models").put("dir", ROOT.resolve("models/files").toString());
            c.putObject("mqtt").put("enabled", true).put("host", "127.0.0.1").put("port", broker.port())
                    .put("intents", COMMANDS.resolve("barista.json").toString()).putArray("satellites").add("kitchen");
            Path cfg = dir.resolve("hark.json");
            Files.writeString(cfg, mapper.writeValueAsString(c));
            HarkProcess hark = HarkProcess.run(dir, "--config", cfg.toString());
            try {
                assertEquals("satellites only", hark.next("start").get("input").asText());
                Conversation talk = new Conversation(dir.resolve("audio"), "slt").silence(1.0).say("hey jarvis").silence(0.4)
                        .play(COMMANDS.resolve("clean/d06e5a5b-2026-4552-9a98-7f3e00d4217a.wav"), 0.8, 3.6).silence(1.5);
                stream(bus, talk.samples());

                JsonNode hotword = bus.next("hermes/hotword/hey_jarvis/detected", WAIT).json();
                assertEquals("kitchen", hotword.get("siteId").asText());
                JsonNode intent = bus.next("hermes/intent/orderDrink", WAIT).json();
                assertEquals("kitchen", intent.get("siteId").asText());
                assertEquals("can i get a large cappuccino with sugar", intent.get("input").asText());
                bus.publish("hermes/dialogueManager/endSession", "{\"sessionId\": \"" + intent.get("sessionId").asText()
                        + "\", \"text\": \"One large cappuccino.\"}");

                assertEquals("nominal", bus.next(HermesMessages.SESSION_ENDED, WAIT).json().at("/termination/reason").asText());
                // the listening sound, then the spoken answer, each played on the satellite and acknowledged by it
                List<Double> played = new java.util.ArrayList<>();
                long end = System.nanoTime() + WAIT.toNanos();
                while (played.size() < 2 && System.nanoTime() < end) {
                    List<Bus.Received> plays = bus.received().stream()
                            .filter(r -> r.topic().startsWith("hermes/audioServer/kitchen/playBytes/")).toList();
                    for (Bus.Received play : plays.subList(played.size(), plays.size())) {
                        played.add(wav(play.body()).seconds());
                        String id = play.topic().substring(play.topic().lastIndexOf('/') + 1);
                        bus.publish("hermes/audioServer/kitchen/playFinished", "{\"id\": \"" + id + "\", \"siteId\": \"kitchen\"}");
                    }
                    Thread.sleep(50);
                }
                assertEquals(2, played.size(), "the earcon and the answer: " + bus.topics());
                assertTrue(played.get(0) < 0.8 && played.get(1) > 0.8, "an earcon, then the spoken answer: " + played);

                JsonNode heard = hark.next("transcript");
                assertEquals("kitchen", heard.get("site").asText(), "the satellite's events name it");
                assertEquals("One large cappuccino.", hark.next("response").get("text").asText());

                hark.signal("TERM"); // as systemctl stop sends it
                assertEquals("stopped", hark.next("end").get("reason").asText());
                assertTrue(hark.process().waitFor(30, TimeUnit.SECONDS), "hark run did not exit after SIGTERM");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; hark run's stderr: " + hark.stderr(), e);
            } finally {
                hark.close();
            }
        }
    }

    /** Publishes the audio as a satellite's audio server does: 512-sample WAV chunks, here at about 4x real time. */
    private static void stream(Bus bus, short[] pcm) throws Exception {
        for (int at = 0; at < pcm.length; at += 512) {
            short[] chunk = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 512));
            bus.publish("hermes/audioServer/kitchen/audioFrame", WavWriter.encode(chunk, 16_000), 0);
            Thread.sleep(8);
        }
    }

    private static WavAudio wav(byte[] body) throws java.io.IOException {
        return WavReader.read(new ByteArrayInputStream(body), "playBytes");
    }
}
