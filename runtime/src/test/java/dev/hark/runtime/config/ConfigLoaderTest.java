package dev.hark.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertEquals("$.audio.devise: unknown key (known: device, microphone, ringBufferFrames)", error("{\"audio\": {\"devise\": \"x\"}}"));
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
    void anUnknownWakeWordIsRefusedWithTheKnownOnes() throws Exception {
        assertEquals("$.wake.models[0].name: unknown wake word 'hey_jarvs'; known: hello_hark, alexa, hey_jarvis, hey_mycroft, "
                + "hey_rhasspy (or the path of a trained head's .json description or an .onnx keyword model)",
                error("{\"wake\": {\"models\": [{\"name\": \"hey_jarvs\"}]}}"));
        Path own = dir.resolve("mine.json");
        Files.writeString(own, "{\"wake\": {\"models\": [{\"name\": \"models/my_phrase.onnx\"}, {\"name\": \"my_word.json\"}]}}");
        HarkConfig mine = loader.load(own);
        assertEquals("models/my_phrase.onnx", mine.wake.models.get(0).name, "a keyword model file is not a name");
        assertEquals("my_word.json", mine.wake.models.get(1).name, "nor is a trained head's description");
    }

    @Test
    void acousticModelIsNeuralUnlessSphinxIsChosen() throws Exception {
        assertEquals("neural", loader.defaults().asr.acousticModel);
        Path f = dir.resolve("hark.json");
        Files.writeString(f, "{\"asr\": {\"acousticModel\": \"sphinx\"}}");
        assertEquals("sphinx", loader.load(f).asr.acousticModel);
        assertEquals("$.wake.gate: must be \"level\", \"vad\" or \"none\", got \"silero\"",
                error("{\"wake\": {\"gate\": \"silero\"}}"));
        assertEquals("$.asr.acousticModel: must be \"sphinx\" or \"neural\", got \"gmm\"",
                error("{\"asr\": {\"acousticModel\": \"gmm\"}}"));
    }

    @Test
    void frontEndPrecisionIsResolvedPerKeyword() throws Exception {
        HarkConfig defaults = loader.defaults();
        assertEquals("auto", defaults.wake.precision.embedding);
        assertEquals("java", defaults.wake.precision.melspectrogram);
        assertEquals("int8", defaults.wake.precision.embeddingVariant(java.util.List.of("hey_jarvis")), "int8 for hey_jarvis alone");
        assertEquals("screened", defaults.wake.precision.embeddingVariant(java.util.List.of("hello_hark")),
                "the default wake word is screened");
        assertEquals("screened", defaults.wake.precision.embeddingVariant(java.util.List.of("hey_jarvis", "hello_hark")));
        assertEquals("fp32", defaults.wake.precision.embeddingVariant(java.util.List.of("hey_jarvis", "hey_rhasspy")),
                "fp32 as soon as one keyword's detections changed with int8 and screening was not measured for it");
        assertEquals("int8", HarkConfig.Precision.resolve("int8", java.util.List.of("hey_rhasspy")), "an explicit choice stands");
        assertEquals("$.wake.precision.embedding: must be \"auto\", \"screened\", \"fp32\" or \"int8\", got \"int4\"",
                error("{\"wake\": {\"precision\": {\"embedding\": \"int4\"}}}"));
        assertEquals("$.wake.precision.melspectrogram: must be \"java\", \"fp32\" or \"int8\", got \"screened\"",
                error("{\"wake\": {\"precision\": {\"melspectrogram\": \"screened\"}}}"));
        Path f = dir.resolve("fp32.json");
        Files.writeString(f, "{\"wake\": {\"precision\": {\"embedding\": \"fp32\"}}}");
        assertEquals("fp32", loader.load(f).wake.precision.embedding);
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

    @Test
    void mqttIsOffByDefaultAndEveryKeyHasADefault() throws Exception {
        HarkConfig c = loader.defaults();
        assertFalse(c.mqtt.enabled);
        assertEquals("localhost", c.mqtt.host);
        assertEquals(1883, c.mqtt.port);
        assertEquals("default", c.mqtt.siteId);
        assertEquals("hark-default", c.mqtt.effectiveClientId());
        assertEquals(5000, c.mqtt.actionTimeoutMs);
        assertTrue(c.mqtt.satellites.isEmpty());
        assertTrue(c.audio.microphone);
        Path f = dir.resolve("hark.json");
        Files.writeString(f, "{\"mqtt\": {\"enabled\": true, \"siteId\": \"kitchen\", \"satellites\": [\"attic\"]}}");
        HarkConfig k = loader.load(f);
        assertEquals("hark-kitchen", k.mqtt.effectiveClientId(), "a stable client id, so the broker keeps the session");
        assertEquals(List.of("attic"), k.mqtt.satellites);
    }

    @Test
    void badMqttValuesAreNamedByPath() throws Exception {
        assertEquals("$.mqtt.port: must be between 1 and 65535, got 0", error("{\"mqtt\": {\"port\": 0}}"));
        assertEquals("$.mqtt.siteId: must be a non-blank site id without '/', '+' or '#', got \"a/b\"",
                error("{\"mqtt\": {\"siteId\": \"a/b\"}}"));
        assertEquals("$.mqtt.satellites[1]: site \"attic\" is already listed (or is this device's own siteId)",
                error("{\"mqtt\": {\"satellites\": [\"attic\", \"attic\"]}}"));
        assertEquals("$.mqtt.caFile: a certificate authority needs \"tls\": true", error("{\"mqtt\": {\"caFile\": \"ca.pem\"}}"));
        assertEquals("$.mqtt.passwordFile: a password needs a username", error("{\"mqtt\": {\"passwordFile\": \"pw\"}}"));
        assertEquals("$.mqtt.actionTimeoutMs: must be between 100 and 600000, got 50", error("{\"mqtt\": {\"actionTimeoutMs\": 50}}"));
        assertEquals("$.mqtt.tls: expected true or false", error("{\"mqtt\": {\"tls\": \"yes\"}}"));
        assertTrue(error("{\"mqtt\": {\"broker\": \"x\"}}").startsWith("$.mqtt.broker: unknown key (known: actionTimeoutMs, caFile,"));
    }
}
