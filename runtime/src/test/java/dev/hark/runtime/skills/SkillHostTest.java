package dev.hark.runtime.skills;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.nlu.dataset.Dataset;
import dev.hark.skill.Earcon;
import dev.hark.skill.IntentRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillHostTest {
    @TempDir
    Path dir;

    private final LinkedBlockingQueue<String> announced = new LinkedBlockingQueue<>();

    private SkillHost host(SkillCatalog catalog, Clock clock, Map<String, Map<String, String>> settings) {
        return SkillHost.start(catalog, new SkillHost.Options(dir.resolve("state"), clock, settings,
                (Earcon sound, String text) -> announced.add(sound + ": " + text)));
    }

    private static String say(Dispatcher d, IntentRequest r) {
        DispatchResult result = d.dispatch(r);
        assertEquals(DispatchResult.Outcome.HANDLED, result.outcome(), result.toString());
        return result.response().text().orElseThrow();
    }

    private static IntentRequest timer(Duration d) {
        return IntentRequest.builder("setTimer").slot("duration", "snips/duration", d.toString(), d).build();
    }

    @Test
    void aTimerSetBeforeARestartIsListedOnceAfterItAndRingsOnTime() throws Exception {
        try (SkillCatalog catalog = SkillCatalog.load(null)) {
            SkillHost first = host(catalog, Clock.systemDefaultZone(), Map.of());
            Dispatcher d1 = new Dispatcher(first);
            assertEquals("Timer set for 1 hour.", say(d1, timer(Duration.ofHours(1))));
            assertEquals("Timer set for 1 second.", say(d1, timer(Duration.ofSeconds(1))));
            d1.close();
            first.close(); // Hark stops before the second timer rings
            assertTrue(Files.readString(dir.resolve("state/timers.json")).contains("timer.2"));
        }
        try (SkillCatalog catalog = SkillCatalog.load(null)) {
            SkillHost second = host(catalog, Clock.systemDefaultZone(), Map.of());
            Dispatcher d2 = new Dispatcher(second);
            String ring = announced.poll(20, TimeUnit.SECONDS);
            assertNotNull(ring, "the 1 second timer rings after the restart");
            assertTrue(ring.startsWith("ALARM: "), ring);
            String list = say(d2, IntentRequest.builder("listTimers").build());
            assertTrue(list.startsWith("You have one: the timer for 1 hour with "), list);
            assertFalse(Files.readString(dir.resolve("state/timers.json")).contains("timer.2"), "a rung timer leaves the file");
            assertNull(announced.poll(1500, TimeUnit.MILLISECONDS), "and does not ring twice");
            d2.close();
            second.close();
        }
    }

    @Test
    void theAssistantIsTheUnionOfTheRunningSkillsWithRunTimeEntityValues() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("skills"));
        PluginJars.build(folder, "rooms.jar", "plugin.Rooms", """
                package plugin;
                import dev.hark.skill.*;
                import java.util.*;
                public class Rooms implements Skill {
                    public String name() { return "rooms"; }
                    public IntentDeclaration intents() { return IntentDeclaration.dataset("rooms.json"); }
                    public Map<String, List<String>> entityValues() { return Map.of("room", List.of("attic")); }
                    public Response handle(IntentRequest r, SkillContext c) { return Response.silent(); }
                }
                """, "rooms.json", """
                {"language": "en", "intents": {"heatRoom": {"utterances": [{"data": [{"text": "heat the "},
                  {"text": "kitchen", "entity": "room", "slot_name": "room"}]}]}},
                 "entities": {"room": {"data": [{"value": "kitchen", "synonyms": []}], "use_synonyms": true,
                  "automatically_extensible": false, "matching_strictness": 1.0}}}
                """, true);
        try (SkillCatalog catalog = SkillCatalog.load(folder); SkillHost host = host(catalog, Clock.systemDefaultZone(), Map.of())) {
            Dataset assistant = host.assistant();
            assertTrue(assistant.intents().keySet().containsAll(List.of("getTime", "setTimer", "help", "switchOn", "heatRoom")));
            assertEquals(List.of("kitchen", "attic"), assistant.customEntities().get("room").values().stream().map(v -> v.value()).toList());
            assertEquals(List.of("clock", "timers", "help", "gpio", "rooms"), host.installedSkills().stream().map(s -> s.name()).toList());
            String help = say(new Dispatcher(host), IntentRequest.builder("help").build());
            assertTrue(help.contains("what time is it") && help.contains("heat the kitchen"), help);
        }
    }

    @Test
    void aSkillThatFailsToStartIsLeftOutWithItsIntents() throws Exception {
        // a GPIO pin that is not a number makes the gpio skill's start throw
        try (SkillCatalog catalog = SkillCatalog.load(null);
             SkillHost host = host(catalog, Clock.systemDefaultZone(), Map.of("gpio", Map.of("output.fan", "x")))) {
            assertFalse(host.assistant().intents().containsKey("switchOn"));
            assertTrue(host.assistant().intents().containsKey("getTime"));
            assertEquals(DispatchResult.Outcome.NO_SKILL, new Dispatcher(host).dispatch(IntentRequest.builder("switchOn").build()).outcome());
        }
    }
}
