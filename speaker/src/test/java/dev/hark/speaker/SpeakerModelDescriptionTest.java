package dev.hark.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeakerModelDescriptionTest {
    @TempDir
    Path dir;

    private ObjectNode builtInJson() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(SpeakerModelDescription.BUILT_IN_RESOURCE)) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }

    private String refusal(ObjectNode json) throws IOException {
        Path f = dir.resolve("m.json");
        Files.writeString(f, json.toString());
        return assertThrows(IOException.class, () -> SpeakerModelDescription.read(f)).getMessage();
    }

    @Test
    void builtInDescriptionGivesTheFrontendItWasTrainedWith() {
        SpeakerModelDescription d = SpeakerModelDescription.builtIn();
        FbankConfig f = d.frontend();
        assertEquals(16000, f.sampleRate());
        assertEquals(400, f.frameLength());
        assertEquals(160, f.frameShift());
        assertEquals(80, f.melBins());
        assertEquals(3800.0, f.highHz());
        assertEquals(192, d.embeddingDim());
        assertEquals("hark-speaker-ecapa.int8.onnx", d.int8File());
        assertEquals("speaker-cohort.f32", d.cohort().file());
    }

    @Test
    void unsupportedOrMissingFieldsAreRefusedWithTheirPath() throws IOException {
        ObjectNode j = builtInJson();
        ((ObjectNode) j.get("frontend")).put("window", "povey");
        assertEquals(dir.resolve("m.json") + ": frontend.window: \"povey\" is not supported (expected \"hamming\")", refusal(j));

        j = builtInJson();
        ((ObjectNode) j.get("frontend")).remove("n_fft");
        assertEquals(dir.resolve("m.json") + ": frontend.n_fft: a number is required", refusal(j));

        j = builtInJson();
        ((ObjectNode) j.get("frontend")).put("high_hz", 9000.0);
        assertEquals(dir.resolve("m.json") + ": frontend: bad mel range (80 bins, 50.0-9000.0 Hz at 16000 Hz)", refusal(j));

        j = builtInJson();
        j.remove("threshold");
        assertEquals(dir.resolve("m.json") + ": threshold: a number is required", refusal(j));

        j = builtInJson();
        ((ObjectNode) j.get("score_normalisation")).put("top_k", 1);
        assertEquals(dir.resolve("m.json") + ": score_normalisation: type \"as-norm\" and top_k >= 2 are required", refusal(j));

        j = builtInJson();
        ((ObjectNode) j.get("score_normalisation")).remove("sha256");
        assertEquals(dir.resolve("m.json") + ": score_normalisation.sha256: a string is required", refusal(j));
    }

    @Test
    void melFiltersThatCoverNoFftBinAreRefused() {
        FbankConfig narrow = new FbankConfig(16000, 400, 160, 512, 0.97, 80, 0.0, 1000.0, 1e-10, 40);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FbankFrontend(narrow));
        assertEquals(true, e.getMessage().contains("covers no FFT bin"), e.getMessage());
    }
}
