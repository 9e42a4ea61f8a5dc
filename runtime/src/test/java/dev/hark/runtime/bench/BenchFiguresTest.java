package dev.hark.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchFiguresTest {
    @TempDir
    Path dir;

    @Test
    void percentileIsTheNearestRankAndMedianAveragesTheMiddlePair() {
        double[] v = new double[20];
        for (int i = 0; i < v.length; i++) {
            v[19 - i] = i + 1; // 20..1, unsorted on purpose
        }
        assertEquals(19, StageCosts.percentile(v, 95));
        assertEquals(20, StageCosts.percentile(v, 100));
        assertEquals(10.5, StageCosts.median(v));
        assertEquals(3, StageCosts.median(new double[] {5, 1, 3}));
    }

    @Test
    void childJvmOptionsComeFromTheLaunchersOptionsFile() throws IOException {
        List<String> opts = ChildRun.jvmOptions(Path.of(System.getProperty("hark.root"), "scripts/service/jvm.options"));
        assertTrue(opts.stream().anyMatch(o -> o.startsWith("-Xmx")), opts.toString());
        assertTrue(opts.stream().noneMatch(o -> o.isBlank() || o.startsWith("#")), opts.toString());
    }

    @Test
    void commentsAreDroppedAndAnEmptyFileIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("jvm.options"), "# heap\n-Xmx64m  # bounded\n\n-Xss512k\n");
        assertEquals(List.of("-Xmx64m", "-Xss512k"), ChildRun.jvmOptions(file));
        Path empty = Files.writeString(dir.resolve("empty.options"), "# nothing\n");
        IOException e = assertThrows(IOException.class, () -> ChildRun.jvmOptions(empty));
        assertTrue(e.getMessage().startsWith(empty.toString()), e.getMessage());
    }

    @Test
    void loopStreamHoldsWholeRoundsOfCommands() throws IOException {
        BenchWorkload w = BenchWorkload.load(Path.of(System.getProperty("hark.root")), null, n -> { });
        assertEquals(3, w.commandsIn(1));
        assertEquals(6, w.commandsIn(4));
        // two rounds of the examples, cut to whole frames once at the end
        assertEquals(2 * w.loopStream(1).length, w.loopStream(4).length, 2 * 1280);
        assertEquals(0, w.loopStream(1).length % 1280);
    }
}
