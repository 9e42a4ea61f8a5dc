package dev.hark.nlu.dataset;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An assistant's declared language: its intents, custom entities and the built-in entities it uses, as
 * loaded and validated by {@link DatasetLoader} (every entity an utterance or template refers to is
 * defined here). Immutable; intents and entities keep their declaration order.
 */
public final class Dataset {
    private final String language;
    private final Map<String, Intent> intents;
    private final Map<String, CustomEntity> customEntities;
    private final Set<BuiltinEntity> builtinEntities;

    public Dataset(String language, Map<String, Intent> intents, Map<String, CustomEntity> customEntities,
                   Set<BuiltinEntity> builtinEntities) {
        this.language = Objects.requireNonNull(language, "language");
        this.intents = Collections.unmodifiableMap(new LinkedHashMap<>(intents));
        this.customEntities = Collections.unmodifiableMap(new LinkedHashMap<>(customEntities));
        this.builtinEntities = Collections.unmodifiableSet(
                builtinEntities.isEmpty() ? EnumSet.noneOf(BuiltinEntity.class) : EnumSet.copyOf(builtinEntities));
    }

    /** ISO 639-1 language code; Hark supports "en". */
    public String language() {
        return language;
    }

    /** Intents by name, in declaration order. */
    public Map<String, Intent> intents() {
        return intents;
    }

    /** Custom entities by name, in declaration order. */
    public Map<String, CustomEntity> customEntities() {
        return customEntities;
    }

    /** Built-in entities declared by the dataset (a Snips dataset lists them as {@code "snips/...": {}}). */
    public Set<BuiltinEntity> builtinEntities() {
        return builtinEntities;
    }

    /** Whether {@code entity} names a custom entity or a declared built-in one. */
    public boolean definesEntity(String entity) {
        if (customEntities.containsKey(entity)) {
            return true;
        }
        BuiltinEntity b = BuiltinEntity.fromName(entity);
        return b != null && builtinEntities.contains(b);
    }
}
