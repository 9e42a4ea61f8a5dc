package dev.hark.skill;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class IntentRequestTest {

    private final ZonedDateTime seven = ZonedDateTime.of(2026, 11, 27, 7, 0, 0, 0, ZoneOffset.UTC);

    private final IntentRequest request = IntentRequest.builder("setTimer")
            .slot("duration", "snips/duration", "two minutes", Duration.ofMinutes(2))
            .slot("count", "snips/number", "three", 3L)
            .slot("room", "room", "cooking room", "kitchen")
            .slot("when", "snips/datetime", "at seven", seven)
            .transcript("set a timer for two minutes")
            .confidence(0.8)
            .build();

    @Test
    void typedAccessorsReturnTheValueOfTheirType() {
        assertEquals(Duration.ofMinutes(2), request.duration("duration").orElseThrow());
        assertEquals(3.0, request.number("count").orElseThrow());
        assertEquals(seven, request.dateTime("when").orElseThrow());
        assertEquals("kitchen", request.text("room").orElseThrow(), "custom entity gives its canonical value");
        assertEquals("two minutes", request.text("duration").orElseThrow(), "non-text slot gives its raw words");
    }

    @Test
    void accessorOfTheWrongTypeOrAnAbsentSlotIsEmpty() {
        assertTrue(request.duration("count").isEmpty());
        assertTrue(request.number("duration").isEmpty());
        assertTrue(request.text("missing").isEmpty());
        assertTrue(request.speaker().isEmpty());
    }

    @Test
    void confidenceOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> IntentRequest.builder("x").confidence(1.5));
        assertThrows(IllegalArgumentException.class, () -> IntentRequest.builder("x").confidence(Double.NaN));
    }

    @Test
    void responsesSayAskOrStaySilent() {
        Response ask = Response.ask("Which room?", "chooseRoom");
        assertTrue(ask.continueSession());
        assertEquals(java.util.Set.of("chooseRoom"), ask.followUpIntents());
        assertFalse(Response.say("Done.").continueSession());
        assertTrue(Response.silent().text().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Response.ask("Which room?"));
        assertThrows(IllegalArgumentException.class, () -> Response.say(" "));
    }
}
