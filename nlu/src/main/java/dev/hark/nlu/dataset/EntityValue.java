package dev.hark.nlu.dataset;

import java.util.List;
import java.util.Objects;

/** A canonical value of a custom entity and the other ways people say it (they resolve to {@code value}). */
public record EntityValue(String value, List<String> synonyms) {
    public EntityValue {
        Objects.requireNonNull(value, "value");
        synonyms = List.copyOf(synonyms);
    }
}
