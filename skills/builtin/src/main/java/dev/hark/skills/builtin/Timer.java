package dev.hark.skills.builtin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A timer or an alarm as the timer skill stores it: one store entry per timer, {@code timer.<id>} mapped
 * to {@code <kind>|<due epoch ms>|<length s>}.
 *
 * @param id     unique among the stored timers, so a timer is never stored or rung twice
 * @param alarm  true for an alarm (a time of day), false for a timer (a duration)
 * @param due    when it rings
 * @param length how long the timer was set for; zero for an alarm
 */
record Timer(long id, boolean alarm, Instant due, Duration length) {
    static final String KEY_PREFIX = "timer.";

    Timer {
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(length, "length");
    }

    String key() {
        return KEY_PREFIX + id;
    }

    String encode() {
        return (alarm ? "alarm" : "timer") + "|" + due.toEpochMilli() + "|" + length.getSeconds();
    }

    /** Parses a stored entry; throws IllegalArgumentException naming the entry when it is not one. */
    static Timer decode(String key, String value) {
        try {
            long id = Long.parseLong(key.substring(KEY_PREFIX.length()));
            String[] parts = value.split("\\|", -1);
            if (parts.length != 3 || !(parts[0].equals("alarm") || parts[0].equals("timer"))) {
                throw new IllegalArgumentException("expected kind|due|length");
            }
            return new Timer(id, parts[0].equals("alarm"), Instant.ofEpochMilli(Long.parseLong(parts[1])),
                    Duration.ofSeconds(Long.parseLong(parts[2])));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stored timer " + key + "=" + value + " is not a timer: " + e.getMessage(), e);
        }
    }

    /** How the timer is named in speech: "the timer for 5 minutes", "the alarm at 7:00 AM". */
    String spokenName(ZoneId zone) {
        if (alarm) {
            return "the alarm at " + ClockSkill.TIME.format(ZonedDateTime.ofInstant(due, zone));
        }
        return "the timer for " + SpokenDuration.of(length);
    }
}
