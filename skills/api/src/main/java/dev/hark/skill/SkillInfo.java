package dev.hark.skill;

import java.util.List;
import java.util.Objects;

/**
 * A summary of an installed skill, as the help skill lists it.
 *
 * @param name        the skill's name
 * @param description one line saying what it does
 * @param examples    example sentences taken from its dataset or templates, one or more per intent
 */
public record SkillInfo(String name, String description, List<String> examples) {

    /** Copies the examples so the record stays immutable. */
    public SkillInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        examples = List.copyOf(examples);
    }
}
