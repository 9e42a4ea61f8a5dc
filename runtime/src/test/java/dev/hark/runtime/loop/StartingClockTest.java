package dev.hark.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** -Dhark.clock holds Hark's clock at a given time (for the ARM64 check's compared runs). */
class StartingClockTest {
    @Test
    void standsAtTheGivenTime() throws Exception {
        Clock system = Clock.system(ZoneOffset.UTC);
        assertSame(system, Assistant.startingAt(null, system));
        Clock c = Assistant.startingAt("2026-01-05T09:30:00", system);
        Instant at = LocalDateTime.parse("2026-01-05T09:30:00").toInstant(ZoneOffset.UTC);
        assertEquals(at, c.instant());
        Thread.sleep(20);
        assertEquals(at, c.instant(), "however long the run takes");
        assertEquals(ZoneOffset.UTC, c.getZone());
        var e = assertThrows(IllegalArgumentException.class, () -> Assistant.startingAt("half past nine", system));
        assertTrue(e.getMessage().startsWith("-Dhark.clock=half past nine"), e.getMessage());
    }
}
