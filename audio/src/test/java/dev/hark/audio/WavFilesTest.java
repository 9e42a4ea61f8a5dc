package dev.hark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of recordings is listed through linked speaker folders, WAV files only, sorted. */
class WavFilesTest {
    @TempDir
    Path dir;

    @Test
    void listsWavFilesInLinkedFoldersToo() throws Exception {
        Path speaker = Files.createDirectories(dir.resolve("corpus/speaker1"));
        Files.writeString(speaker.resolve("b.wav"), "");
        Files.writeString(speaker.resolve("a.WAV"), "");
        Files.writeString(speaker.resolve("notes.txt"), "");
        Path set = Files.createDirectories(dir.resolve("set"));
        Files.createSymbolicLink(set.resolve("speaker1"), speaker);
        assertEquals(List.of(set.resolve("speaker1/a.WAV"), set.resolve("speaker1/b.wav")), WavFiles.under(set));
    }

    @Test
    void aFileIsNotAFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("a.wav"), "");
        assertThrows(java.io.IOException.class, () -> WavFiles.under(file));
    }
}
