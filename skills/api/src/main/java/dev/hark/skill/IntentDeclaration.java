package dev.hark.skill;

import java.util.Objects;

/**
 * Where a skill declares its intents: a resource in the skill's own jar, either a dataset in the Snips NLU
 * JSON format or a file of sentence templates (DESIGN.md §4). The resource name is resolved like
 * {@link Class#getResource(String)} against the skill's class: {@code "clock.json"} sits next to the class,
 * {@code "/hark/clock.json"} at the jar root. Hark reads it once at start-up; it costs nothing at run time.
 *
 * @param format   how the resource is written
 * @param resource the resource name, relative to the skill class unless it starts with {@code /}
 */
public record IntentDeclaration(Format format, String resource) {

    /** The two ways of writing intents. */
    public enum Format {
        /** A Snips NLU dataset: {@code {"language": "en", "intents": {...}, "entities": {...}}}. */
        SNIPS_DATASET,
        /** Compact sentence templates that expand into the same model. */
        TEMPLATES
    }

    /** Checks both parts are present. */
    public IntentDeclaration {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(resource, "resource");
        if (resource.isBlank()) {
            throw new IllegalArgumentException("resource name is blank");
        }
    }

    /** Intents declared by a Snips-format dataset resource. */
    public static IntentDeclaration dataset(String resource) {
        return new IntentDeclaration(Format.SNIPS_DATASET, resource);
    }

    /** Intents declared by a sentence-template resource. */
    public static IntentDeclaration templates(String resource) {
        return new IntentDeclaration(Format.TEMPLATES, resource);
    }
}
