package dev.hark.wakeword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Descriptions of trained heads: Hark's own in the jar, and ones on disk with their faults. */
class KeywordDescriptionTest {
    @TempDir
    Path dir;

    @Test
    void harksOwnWakeWordIsBundledWithItsCalibratedThreshold() throws Exception {
        KeywordDescription d = KeywordDescription.bundled(KeywordDescription.DEFAULT);
        assertEquals("hello_hark", d.name());
        assertEquals("hello hark", d.phrase());
        assertTrue(d.threshold() > 0 && d.threshold() < 1, "threshold " + d.threshold());
        try (WakeWordDetector detector = WakeWordDetector.builder().modelDirectory(TestAudio.MODELS)
                .keyword(d, d.threshold()).voiceActivityGate(0).build()) {
            assertEquals(16, detector.window(0));
            assertEquals(24, detector.warmUpFrames());
        }
        assertThrows(ModelLoadException.class, () -> KeywordDescription.bundled("hey_jarvis"));
    }

    @Test
    void faultsAreNamed() throws Exception {
        Path json = dir.resolve("w.json");
        Files.writeString(json, "{\"name\": \"w\", \"phrase\": \"w\", \"model\": \"w.onnx\", \"sha256\": \"00\", \"threshold\": 0.5}");
        ModelLoadException missing = assertThrows(ModelLoadException.class, () -> KeywordDescription.read(json));
        assertTrue(missing.getMessage().contains("w.onnx does not exist"), missing.getMessage());

        Files.write(dir.resolve("w.onnx"), new byte[] {1, 2, 3});
        ModelLoadException corrupt = assertThrows(ModelLoadException.class, () -> KeywordDescription.read(json));
        assertTrue(corrupt.getMessage().contains("corrupt keyword model"), corrupt.getMessage());

        Files.writeString(json, "{\"name\": \"w\", \"phrase\": \"w\", \"model\": \"w.onnx\", \"threshold\": 1.5}");
        ModelLoadException range = assertThrows(ModelLoadException.class, () -> KeywordDescription.read(json));
        assertTrue(range.getMessage().endsWith("$.threshold must be a number in (0, 1], got 1.5"), range.getMessage());

        Files.writeString(json, "{not json");
        ModelLoadException malformed = assertThrows(ModelLoadException.class, () -> KeywordDescription.read(json));
        assertTrue(malformed.getMessage().startsWith(json + ": not a keyword description"), malformed.getMessage());
    }
}
