package dev.hark.skill;

import java.util.Objects;

/**
 * One filled slot of an understood command, with its value resolved to a plain JDK type:
 * <ul>
 *   <li>{@code snips/number}, {@code snips/ordinal}, {@code snips/percentage}: {@link Double}
 *       (a percentage as written: "50 percent" is 50.0);</li>
 *   <li>{@code snips/duration}: {@link java.time.Duration};</li>
 *   <li>{@code snips/datetime}: {@link java.time.ZonedDateTime} (the start of the time said);</li>
 *   <li>{@code snips/temperature}: {@link Double} in the unit said (see {@link #rawValue()});</li>
 *   <li>a custom entity: {@link String}, the entity's canonical value (a synonym is resolved to its value).</li>
 * </ul>
 *
 * @param name     the slot name in the dataset ({@code "duration"})
 * @param entity   the entity that filled it ({@code "snips/duration"}, {@code "room"})
 * @param rawValue the words as heard ({@code "two minutes"})
 * @param value    the resolved value, of the type above
 */
public record Slot(String name, String entity, String rawValue, Object value) {

    /** Checks that every part is present. */
    public Slot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(rawValue, "rawValue");
        Objects.requireNonNull(value, "value");
    }
}
