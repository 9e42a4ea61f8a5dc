package dev.hark.runtime.skills;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hark.skill.KeyValueStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A skill's {@link KeyValueStore} as one JSON object of strings in a file. Each change rewrites the whole
 * file: written to a temporary file in the same folder, forced to disk, then moved over the old one
 * atomically, so a crash leaves either the old or the new file. The map in memory changes only once the
 * write succeeded. A change is made under an exclusive lock on {@code <file>.lock} and applied to the
 * file as it is on disk, so two Hark processes on one state folder (the service and a {@code hark skills
 * call}) never undo each other's writes. Thread-safe; reads cost a map lookup, writes a file read, a file
 * rewrite and two fsyncs.
 */
public final class FileKeyValueStore implements KeyValueStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final TreeMap<String, String> map;

    private FileKeyValueStore(Path file, TreeMap<String, String> map) {
        this.file = file;
        this.map = map;
    }

    /** Opens the store kept in {@code file}, empty if the file does not exist yet. */
    public static FileKeyValueStore open(Path file) throws IOException {
        return new FileKeyValueStore(file, read(file));
    }

    private static TreeMap<String, String> read(Path file) throws IOException {
        TreeMap<String, String> map = new TreeMap<>();
        if (Files.exists(file)) {
            try {
                Map<String, String> read = JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() { });
                if (read == null) {
                    throw new IOException(file + ": not a JSON object of strings (null)");
                }
                map.putAll(read);
            } catch (JsonProcessingException e) {
                throw new IOException(file + ": not a JSON object of strings: " + e.getOriginalMessage(), e);
            }
        }
        return map;
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(map.get(key));
    }

    @Override
    public synchronized Map<String, String> entries() {
        return Map.copyOf(map);
    }

    @Override
    public void put(String key, String value) throws IOException {
        Map<String, String> change = new HashMap<>();
        change.put(key, java.util.Objects.requireNonNull(value, "value"));
        update(change);
    }

    @Override
    public void remove(String key) throws IOException {
        Map<String, String> change = new HashMap<>();
        change.put(key, null);
        update(change);
    }

    @Override
    public synchronized void update(Map<String, String> changes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try (FileChannel lockFile = FileChannel.open(dir.resolve(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            TreeMap<String, String> next = read(file); // another process may have written since we last did
            changes.forEach((k, v) -> {
                java.util.Objects.requireNonNull(k, "key");
                if (v == null) {
                    next.remove(k);
                } else {
                    next.put(k, v);
                }
            });
            write(next);
            map.clear();
            map.putAll(next);
        }
    }

    private void write(Map<String, String> content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(content));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(file + ": the file system cannot replace files atomically", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
    }

    /** Makes the rename itself durable; not every platform lets a directory be opened, which is fine. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the data is safe in the file; only the rename might be replayed by the file system journal
        }
    }
}
