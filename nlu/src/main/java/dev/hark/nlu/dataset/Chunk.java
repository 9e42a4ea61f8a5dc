package dev.hark.nlu.dataset;

import java.util.Objects;

/**
 * One piece of an annotated utterance, as in a Snips dataset's {@code "data"} array: plain text, or text
 * that is the value of a slot ({@code entity} and {@code slotName} both set). Text keeps its spaces, so
 * concatenating the chunks of an utterance gives the sentence.
 */
public record Chunk(String text, String entity, String slotName) {
    public Chunk {
        Objects.requireNonNull(text, "text");
        if ((entity == null) != (slotName == null)) {
            throw new IllegalArgumentException("entity and slotName must be both set or both null");
        }
    }

    /** Plain text, no slot. */
    public static Chunk text(String text) {
        return new Chunk(text, null, null);
    }

    /** Text that fills slot {@code slotName} with a value of {@code entity}. */
    public static Chunk slot(String text, String entity, String slotName) {
        return new Chunk(text, Objects.requireNonNull(entity, "entity"), Objects.requireNonNull(slotName, "slotName"));
    }

    /** Whether this chunk is a slot value. */
    public boolean isSlot() {
        return entity != null;
    }
}
