package dev.hark.nlu.dataset;

import java.util.List;
import java.util.Objects;

/**
 * An entity the assistant's author defines (a Snips custom entity): its values with synonyms, whether
 * synonyms resolve to the canonical value ({@code useSynonyms}), whether values not in the list are
 * accepted ({@code automaticallyExtensible}), and how closely text must match a value to resolve
 * ({@code matchingStrictness}, 1.0 = exactly, lower = fuzzier; kept for Snips compatibility).
 */
public record CustomEntity(String name, List<EntityValue> values, boolean useSynonyms,
                           boolean automaticallyExtensible, double matchingStrictness) {
    public CustomEntity {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
    }
}
