package dev.hark.skills.builtin;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.skill.IntentRequest;
import dev.hark.skill.SkillInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpSkillTest {
    @Test
    void listsTheFirstExamplesOfEveryOtherSkill() {
        FakeContext ctx = new FakeContext(Instant.EPOCH, ZoneOffset.UTC);
        ctx.skills.add(new SkillInfo("clock", "tells the time", List.of("what time is it", "what day is it", "tell me the date")));
        ctx.skills.add(new SkillInfo("help", "lists what you can say", List.of("what can i say")));
        ctx.skills.add(new SkillInfo("timers", "sets timers", List.of("set a timer for five minutes")));
        String text = new HelpSkill().handle(IntentRequest.builder("help").build(), ctx).text().orElseThrow();
        assertEquals("You can say: what time is it; what day is it; set a timer for five minutes.", text);
    }

    @Test
    void saysSoWhenNothingElseIsInstalled() {
        FakeContext ctx = new FakeContext(Instant.EPOCH, ZoneOffset.UTC);
        ctx.skills.add(new SkillInfo("help", "lists what you can say", List.of("what can i say")));
        String text = new HelpSkill().handle(IntentRequest.builder("help").build(), ctx).text().orElseThrow();
        assertFalse(text.contains("what can i say"), text);
    }
}
