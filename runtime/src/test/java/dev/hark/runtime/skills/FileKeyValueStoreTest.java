package dev.hark.runtime.skills;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeyValueStoreTest {
    @TempDir
    Path dir;

    @Test
    void valuesSurviveReopeningAndRemovalsToo() throws IOException {
        Path file = dir.resolve("state/timers.json");
        FileKeyValueStore store = FileKeyValueStore.open(file);
        store.put("a", "1");
        store.put("b", "2");
        store.remove("a");
        FileKeyValueStore again = FileKeyValueStore.open(file);
        assertEquals(Map.of("b", "2"), again.entries());
        assertEquals("2", again.get("b").orElseThrow());
    }

    @Test
    void anUpdateAppliesAllItsChangesAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("s.json");
        FileKeyValueStore store = FileKeyValueStore.open(file);
        store.update(Map.of("a", "1", "b", "2", "c", "3"));
        Map<String, String> change = new HashMap<>();
        change.put("a", null);
        change.put("b", "two");
        store.update(change);
        assertEquals(Map.of("b", "two", "c", "3"), FileKeyValueStore.open(file).entries());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file, dir.resolve("s.json.lock")), files.sorted().toList());
        }
    }

    @Test
    void twoStoresOnOneFileKeepEachOthersWrites() throws IOException {
        Path file = dir.resolve("timers.json");
        FileKeyValueStore service = FileKeyValueStore.open(file);
        FileKeyValueStore cli = FileKeyValueStore.open(file);
        service.put("timer.1", "a");
        cli.put("timer.2", "b"); // opened before timer.1 was written
        service.remove("timer.9");
        assertEquals(Map.of("timer.1", "a", "timer.2", "b"), FileKeyValueStore.open(file).entries());
        assertEquals(Map.of("timer.1", "a", "timer.2", "b"), service.entries(), "a write refreshes the writer's view");
    }

    @Test
    void aFailedWriteLeavesMemoryAndDiskAsTheyWere() throws IOException {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        FileKeyValueStore store = FileKeyValueStore.open(blocker.resolve("s.json"));
        assertThrows(IOException.class, () -> store.put("a", "1"));
        assertTrue(store.entries().isEmpty(), "memory changes only after the write succeeded");
    }

    @Test
    void aCorruptFileIsAnErrorNamingIt() throws IOException {
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"a\": [1, 2]");
        var e = assertThrows(IOException.class, () -> FileKeyValueStore.open(file));
        assertTrue(e.getMessage().startsWith(file + ": not a JSON object of strings"), e.getMessage());
    }
}
