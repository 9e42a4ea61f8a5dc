package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hark wakeword}: a bad source or output is refused with a one-line error, before any work, and the right exit. */
class WakewordCommandTest {
    @TempDir
    Path dir;

    @Test
    void featuresNeedsFoldersAndAFeaturesFileName() {
        CliHarness wrongName = CliHarness.run("wakeword", "features", dir.toString(), "--out", dir.resolve("x.bin").toString());
        assertEquals(2, wrongName.exit, wrongName.err);
        assertEquals("hark: --out " + dir.resolve("x.bin") + ": name the file *.features", wrongName.err.strip());

        Path missing = dir.resolve("missing");
        CliHarness noFolder = CliHarness.run("wakeword", "features", missing.toString(), "--out", dir.resolve("x.features").toString());
        assertEquals(2, noFolder.exit, noFolder.err);
        assertEquals("hark: " + missing + ": not a folder", noFolder.err.strip());

        CliHarness empty = CliHarness.run("wakeword", "features", dir.toString(), "--out", dir.resolve("x.features").toString());
        assertEquals(2, empty.exit, empty.err);
        assertEquals("hark: " + dir + ": no .wav recordings in it", empty.err.strip());
        assertFalse(Files.exists(dir.resolve("x.features")));
    }

    @Test
    void trainRefusesAMissingOrForeignFeaturesFileBeforeTraining() throws Exception {
        Path missing = dir.resolve("missing.features");
        CliHarness absent = CliHarness.run("wakeword", "train", "hey kitchen", "--out", dir.toString(),
                "--negatives", missing.toString());
        assertEquals(2, absent.exit, absent.err);
        assertEquals("hark: " + missing + ": no such features file", absent.err.strip());

        Path foreign = Files.writeString(dir.resolve("speech.features"), "RIFF and other things that are not embeddings");
        CliHarness bad = CliHarness.run("wakeword", "train", "hey kitchen", "--out", dir.toString(), "--minutes", "0.1",
                "--negatives", foreign.toString());
        assertEquals(1, bad.exit, bad.err);
        String[] lines = bad.err.strip().split("\n");
        assertEquals("hark: " + foreign + ": not a Hark features file (make one with hark wakeword features)",
                lines[lines.length - 1], "after the progress lines, the error: " + bad.err);
        assertFalse(Files.exists(dir.resolve("hey_kitchen.onnx")));
    }
}
