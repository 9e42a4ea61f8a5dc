package dev.hark.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;
    private final ConfigLoader loader = new ConfigLoader();

    private String error(String json) throws Exception {
        Path f = dir.resolve("hark.json");
        Files.writeString(f, json);
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e.getMessage().substring(f.toString().length() + 2);
    }

    @Test
    void fileOverlaysDefaults() throws Exception {
        Path f = dir.resolve("hark.json");
        Files.writeString(f, "{\"audio\": {\"device\": \"USB\"}}");
        HarkConfig c = loader.load(f);
        assertEquals("USB", c.audio.device);
        assertEquals(64, c.audio.ringBufferFrames, "untouched keys keep their defaults");
        assertEquals("models/files", c.models.dir);
    }

    @Test
    void emptyObjectIsTheDefaults() throws Exception {
        Path f = dir.resolve("hark.json");
        Files.writeString(f, "{}");
        HarkConfig c = loader.load(f);
        assertNull(c.audio.device);
        assertEquals(loader.toJson(loader.defaults()), loader.toJson(c));
    }

    @Test
    void unknownKeyIsNamedByPath() throws Exception {
        assertEquals("$.audio.devise: unknown key (known: device, ringBufferFrames)", error("{\"audio\": {\"devise\": \"x\"}}"));
        assertTrue(error("{\"wakeword\": {}}").startsWith("$.wakeword: unknown key"));
    }

    @Test
    void wrongTypeIsNamedByPath() throws Exception {
        assertEquals("$.audio.ringBufferFrames: expected an integer", error("{\"audio\": {\"ringBufferFrames\": \"many\"}}"));
        assertEquals("$.audio.ringBufferFrames: expected an integer", error("{\"audio\": {\"ringBufferFrames\": 2.5}}"));
        assertEquals("$.audio.ringBufferFrames: expected an integer", error("{\"audio\": {\"ringBufferFrames\": null}}"));
    }

    @Test
    void outOfRangeValueIsNamedByPath() throws Exception {
        assertEquals("$.audio.ringBufferFrames: must be between 2 and 10000 frames, got 1",
                error("{\"audio\": {\"ringBufferFrames\": 1}}"));
        assertEquals("$.models.dir: must name a folder", error("{\"models\": {\"dir\": \"\"}}"));
    }

    @Test
    void malformedJsonGivesLineAndColumn() throws Exception {
        String m = error("{\"audio\":\n  {\"device\": }\n}");
        assertTrue(m.startsWith("malformed JSON at line 2, column 14"), m);
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("absent.json");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
        assertEquals(f + ": configuration file not found", e.getMessage());
    }
}
