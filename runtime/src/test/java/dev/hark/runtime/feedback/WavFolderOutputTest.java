package dev.hark.runtime.feedback;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.audio.WavAudio;
import dev.hark.audio.WavReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFolderOutputTest {
    @TempDir
    Path dir;

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesNumberedReadableFilesAndContinuesAfterExistingOnes() throws Exception {
        Files.writeString(dir.resolve("0007-say.wav"), "earlier run");
        WavFolderOutput out = new WavFolderOutput(dir);
        out.play(new AudioClip("listening", new short[] {0, 16384, -16384, 0}, 16000));
        out.play(new AudioClip("say: odd/label", new short[] {1, 2, 3}, 22050));
        assertEquals(List.of("0007-say.wav", "0008-listening.wav", "0009-say__odd_label.wav"), names());
        WavAudio a = WavReader.read(dir.resolve("0008-listening.wav"));
        assertEquals(16000, a.sampleRate());
        assertEquals(4, a.samples().length);
        assertEquals(0.5, a.samples()[1], 1e-4);
        assertEquals(22050, WavReader.read(dir.resolve("0009-say__odd_label.wav")).sampleRate());
    }
}
