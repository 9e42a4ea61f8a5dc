package dev.hark.runtime.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each recording should be understood as, read from a labels file in the format of
 * {@code commands-dev/labels.json}: a JSON object mapping a file name to
 * {@code {"intent": "orderDrink", "slots": {"size": "large", ...}}}. Slot values are trimmed (the
 * shared labels carry stray leading spaces, e.g. {@code " soy milk"}). {@code "intent": null}
 * marks a recording that is not a command (right when Hark rejects it). Immutable.
 */
public final class CommandLabels {
    /** The expected intent (null: not a command) and slot values of one recording. */
    public record Expected(String intent, Map<String, String> slots) {
        /** Whether the recording is a command Hark should accept. */
        public boolean isCommand() {
            return intent != null;
        }
    }

    private final Map<String, Expected> byFile;

    private CommandLabels(Map<String, Expected> byFile) {
        this.byFile = byFile;
    }

    /**
     * Reads a labels file.
     *
     * @throws IOException a missing or unreadable file, or one that is not in the labels format,
     *                     with the file and the JSON path of the fault in the message
     */
    public static CommandLabels load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such labels file");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected a JSON object mapping file names to labels");
        }
        Map<String, Expected> byFile = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = file + ": $[\"" + e.getKey() + "\"]";
            JsonNode label = e.getValue();
            if (!label.isObject() || !label.has("intent")) throw new IOException(at + ": expected {\"intent\": ..., \"slots\": {...}}");
            JsonNode intent = label.get("intent");
            if (!intent.isNull() && !intent.isTextual()) throw new IOException(at + ".intent: expected a string or null");
            Map<String, String> slots = new LinkedHashMap<>();
            JsonNode s = label.get("slots");
            if (s != null && !s.isNull()) {
                if (!s.isObject()) throw new IOException(at + ".slots: expected an object of slot values");
                for (Iterator<Map.Entry<String, JsonNode>> st = s.fields(); st.hasNext(); ) {
                    Map.Entry<String, JsonNode> slot = st.next();
                    if (!slot.getValue().isValueNode() || slot.getValue().isNull()) {
                        throw new IOException(at + ".slots." + slot.getKey() + ": expected a value");
                    }
                    slots.put(slot.getKey(), slot.getValue().asText().strip());
                }
            }
            byFile.put(e.getKey(), new Expected(intent.isNull() ? null : intent.asText(), Map.copyOf(slots)));
        }
        return new CommandLabels(byFile);
    }

    /** The label of the recording with this file name (no folder), or null when there is none. */
    public Expected forFile(String fileName) {
        return byFile.get(fileName);
    }

    /** Number of labelled recordings. */
    public int size() {
        return byFile.size();
    }
}
