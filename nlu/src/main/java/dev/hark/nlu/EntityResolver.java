package dev.hark.nlu;

import dev.hark.nlu.builtin.BuiltinResolver;
import dev.hark.nlu.dataset.BuiltinEntity;
import dev.hark.nlu.dataset.CustomEntity;
import dev.hark.nlu.dataset.Dataset;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves the text of a slot to its value, for any entity of a dataset: custom entities through their
 * values and synonyms ({@link Gazetteer}), built-in ones through {@link BuiltinResolver}. This is how
 * {@code hark understand} turns the words the recogniser put in a slot into a value. Immutable and
 * thread-safe; building it costs one pass over the entity values.
 */
public final class EntityResolver {
    private final Map<String, Gazetteer> gazetteers = new LinkedHashMap<>();
    private final BuiltinResolver builtins;

    /** A resolver for {@code dataset}'s entities, with dates relative to {@code clock}. */
    public EntityResolver(Dataset dataset, Clock clock) {
        for (CustomEntity e : dataset.customEntities().values()) {
            gazetteers.put(e.name(), new Gazetteer(e));
        }
        this.builtins = new BuiltinResolver(clock);
    }

    /**
     * The value of {@code text} as {@code entity}, or null when it is not one (a built-in that does not
     * parse, an unknown value of a non-extensible custom entity, an entity the dataset does not define).
     */
    public SlotValue resolve(String entity, String text) {
        Gazetteer g = gazetteers.get(entity);
        if (g != null) {
            return g.resolve(text);
        }
        BuiltinEntity b = BuiltinEntity.fromName(entity);
        return b == null ? null : builtins.resolve(b, text);
    }

    /** The gazetteer of a custom entity, or null. */
    public Gazetteer gazetteer(String entity) {
        return gazetteers.get(entity);
    }

    /** The built-in resolver (shares this resolver's clock). */
    public BuiltinResolver builtins() {
        return builtins;
    }
}
