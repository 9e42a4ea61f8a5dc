package dev.hark.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void profilesFromEarlierWeightsOfTheSameNamedModelAreRefused() throws IOException {
        SpeakerModelDescription d = SpeakerModelDescription.builtIn();
        assertEquals(d.name() + "@" + d.fp32Sha256().substring(0, 12), d.profileModel());
        ProfileStore store = new ProfileStore(dir.resolve("profiles"));
        float[][] e = new float[1][d.embeddingDim()];
        e[0][0] = 1;
        store.save(VoiceProfile.of("ann", d.profileModel(), e, 3));
        store.save(VoiceProfile.of("ben", d.name(), e, 3)); // enrolled before the digest was recorded
        ProfileStore.Contents c = store.load(d.profileModel(), d.embeddingDim());
        assertEquals(1, c.profiles().size());
        assertEquals("ann", c.profiles().get(0).name());
        assertEquals(1, c.problems().size());
        assertTrue(c.problems().get(0).reason().endsWith("enroll again"), c.problems().toString());
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
