package dev.hark.speaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of voice profiles, one JSON file per person ({@code NAME.json}). Writes are atomic: the
 * profile goes to a temporary file in the same folder, is forced to disk, then renamed over the old
 * one, so a crash leaves either the old or the new profile, never half of one. Loading reports a
 * corrupt or foreign profile as a {@link Problem} and goes on with the others. Cost: one small file
 * read or write per profile; nothing is cached.
 */
public final class ProfileStore {
    private static final String SUFFIX = ".json";
    private static final int FORMAT = 1;
    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();

    /** A profile file that could not be used, and why. */
    public record Problem(Path file, String reason) {
        @Override
        public String toString() {
            return file + ": " + reason;
        }
    }

    /** What {@link #load(String, int)} found: usable profiles (sorted by name) and the files it skipped. */
    public record Contents(List<VoiceProfile> profiles, List<Problem> problems) {
    }

    public ProfileStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The file that holds {@code name}'s profile. */
    public Path fileOf(String name) {
        VoiceProfile.checkName(name);
        return dir.resolve(name + SUFFIX);
    }

    /** Writes (or replaces) a profile atomically, creating the folder if needed. */
    public void save(VoiceProfile p) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", p.name());
        root.put("model", p.model());
        root.put("speech_seconds", p.speechSeconds());
        root.set("mean", array(p.mean()));
        ArrayNode all = root.putArray("enrollments");
        for (float[] e : p.enrollments()) {
            all.add(array(e));
        }
        Path target = fileOf(p.name());
        Path tmp = Files.createTempFile(dir, "." + p.name() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root)));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Removes {@code name}'s profile; false when there was none. */
    public boolean delete(String name) throws IOException {
        return Files.deleteIfExists(fileOf(name));
    }

    /**
     * Reads every profile in the folder. A profile that is not valid JSON, lacks a field, has
     * embeddings of the wrong size, or was made by another model than {@code model} is skipped and
     * reported in {@link Contents#problems()}. A missing folder is an empty store.
     */
    public Contents load(String model, int dimension) throws IOException {
        List<VoiceProfile> profiles = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new IOException(dir + ": not a folder");
            }
            return new Contents(profiles, problems);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : ds) {
                if (!f.getFileName().toString().startsWith(".")) {
                    files.add(f);
                }
            }
        }
        files.sort(null);
        for (Path f : files) {
            try {
                VoiceProfile p = parse(f, dimension);
                if (!p.model().equals(model)) {
                    problems.add(new Problem(f, "enrolled with model " + p.model() + ", not " + model + "; enroll again"));
                } else {
                    profiles.add(p);
                }
            } catch (IOException | IllegalArgumentException e) {
                problems.add(new Problem(f, e.getMessage()));
            }
        }
        return new Contents(profiles, problems);
    }

    private VoiceProfile parse(Path f, int dimension) throws IOException {
        JsonNode root;
        try {
            root = json.readTree(Files.readAllBytes(f));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("corrupt profile (not valid JSON)");
        }
        if (root == null || !root.isObject()) {
            throw new IOException("corrupt profile (not a JSON object)");
        }
        if (root.path("format").asInt(-1) != FORMAT) {
            throw new IOException("corrupt profile (format is not " + FORMAT + ")");
        }
        String name = root.path("name").asText("");
        String expected = f.getFileName().toString();
        if (!expected.equals(name + SUFFIX)) {
            throw new IOException("corrupt profile (name \"" + name + "\" does not match the file name)");
        }
        JsonNode enrollments = root.path("enrollments");
        if (!enrollments.isArray() || enrollments.isEmpty()) {
            throw new IOException("corrupt profile (no enrollments)");
        }
        float[][] e = new float[enrollments.size()][];
        for (int i = 0; i < e.length; i++) {
            e[i] = vector(enrollments.get(i), dimension, "enrollments[" + i + "]");
        }
        float[] mean = vector(root.path("mean"), dimension, "mean");
        if (!root.path("model").isTextual()) {
            throw new IOException("corrupt profile (no model)");
        }
        return new VoiceProfile(name, root.get("model").asText(), mean, e, root.path("speech_seconds").asDouble(0));
    }

    private static float[] vector(JsonNode n, int dimension, String path) throws IOException {
        if (!n.isArray() || n.size() != dimension) {
            throw new IOException("corrupt profile (" + path + " is not " + dimension + " numbers)");
        }
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            JsonNode x = n.get(i);
            if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                throw new IOException("corrupt profile (" + path + "[" + i + "] is not a number)");
            }
            v[i] = (float) x.asDouble();
        }
        return v;
    }

    private ArrayNode array(float[] v) {
        ArrayNode a = json.createArrayNode();
        for (float x : v) {
            a.add(x);
        }
        return a;
    }
}
