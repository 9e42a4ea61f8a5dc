package dev.hark.wakeword.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.audio.PcmFormat;
import dev.hark.wakeword.SpeechEmbeddings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings embedded into a features file come back as the front end streams them, padded as hark wake pads. */
class EmbeddingFeaturesTest {
    @TempDir
    Path dir;

    @Test
    void aFolderEmbeddedAndReadBackIsWhatTheFrontEndStreams() throws Exception {
        Path speech = Files.createDirectories(dir.resolve("speaker1"));
        Path wav = new Conversation(speech).say("turn on the kitchen light");
        float[] samples = Signals.read(wav);
        Path file = dir.resolve("one.features");
        EmbeddingFeatures.write(file, EmbeddingFeatures.make(List.of(dir), WakeWordTrainerTest.MODELS, 1, line -> { }));

        List<EmbeddingFeatures.Stream> read = EmbeddingFeatures.read(file);
        assertEquals(1, read.size());
        assertEquals("speaker1/" + wav.getFileName(), read.get(0).name());
        assertEquals(samples.length / (double) PcmFormat.SAMPLE_RATE, read.get(0).audioSeconds(), 1e-9);
        float[] padded = new float[2 * PcmFormat.SAMPLE_RATE + samples.length + PcmFormat.SAMPLE_RATE];
        System.arraycopy(samples, 0, padded, 2 * PcmFormat.SAMPLE_RATE, samples.length);
        try (SpeechEmbeddings e = SpeechEmbeddings.open(WakeWordTrainerTest.MODELS, 1)) {
            assertArrayEquals(e.embed(Signals.toPcm(padded)), read.get(0).rows());
        }
        assertTrue(EmbeddingFeatures.isFeatures(file));
    }

    @Test
    void anotherFileIsRefusedByName() throws Exception {
        Path notFeatures = Files.writeString(dir.resolve("x.features"), "not embeddings at all");
        IOException e = assertThrows(IOException.class, () -> EmbeddingFeatures.read(notFeatures));
        assertEquals(notFeatures + ": not a Hark features file (make one with hark wakeword features)", e.getMessage());
        assertThrows(IOException.class, () -> EmbeddingFeatures.read(dir.resolve("missing.features")));
    }

    /** flite's slt voice speaking into WAV files. */
    private record Conversation(Path dir) {
        Path say(String text) throws Exception {
            Path wav = dir.resolve("said.wav");
            Process p = new ProcessBuilder("flite", "-voice", "slt", "-t", text, "-o", wav.toString()).start();
            assertEquals(0, p.waitFor());
            return wav;
        }
    }
}
