package com.example.dice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.skill.Announcer;
import dev.hark.skill.IntentRequest;
import dev.hark.skill.KeyValueStore;
import dev.hark.skill.SkillContext;
import dev.hark.skill.SkillInfo;
import dev.hark.skill.SkillScheduler;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiceSkillTest {

    /** The least context the dice skill needs: a store in memory. */
    static final class TestContext implements SkillContext {
        final Map<String, String> map = new HashMap<>();

        public Map<String, String> settings() { return Map.of(); }
        public Clock clock() { return Clock.systemUTC(); }
        public SkillScheduler scheduler() { throw new UnsupportedOperationException(); }
        public Announcer announcer() { return (sound, text) -> { }; }
        public List<SkillInfo> installedSkills() { return List.of(); }
        public KeyValueStore store() {
            return new KeyValueStore() {
                public Optional<String> get(String key) { return Optional.ofNullable(map.get(key)); }
                public Map<String, String> entries() { return Map.copyOf(map); }
                public void put(String key, String value) { map.put(key, value); }
                public void remove(String key) { map.remove(key); }
                public void update(Map<String, String> changes) { changes.forEach((k, v) -> { if (v == null) map.remove(k); else map.put(k, v); }); }
            };
        }
    }

    @Test
    void rollsTheNumberOfDiceAskedForAndRemembersTheRoll() throws Exception {
        TestContext context = new TestContext();
        DiceSkill dice = new DiceSkill(new Random(42));
        IntentRequest rollTwo = IntentRequest.builder("rollDice")
                .slot("count", "snips/number", "two", 2.0)
                .speaker("alice")
                .build();
        String said = dice.handle(rollTwo, context).text().orElseThrow();
        assertTrue(said.matches("alice, you rolled [1-6] and [1-6]: \\d+ in all\\."), said);
        assertEquals(said.substring("alice, y".length()), context.map.get("last").substring(1));
        assertEquals(context.map.get("last"), dice.handle(IntentRequest.builder("lastRoll").build(), context).text().orElseThrow());
    }

    @Test
    void refusesTooManyDice() throws Exception {
        IntentRequest many = IntentRequest.builder("rollDice").slot("count", "snips/number", "fifty", 50.0).build();
        assertEquals("I can roll one to 10 dice.", new DiceSkill().handle(many, new TestContext()).text().orElseThrow());
    }
}
