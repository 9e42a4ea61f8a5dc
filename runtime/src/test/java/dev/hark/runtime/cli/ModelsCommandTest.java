package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.runtime.models.ModelManifest;
import dev.hark.runtime.models.ModelVerifier;
import dev.hark.speaker.SpeakerModelDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code hark models} against a copy of the real manifest and model files in a temporary root. */
class ModelsCommandTest {
    @TempDir
    Path root;
    private String savedRoot;

    @BeforeEach
    void copyModels() throws Exception {
        Path repo = Path.of(System.getProperty("hark.root"));
        Files.createDirectories(root.resolve("models/files"));
        Files.copy(repo.resolve("models/models.json"), root.resolve("models/models.json"));
        ModelManifest real = ModelManifest.load(repo);
        for (var m : real.models()) {
            if (m.source().isNpm() || m.source().isDerived()) {
                Files.copy(real.location(m), root.resolve("models/files").resolve(m.file()));
            }
        }
        savedRoot = System.getProperty("hark.root");
        System.setProperty("hark.root", root.toString());
    }

    @AfterEach
    void restoreRoot() {
        System.setProperty("hark.root", savedRoot);
    }

    @Test
    void manifestListsTheIssuesModelsWithTheirChecksums() throws Exception {
        ModelManifest m = ModelManifest.load(root);
        Set<String> names = m.models().stream().map(e -> e.name()).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("melspectrogram", "embedding", "alexa", "hey_jarvis", "hey_mycroft",
                "hey_rhasspy", "silero_vad", "speaker_ecapa", "speaker_ecapa_int8", "en-us-acoustic", "cmudict")), names.toString());
        assertEquals("2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f",
                m.find("silero_vad").orElseThrow().sha256());
        for (var e : m.models()) {
            assertTrue(e.licence() != null && !e.licence().isBlank(), e.name() + " has no licence");
        }
    }

    @Test
    void verifyPassesThenNamesAnAlteredFile() throws Exception {
        CliHarness ok = CliHarness.run("models", "verify");
        assertEquals(0, ok.exit, ok.out + ok.err);
        Path alexa = root.resolve("models/files/alexa_v0.1.onnx");
        byte[] b = Files.readAllBytes(alexa);
        b[b.length / 2] ^= 1;
        Files.write(alexa, b);
        CliHarness bad = CliHarness.run("models", "verify");
        assertEquals(1, bad.exit);
        assertTrue(bad.err.contains(alexa.toString()) && bad.err.contains("\"alexa\" corrupt"), bad.err);
        assertEquals(1, bad.err.lines().count(), "only the altered model is reported: " + bad.err);
        assertEquals(ModelVerifier.sha256(alexa), bad.err.replaceAll(".*sha256 ([0-9a-f]+),.*\\n?", "$1"));
    }

    @Test
    void verifyNamesAMissingFile() throws Exception {
        Files.delete(root.resolve("models/files/silero_vad_v5.onnx"));
        CliHarness bad = CliHarness.run("models", "verify");
        assertEquals(1, bad.exit);
        assertTrue(bad.err.contains("\"silero_vad\" missing; run 'hark models fetch'"), bad.err);
    }

    @Test
    void requireNamesTheManifestEntryAndTheFix() throws Exception {
        Files.delete(root.resolve("models/files/hey_jarvis_v0.1.onnx"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> ModelManifest.load(root).require("hey_jarvis"));
        assertTrue(e.getMessage().contains("model \"hey_jarvis\" is missing; run 'hark models fetch'"), e.getMessage());
    }

    @Test
    void fetchMakesAMissingDerivedModelFromItsSourceAndChecksIt() throws Exception {
        // the derived int8 embedding: made from the fetched model by the quantiser the manifest names
        Path repo = Path.of(savedRoot);
        for (String f : List.of("scripts/speaker/quantize.py", "models/openwakeword-int8-ranges.json")) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.copy(repo.resolve(f), root.resolve(f));
        }
        Path int8 = root.resolve("models/files/embedding_model.int8.onnx");
        Files.delete(int8);
        CliHarness fetched = CliHarness.run("models", "fetch");
        assertEquals(0, fetched.exit, fetched.out + fetched.err);
        assertTrue(fetched.out.contains("made     embedding_int8 (embedding_model.int8.onnx, sha256 ok)"), fetched.out);
        assertEquals(ModelVerifier.sha256(repo.resolve("models/files/embedding_model.int8.onnx")), ModelVerifier.sha256(int8));

        // a derivation that gives another file than the manifest records is refused, and nothing is kept
        Files.delete(int8);
        Files.writeString(root.resolve("models/openwakeword-int8-ranges.json"), Files.readString(
                root.resolve("models/openwakeword-int8-ranges.json")).replaceFirst("(\\[\\s*)-?[0-9.]+", "$1-50.0"));
        CliHarness refused = CliHarness.run("models", "fetch");
        assertEquals(1, refused.exit, refused.out + refused.err);
        assertTrue(refused.err.contains("embedding_int8: the derived file has sha256"), refused.err);
        assertTrue(!Files.exists(int8), "a file with the wrong checksum never takes the model's place");
    }

    @Test
    void bundledModelIsCheckedInsideTheJar() throws Exception {
        Path manifest = root.resolve("models/bundled.json");
        Files.writeString(manifest, """
                {"models": [
                  {"name": "good", "source": {"type": "bundled", "path": "dev/hark/speaker/hark-speaker-ecapa.onnx"},
                   "sha256": "%s", "licence": "x", "use": "x"},
                  {"name": "altered", "source": {"type": "bundled", "path": "dev/hark/speaker/hark-speaker-ecapa.onnx"},
                   "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "licence": "x", "use": "x"},
                  {"name": "absent", "source": {"type": "bundled", "path": "dev/hark/speaker/none.onnx"},
                   "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "licence": "x", "use": "x"}]}
                """.formatted(SpeakerModelDescription.builtIn().fp32Sha256()));
        ModelManifest m = ModelManifest.load(manifest, root.resolve("models/files"));
        ModelVerifier v = new ModelVerifier(m);
        assertEquals(ModelVerifier.Status.OK, v.verify(m.find("good").orElseThrow()).status());
        assertEquals(ModelVerifier.Status.CORRUPT, v.verify(m.find("altered").orElseThrow()).status());
        assertEquals(ModelVerifier.Status.MISSING, v.verify(m.find("absent").orElseThrow()).status());
    }
}
