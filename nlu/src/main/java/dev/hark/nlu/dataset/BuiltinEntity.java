package dev.hark.nlu.dataset;

import dev.hark.nlu.builtin.BuiltinGrammars;
import dev.hark.nlu.template.TemplateNode;

/**
 * The built-in entities Hark resolves (English), by their Snips names. {@link #grammar()} gives the
 * spoken forms each one accepts as a template tree, for template expansion and for the speech
 * recogniser's grammar.
 */
public enum BuiltinEntity {
    NUMBER("snips/number"),
    ORDINAL("snips/ordinal"),
    DURATION("snips/duration"),
    DATETIME("snips/datetime"),
    PERCENTAGE("snips/percentage"),
    TEMPERATURE("snips/temperature");

    private final String entityName;

    BuiltinEntity(String entityName) {
        this.entityName = entityName;
    }

    /** The Snips name, e.g. {@code snips/duration}. */
    public String entityName() {
        return entityName;
    }

    /** The built-in with this Snips name, or null when Hark has none by that name. */
    public static BuiltinEntity fromName(String name) {
        for (BuiltinEntity b : values()) {
            if (b.entityName.equals(name)) {
                return b;
            }
        }
        return null;
    }

    /** Whether {@code name} is in the built-in namespace ({@code snips/...}), supported or not. */
    public static boolean isBuiltinName(String name) {
        return name.startsWith("snips/");
    }

    /**
     * The spoken (word) forms of this entity as a template tree, lower case, words only (no slot
     * references). Overgenerates a little ("one minutes") as a recogniser grammar may. Built once, shared.
     */
    public TemplateNode grammar() {
        return BuiltinGrammars.of(this);
    }
}
