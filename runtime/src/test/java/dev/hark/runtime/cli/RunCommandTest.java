package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;
    private final ObjectMapper mapper = new ObjectMapper();

    private List<JsonNode> events(String out) throws Exception {
        return out.lines().map(l -> {
            try {
                return mapper.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        }).toList();
    }

    @Test
    void streamsA16kFileWithStartAndEndEvents() throws Exception {
        Path wav = dir.resolve("a.wav");
        WavWriter.write(wav, new short[16_000 * 2 + 100], 16_000);
        CliHarness r = CliHarness.run("run", "--input", wav.toString(), "--json");
        assertEquals(0, r.exit, r.err);
        List<JsonNode> ev = events(r.out);
        assertEquals(2, ev.size(), r.out);
        assertEquals("start", ev.get(0).get("event").asText());
        assertEquals(0.0, ev.get(0).get("t").asDouble());
        assertEquals("end", ev.get(1).get("event").asText());
        assertEquals(2.00625, ev.get(1).get("t").asDouble(), 0.001);
        assertEquals(26, ev.get(1).get("frames").asInt());
    }

    @Test
    void streamsAStereo44kFileMadeBySox() throws Exception {
        Path wav = dir.resolve("st.wav");
        Process p = new ProcessBuilder("sox", "-n", "-r", "44100", "-c", "2", wav.toString(), "synth", "1.5", "sine", "440")
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor());
        CliHarness r = CliHarness.run("run", "--input", wav.toString(), "--json");
        assertEquals(0, r.exit, r.err);
        List<JsonNode> ev = events(r.out);
        assertEquals(1.5, ev.get(ev.size() - 1).get("t").asDouble(), 0.001);
    }

    @Test
    void truncatedFileIsOneLineAndExit1() throws Exception {
        Path wav = dir.resolve("t.wav");
        WavWriter.write(wav, new short[16_000], 16_000);
        byte[] b = Files.readAllBytes(wav);
        Files.write(wav, Arrays.copyOf(b, 1000));
        CliHarness r = CliHarness.run("run", "--input", wav.toString(), "--json");
        assertEquals(1, r.exit);
        assertEquals("", r.out, "nothing on stdout when the input is bad");
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("hark: " + wav + ": truncated WAV file"), r.err);
    }

    @Test
    void badConfigurationExits2WithItsPath() throws Exception {
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, "{\"audio\": {\"ringBufferFrames\": -3}}");
        CliHarness r = CliHarness.run("run", "--config", cfg.toString(), "--print-config");
        assertEquals(2, r.exit);
        assertEquals("hark: " + cfg + ": $.audio.ringBufferFrames: must be between 2 and 10000 frames, got -3\n", r.err);
    }

    @Test
    void printConfigShowsEffectiveValues() throws Exception {
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, "{\"audio\": {\"device\": \"ReSpeaker\"}}");
        CliHarness r = CliHarness.run("run", "--config", cfg.toString(), "--print-config");
        assertEquals(0, r.exit, r.err);
        JsonNode c = mapper.readTree(r.out);
        assertEquals("ReSpeaker", c.at("/audio/device").asText());
        assertEquals(64, c.at("/audio/ringBufferFrames").asInt());
    }

    @Test
    void unknownOptionIsUsageError() {
        CliHarness r = CliHarness.run("run", "--inptu", "x.wav");
        assertEquals(2, r.exit);
        assertFalse(r.err.contains("Exception"), r.err);
    }

    @Test
    void noMicrophoneAndNoSatelliteIsRefusedInOneLine() throws Exception {
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, "{\"audio\": {\"microphone\": false}}");
        CliHarness r = CliHarness.run("run", "--config", cfg.toString());
        assertEquals(2, r.exit);
        assertEquals("hark: " + cfg + ": $.audio.microphone: false leaves nothing to listen to without mqtt.enabled"
                + " and mqtt.satellites\n", r.err);
    }

    @Test
    void anActionsIntentThatASkillDeclaresIsRefusedInOneLine() throws Exception {
        Path intents = dir.resolve("actions.ini");
        Files.writeString(intents, "[getTime]\nwhat is the time\n");
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, "{\"mqtt\": {\"enabled\": true, \"port\": 1, \"intents\": \"" + intents + "\"},"
                + " \"feedback\": {\"output\": \"none\"}, \"speaker\": {\"enabled\": false}}");
        Path wav = dir.resolve("quiet.wav");
        WavWriter.write(wav, new short[16_000], 16_000);
        CliHarness r = CliHarness.run("run", "--config", cfg.toString(), "--input", wav.toString(), "--json");
        assertEquals(1, r.exit);
        assertEquals("", r.out);
        assertTrue(r.err.endsWith("hark: " + intents + ": intent 'getTime' is declared by skill 'clock' and by the Hermes"
                + " actions' intents\n"), r.err);
    }
}
