package dev.hark.runtime.skills;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.skill.IntentRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example skill of docs/WRITE_A_SKILL.md (skills/examples), built as a plugin jar from its sources,
 * loads beside the built-ins, declares its intents with templates and answers, so the page stays true.
 */
class ExampleSkillTest {
    @TempDir
    Path dir;

    @Test
    void theExampleSkillLoadsAsAPluginAndAnswers() throws Exception {
        Path example = Path.of(System.getProperty("hark.root"), "skills/examples/src/main");
        Path folder = Files.createDirectories(dir.resolve("skills"));
        PluginJars.build(folder, "dice.jar", "com.example.dice.DiceSkill",
                Files.readString(example.resolve("java/com/example/dice/DiceSkill.java")),
                "dice.txt", Files.readString(example.resolve("resources/com/example/dice/dice.txt")), true);
        try (SkillCatalog catalog = SkillCatalog.load(folder);
             SkillHost host = SkillHost.start(catalog, new SkillHost.Options(dir.resolve("state"), Clock.systemUTC(), Map.of(),
                     (sound, text) -> { }));
             Dispatcher dispatcher = new Dispatcher(host)) {
            assertEquals("dice", catalog.skillFor("rollDice").orElseThrow().name());
            assertTrue(host.assistant().intents().keySet().containsAll(java.util.List.of("rollDice", "flipCoin", "lastRoll")));
            assertTrue(host.installedSkills().stream().anyMatch(s -> s.name().equals("dice") && s.examples().contains("roll a die")),
                    host.installedSkills().toString());
            DispatchResult r = dispatcher.dispatch(IntentRequest.builder("rollDice").slot("count", "snips/number", "two", 2.0).build());
            assertEquals(DispatchResult.Outcome.HANDLED, r.outcome(), r.toString());
            assertTrue(r.response().text().orElseThrow().matches("You rolled [1-6] and [1-6]: \\d+ in all\\."), r.toString());
            assertTrue(Files.readString(dir.resolve("state/dice.json")).contains("You rolled"));
        }
    }
}
