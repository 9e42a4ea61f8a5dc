package dev.hark.wakeword.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of recordings is listed through linked speaker folders, WAV files only, sorted. */
class AudioFolderTest {
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
        assertEquals(List.of(set.resolve("speaker1/a.WAV"), set.resolve("speaker1/b.wav")), AudioFolder.list(set));
    }
}
