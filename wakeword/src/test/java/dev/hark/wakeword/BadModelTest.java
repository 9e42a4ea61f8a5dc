package dev.hark.wakeword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong, broken or missing models are refused at load with one line naming the file and the problem. */
class BadModelTest {
    @TempDir
    Path tmp;

    private static String loadKeyword(Path file) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> WakeWordDetector.builder()
                .modelDirectory(TestAudio.MODELS).keyword("bad", file, 0.5f).build());
        assertTrue(!e.getMessage().contains("\n"), "message must be one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void keywordModelWithWrongInputShapeIsRefused() {
        Path embedding = TestAudio.MODELS.resolve("embedding_model.onnx");
        String message = loadKeyword(embedding);
        assertTrue(message.startsWith(embedding.toString()), message);
        assertTrue(message.contains("not an openWakeWord keyword model") && message.contains("[1, N, 96]")
                && message.contains("[-1, 76, 32, 1]"), message);
    }

    @Test
    void vadModelAsKeywordModelIsRefused() {
        String message = loadKeyword(TestAudio.MODELS.resolve("silero_vad_v5.onnx"));
        assertTrue(message.contains("not an openWakeWord keyword model"), message);
    }

    @Test
    void keywordModelAsVadIsRefused() {
        Path jarvis = TestAudio.MODELS.resolve("hey_jarvis_v0.1.onnx");
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> VoiceActivityDetector.builder().model(jarvis).build());
        assertTrue(e.getMessage().startsWith(jarvis + ": not a Silero VAD v5 model"), e.getMessage());
    }

    @Test
    void swappedFrontEndModelsAreRefused() throws Exception {
        Files.copy(TestAudio.MODELS.resolve("embedding_model.onnx"), tmp.resolve("melspectrogram.onnx"));
        Files.copy(TestAudio.MODELS.resolve("melspectrogram.onnx"), tmp.resolve("embedding_model.onnx"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> WakeWordDetector.builder()
                .modelDirectory(tmp).frontEndFiles(ModelFiles.MELSPECTROGRAM, ModelFiles.EMBEDDING)
                .keyword("alexa", TestAudio.MODELS.resolve("alexa_v0.1.onnx"), 0.5f).build());
        assertTrue(e.getMessage().contains("not the openWakeWord melspectrogram model"), e.getMessage());
        // with the Java mel spectrogram (the default) only the embedding model is read
        ModelLoadException j = assertThrows(ModelLoadException.class, () -> WakeWordDetector.builder()
                .modelDirectory(tmp).keyword("alexa", TestAudio.MODELS.resolve("alexa_v0.1.onnx"), 0.5f).build());
        assertTrue(j.getMessage().contains("not the openWakeWord embedding model"), j.getMessage());
    }

    @Test
    void fileThatIsNotOnnxIsRefused() throws Exception {
        Path text = Files.writeString(tmp.resolve("alexa_v0.1.onnx"), "not a model");
        String message = loadKeyword(text);
        assertTrue(message.startsWith(text + ": cannot load openWakeWord keyword model as an ONNX model"), message);
    }

    @Test
    void missingPretrainedModelNamesTheManifestEntryAndTheFix() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> WakeWordDetector.builder()
                .modelDirectory(tmp).pretrainedKeyword("hey_jarvis", 0.5f).build());
        assertEquals("model hey_jarvis_v0.1.onnx (models.json entry 'hey_jarvis_v0.1.onnx') is missing from "
                + tmp + "; run `hark models fetch`", e.getMessage());
    }

    @Test
    void missingFrontEndModelNamesTheManifestEntryAndTheFix() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> WakeWordDetector.builder()
                .modelDirectory(tmp).frontEndFiles(ModelFiles.MELSPECTROGRAM, ModelFiles.EMBEDDING)
                .keyword("alexa", TestAudio.MODELS.resolve("alexa_v0.1.onnx"), 0.5f).build());
        assertTrue(e.getMessage().contains("models.json entry 'melspectrogram.onnx'")
                && e.getMessage().endsWith("run `hark models fetch`"), e.getMessage());
        ModelLoadException j = assertThrows(ModelLoadException.class, () -> WakeWordDetector.builder()
                .modelDirectory(tmp).keyword("alexa", TestAudio.MODELS.resolve("alexa_v0.1.onnx"), 0.5f).build());
        assertTrue(j.getMessage().contains("models.json entry 'embedding_model.onnx'"), j.getMessage());
        ModelLoadException v = assertThrows(ModelLoadException.class,
                () -> VoiceActivityDetector.builder().modelDirectory(tmp).build());
        assertTrue(v.getMessage().contains("models.json entry 'silero_vad_v5.onnx'"), v.getMessage());
    }

    @Test
    void framesOfTheWrongLengthAreRefused() throws Exception {
        try (WakeWordDetector d = WakeWordDetector.builder().modelDirectory(TestAudio.MODELS)
                .pretrainedKeyword("alexa", 0.5f).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.process(new short[1000]));
            assertTrue(e.getMessage().contains("1280"), e.getMessage());
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WakeWordDetector.builder().keyword("a", Path.of("x"), 1.5f));
        assertThrows(IllegalArgumentException.class, () -> WakeWordDetector.builder().build());
        assertThrows(IllegalArgumentException.class, () -> EndOfSpeechDetector.builder().thresholds(0.3f, 0.5f));
    }
}
