package dev.hark.runtime.skills;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.nlu.ParseResult;
import dev.hark.nlu.parser.IntentParser;
import dev.hark.skill.IntentRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class IntentRequestsTest {
    @Test
    void theBuiltInDatasetsParseIntoRequestsWithTypedSlots() throws Exception {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), paris);
        try (SkillCatalog catalog = SkillCatalog.load(null)) {
            var dataset = catalog.skillFor("setTimer").orElseThrow().dataset();
            IntentParser parser = IntentParser.builder().dataset(dataset).clock(clock).build();

            ParseResult timer = parser.parse("set a timer for one hour and five minutes");
            IntentRequest r = IntentRequests.from(timer, 0.9, "alice", paris);
            assertEquals("setTimer", r.intentName());
            assertEquals(Duration.ofMinutes(65), r.duration("duration").orElseThrow());
            assertEquals("set a timer for one hour and five minutes", r.transcript());
            assertEquals("alice", r.speaker().orElseThrow());

            IntentRequest alarm = IntentRequests.from(parser.parse("wake me up at seven am"), 1, null, paris);
            assertEquals("setAlarm", alarm.intentName());
            assertEquals(7, alarm.dateTime("time").orElseThrow().getHour());
            assertEquals(paris, alarm.dateTime("time").orElseThrow().getZone());
        }
    }

    @Test
    void aParseWithoutIntentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> IntentRequests.from(ParseResult.none("blah", 0.9), 1, null, ZoneId.of("UTC")));
    }
}
