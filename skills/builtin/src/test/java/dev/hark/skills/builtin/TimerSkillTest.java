package dev.hark.skills.builtin;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.skill.IntentRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerSkillTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final Instant EIGHT_AM = ZonedDateTime.of(2026, 11, 27, 8, 0, 0, 0, ZONE).toInstant();

    private static IntentRequest setTimer(Duration d) {
        return IntentRequest.builder("setTimer").slot("duration", "snips/duration", d.toString(), d).build();
    }

    private static String say(TimerSkill skill, FakeContext ctx, IntentRequest r) throws Exception {
        return skill.handle(r, ctx).text().orElseThrow();
    }

    private static TimerSkill started(FakeContext ctx) {
        TimerSkill skill = new TimerSkill();
        skill.start(ctx);
        return skill;
    }

    @Test
    void aTimerRingsOnceWhenItsTimeComesAndIsThenForgotten() throws Exception {
        FakeContext ctx = new FakeContext(EIGHT_AM, ZONE);
        TimerSkill skill = started(ctx);
        assertEquals("Timer set for 2 minutes.", say(skill, ctx, setTimer(Duration.ofMinutes(2))));
        assertEquals(1, ctx.store.map.size(), "stored before it was confirmed");

        ctx.advance(Duration.ofSeconds(119));
        assertEquals(List.of(), ctx.announced);
        ctx.advance(Duration.ofSeconds(1));
        assertEquals(List.of("ALARM: Your timer for 2 minutes is done."), ctx.announced);
        assertTrue(ctx.store.map.isEmpty(), "a rung timer leaves the store");
        assertEquals("There are no timers running.", say(skill, ctx, IntentRequest.builder("timeLeft").build()));
    }

    @Test
    void timersSurviveARestartWithoutBeingLostOrDoubled() throws Exception {
        FakeContext before = new FakeContext(EIGHT_AM, ZONE);
        TimerSkill first = started(before);
        say(first, before, setTimer(Duration.ofMinutes(5)));
        say(first, before, setTimer(Duration.ofMinutes(10)));
        first.close();

        // Hark restarts a minute later on the same store
        FakeContext after = new FakeContext(EIGHT_AM.plusSeconds(60), ZONE, before.store);
        TimerSkill second = started(after);
        assertEquals(2, after.pendingTasks());
        assertEquals("4 minutes left on the timer for 5 minutes; 9 minutes left on the timer for 10 minutes.",
                say(second, after, IntentRequest.builder("timeLeft").build()));
        after.advance(Duration.ofMinutes(20));
        assertEquals(List.of("ALARM: Your timer for 5 minutes is done.", "ALARM: Your timer for 10 minutes is done."),
                after.announced);
        assertTrue(after.store.map.isEmpty());

        FakeContext again = new FakeContext(EIGHT_AM.plusSeconds(3600), ZONE, before.store);
        started(again);
        again.advance(Duration.ofHours(1));
        assertEquals(List.of(), again.announced, "a rung timer does not ring again after another restart");
    }

    @Test
    void aTimerThatRanOutWhileHarkWasOffRingsAtStartSayingSo() throws Exception {
        FakeContext before = new FakeContext(EIGHT_AM, ZONE);
        say(started(before), before, setTimer(Duration.ofMinutes(1)));
        FakeContext after = new FakeContext(EIGHT_AM.plusSeconds(3600), ZONE, before.store);
        started(after);
        after.advance(Duration.ZERO);
        assertEquals(List.of("ALARM: The timer for 1 minute went off while I was off."), after.announced);
    }

    @Test
    void newTimersNeverReuseTheIdOfAStoredOne() throws Exception {
        FakeContext ctx = new FakeContext(EIGHT_AM, ZONE);
        ctx.store.map.put("timer.7", "timer|" + EIGHT_AM.plusSeconds(600).toEpochMilli() + "|600");
        TimerSkill skill = started(ctx);
        say(skill, ctx, setTimer(Duration.ofMinutes(1)));
        assertEquals(List.of("timer.7", "timer.8"), List.copyOf(ctx.store.map.keySet()));
    }

    @Test
    void cancellingByDurationLeavesTheOthersAndCancellingAllIsOneWrite() throws Exception {
        FakeContext ctx = new FakeContext(EIGHT_AM, ZONE);
        TimerSkill skill = started(ctx);
        say(skill, ctx, setTimer(Duration.ofMinutes(5)));
        say(skill, ctx, setTimer(Duration.ofMinutes(10)));
        say(skill, ctx, setTimer(Duration.ofMinutes(15)));
        IntentRequest cancelFive = IntentRequest.builder("cancelTimer")
                .slot("duration", "snips/duration", "five minute", Duration.ofMinutes(5)).build();
        assertEquals("Cancelled the timer for 5 minutes.", say(skill, ctx, cancelFive));
        assertEquals("There is no timer for 5 minutes.", say(skill, ctx, cancelFive));

        int writes = ctx.store.writes;
        assertEquals("Cancelled 2 timers and alarms.", say(skill, ctx, IntentRequest.builder("cancelTimer").build()));
        assertEquals(writes + 1, ctx.store.writes);
        assertTrue(ctx.store.map.isEmpty());
        ctx.advance(Duration.ofHours(1));
        assertEquals(List.of(), ctx.announced, "cancelled timers never ring");
    }

    @Test
    void anAlarmForAnHourAlreadyPastTodayIsSetForTomorrow() throws Exception {
        FakeContext ctx = new FakeContext(EIGHT_AM, ZONE);
        TimerSkill skill = started(ctx);
        ZonedDateTime sevenToday = ZonedDateTime.of(2026, 11, 27, 7, 0, 0, 0, ZONE);
        IntentRequest alarm = IntentRequest.builder("setAlarm").slot("time", "snips/datetime", "seven am", sevenToday).build();
        assertEquals("Alarm set for tomorrow at 7:00 AM.", say(skill, ctx, alarm));
        ctx.advance(Duration.ofHours(22).plusMinutes(59));
        assertEquals(List.of(), ctx.announced);
        ctx.advance(Duration.ofMinutes(1));
        assertEquals(List.of("ALARM: It's 7:00 AM. Your alarm is ringing."), ctx.announced);
    }

    @Test
    void listsTimersAndAlarmsInTheOrderTheyRing() throws Exception {
        FakeContext ctx = new FakeContext(EIGHT_AM, ZONE);
        TimerSkill skill = started(ctx);
        say(skill, ctx, IntentRequest.builder("setAlarm").slot("time", "snips/datetime", "nine am",
                ZonedDateTime.of(2026, 11, 27, 9, 0, 0, 0, ZONE)).build());
        say(skill, ctx, setTimer(Duration.ofMinutes(3)));
        ctx.advance(Duration.ofSeconds(30));
        assertEquals("You have 2: the timer for 3 minutes with 2 minutes and 30 seconds left; the alarm at 9:00 AM.",
                say(skill, ctx, IntentRequest.builder("listTimers").build()));
    }

    @Test
    void aTimerWithoutADurationIsNotSet() throws Exception {
        FakeContext ctx = new FakeContext(EIGHT_AM, ZONE);
        TimerSkill skill = started(ctx);
        assertTrue(say(skill, ctx, IntentRequest.builder("setTimer").build()).startsWith("For how long?"));
        assertTrue(say(skill, ctx, setTimer(Duration.ZERO)).contains("at least one second"));
        assertTrue(ctx.store.map.isEmpty());
    }

    @Test
    void aDamagedStoredEntryIsSkippedButKept() {
        FakeContext ctx = new FakeContext(EIGHT_AM, ZONE);
        ctx.store.map.put("timer.3", "garbage");
        started(ctx);
        assertEquals(0, ctx.pendingTasks());
        assertEquals("garbage", ctx.store.map.get("timer.3"));
    }
}
