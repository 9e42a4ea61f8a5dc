package dev.hark.runtime.skills;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.nlu.SlotValue;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class SlotValuesTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void eachKindBecomesThePromisedJdkType() {
        assertEquals("kitchen", SlotValues.toJava(new SlotValue.Custom("kitchen"), PARIS));
        assertEquals(21.5, SlotValues.toJava(new SlotValue.Number(21.5), PARIS));
        assertEquals(3.0, SlotValues.toJava(new SlotValue.Ordinal(3), PARIS));
        assertEquals(50.0, SlotValues.toJava(new SlotValue.Percentage(50), PARIS));
        assertEquals(20.0, SlotValues.toJava(new SlotValue.Temperature(20, "celsius"), PARIS));
        assertEquals(Duration.ofSeconds(90 * 60 + 90),
                SlotValues.toJava(new SlotValue.Duration(0, 0, 0, 0, 0, 1, 30, 90, "Exact"), PARIS));
    }

    @Test
    void timesAreMovedIntoTheHouseholdsZoneAndIntervalsGiveTheirStart() {
        ZonedDateTime t = (ZonedDateTime) SlotValues.toJava(new SlotValue.InstantTime("2026-11-27 19:30:00 +00:00", "Minute", "Exact"), PARIS);
        assertEquals(ZonedDateTime.of(2026, 11, 27, 20, 30, 0, 0, PARIS), t);
        ZonedDateTime from = (ZonedDateTime) SlotValues.toJava(
                new SlotValue.TimeInterval("2026-11-28 08:00:00 +01:00", "2026-11-28 12:00:00 +01:00"), PARIS);
        assertEquals(ZonedDateTime.of(2026, 11, 28, 8, 0, 0, 0, PARIS), from);
    }
}
