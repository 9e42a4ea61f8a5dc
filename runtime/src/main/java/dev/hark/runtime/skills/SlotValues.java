package dev.hark.runtime.skills;

import dev.hark.nlu.SlotValue;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Turns the NLU's resolved slot values into the plain JDK types the skill API promises
 * ({@link dev.hark.skill.Slot}): numbers, ordinals, percentages and temperatures as {@link Double},
 * durations as {@link Duration}, times as {@link ZonedDateTime} in the household's zone (an interval
 * gives its start), custom values as {@link String}.
 */
public final class SlotValues {
    private static final DateTimeFormatter SNIPS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private SlotValues() {
    }

    /** The value as a skill sees it; times are moved into {@code zone}. */
    public static Object toJava(SlotValue value, ZoneId zone) {
        if (value instanceof SlotValue.Custom c) {
            return c.value();
        } else if (value instanceof SlotValue.Number n) {
            return n.value();
        } else if (value instanceof SlotValue.Ordinal o) {
            return (double) o.value();
        } else if (value instanceof SlotValue.Percentage p) {
            return p.value();
        } else if (value instanceof SlotValue.Temperature t) {
            return t.value();
        } else if (value instanceof SlotValue.Duration d) {
            return Duration.ofSeconds(d.totalSeconds());
        } else if (value instanceof SlotValue.InstantTime i) {
            return time(i.value(), zone);
        } else if (value instanceof SlotValue.TimeInterval t) {
            return time(t.from(), zone);
        }
        throw new IllegalArgumentException("unknown slot value kind " + value.kind());
    }

    private static ZonedDateTime time(String snips, ZoneId zone) {
        return OffsetDateTime.parse(snips, SNIPS_TIME).atZoneSameInstant(zone);
    }
}
