package dev.hark.skills.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpokenDurationTest {
    @Test
    void saysTheTwoLargestUnitsWithPlurals() {
        assertEquals("1 minute", SpokenDuration.of(Duration.ofMinutes(1)));
        assertEquals("2 minutes and 30 seconds", SpokenDuration.of(Duration.ofSeconds(150)));
        assertEquals("1 hour and 5 minutes", SpokenDuration.of(Duration.ofMinutes(65)));
        assertEquals("1 hour", SpokenDuration.of(Duration.ofSeconds(3605)));
        assertEquals("2 days and 3 hours", SpokenDuration.of(Duration.ofHours(51)));
    }

    @Test
    void roundsUpPartSecondsSoATimerNeverSaysZeroEarly() {
        assertEquals("1 second", SpokenDuration.of(Duration.ofMillis(200)));
        assertEquals("0 seconds", SpokenDuration.of(Duration.ZERO));
    }
}
