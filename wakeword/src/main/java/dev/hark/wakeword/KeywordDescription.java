package dev.hark.wakeword;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A keyword head described by a JSON file, as {@code hark wakeword train} writes it: the head's name,
 * the phrase, its ONNX file (beside the JSON), its sha256 and the threshold calibrated for it. Hark's
 * own wake word is described the same way inside the jar ({@link #bundled(String)}). Reading one costs
 * the JSON parse and reading the model's bytes (tens of kilobytes).
 *
 * @param name      how detections name the keyword
 * @param phrase    the words it listens for
 * @param model     the ONNX head's bytes (already checked against the described sha256)
 * @param source    where the head was read from, for messages
 * @param threshold the calibrated threshold, in (0, 1]
 */
public record KeywordDescription(String name, String phrase, byte[] model, Path source, float threshold) {
    /** Hark's own wake words, shipped in this module's resources. */
    public static final List<String> BUNDLED = List.of("hello_hark");
    /** The wake word Hark listens for when configured with nothing else. */
    public static final String DEFAULT = "hello_hark";

    private static final String RESOURCES = "/dev/hark/wakeword/";

    /**
     * Reads the description {@code json} and the head it names.
     *
     * @throws ModelLoadException naming the file and the fault (missing, malformed, missing field,
     *                            threshold out of range, head missing or not matching its sha256)
     */
    public static KeywordDescription read(Path json) throws ModelLoadException {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(json));
            String file = text(root, "model", json);
            Path model = json.toAbsolutePath().getParent().resolve(file);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(model);
            } catch (NoSuchFileException e) {
                throw new ModelLoadException(json + ": its keyword model " + model + " does not exist");
            }
            return describe(root, bytes, model, json);
        } catch (ModelLoadException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(json + ": no such keyword description");
        } catch (JacksonException e) {
            throw new ModelLoadException(json + ": not a keyword description (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ModelLoadException(json + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Hark's own wake word {@code name} (one of {@link #BUNDLED}), from this module's resources. */
    public static KeywordDescription bundled(String name) throws ModelLoadException {
        if (!BUNDLED.contains(name)) {
            throw new ModelLoadException("no bundled wake word " + name + " (bundled: " + String.join(", ", BUNDLED) + ")");
        }
        Path json = Path.of(RESOURCES.substring(1) + name + ".json");
        try {
            JsonNode root = new ObjectMapper().readTree(resource(name + ".json"));
            String file = text(root, "model", json);
            return describe(root, resource(file), Path.of(RESOURCES.substring(1) + file), json);
        } catch (IOException e) {
            throw new ModelLoadException("hark-wakeword: cannot read its bundled wake word " + name + " (" + e.getMessage() + ")");
        }
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = KeywordDescription.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCES + file + " is missing");
            }
            return in.readAllBytes();
        }
    }

    private static KeywordDescription describe(JsonNode root, byte[] model, Path modelPath, Path json)
            throws ModelLoadException {
        String name = text(root, "name", json);
        String phrase = text(root, "phrase", json);
        JsonNode t = root.get("threshold");
        if (t == null || !t.isNumber() || !(t.doubleValue() > 0 && t.doubleValue() <= 1)) {
            throw new ModelLoadException(json + ": $.threshold must be a number in (0, 1], got " + t);
        }
        String expected = text(root, "sha256", json);
        String actual = sha256(model);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new ModelLoadException(modelPath + ": corrupt keyword model (sha256 " + actual + ", "
                    + json + " says " + expected + ")");
        }
        return new KeywordDescription(name, phrase, model, modelPath, t.floatValue());
    }

    private static String text(JsonNode root, String field, Path json) throws ModelLoadException {
        JsonNode n = root == null ? null : root.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new ModelLoadException(json + ": $." + field + " must be a non-empty string");
        }
        return n.asText();
    }

    /** Hex sha256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
