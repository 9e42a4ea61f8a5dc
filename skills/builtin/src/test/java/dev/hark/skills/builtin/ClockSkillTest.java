package dev.hark.skills.builtin;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.skill.IntentRequest;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ClockSkillTest {
    private final ClockSkill clock = new ClockSkill();

    private String answer(String intent, String instant, String zone) {
        FakeContext ctx = new FakeContext(Instant.parse(instant), ZoneId.of(zone));
        return clock.handle(IntentRequest.builder(intent).build(), ctx).text().orElseThrow();
    }

    @Test
    void tellsTheTimeInTheHouseholdsZone() {
        assertEquals("It's 4:05 PM.", answer("getTime", "2026-11-27T16:05:30Z", "Europe/London"));
        assertEquals("It's 1:05 AM.", answer("getTime", "2026-11-27T16:05:30Z", "Asia/Tokyo"));
    }

    @Test
    void tellsTheDateOfTheZoneNotOfUtc() {
        assertEquals("Today is Friday, November 27, 2026.", answer("getDate", "2026-11-27T16:05:30Z", "Europe/London"));
        assertEquals("Today is Saturday, November 28, 2026.", answer("getDate", "2026-11-27T16:05:30Z", "Asia/Tokyo"));
    }

    @Test
    void refusesAnIntentItDoesNotDeclare() {
        assertThrows(IllegalArgumentException.class, () -> answer("setTimer", "2026-11-27T16:05:30Z", "UTC"));
    }
}
