package dev.hark.runtime.skills;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.skill.IntentRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatcherTest {
    @TempDir
    Path dir;

    private final List<String> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger(Dispatcher.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logged) {
                logged.add(r.getLevel() + " " + r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private SkillCatalog catalog;
    private SkillHost host;
    private Dispatcher dispatcher;

    @BeforeEach
    void start() throws Exception {
        log.addHandler(capture);
        Path folder = Files.createDirectories(dir.resolve("skills"));
        PluginJars.skill(folder, "broken.jar", "Broken", "broken", "throw new IllegalStateException(\"database gone\");", "explode");
        PluginJars.skill(folder, "slow.jar", "Slow", "slow", "Thread.sleep(60_000); return Response.say(\"late\");", "dawdle");
        PluginJars.skill(folder, "stubborn.jar", "Stubborn", "stubborn",
                "long end = System.nanoTime() + 3_000_000_000L; while (System.nanoTime() < end) { } return Response.say(\"late\");", "ignoreInterrupts");
        catalog = SkillCatalog.load(folder);
        host = SkillHost.start(catalog, new SkillHost.Options(dir.resolve("state"), Clock.systemDefaultZone(), Map.of(),
                (sound, text) -> { }));
        dispatcher = new Dispatcher(host, Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        dispatcher.close();
        host.close();
        catalog.close();
        log.removeHandler(capture);
    }

    private DispatchResult dispatch(String intent) {
        return dispatcher.dispatch(IntentRequest.builder(intent).build());
    }

    @Test
    void aSkillsAnswerIsPassedOn() {
        DispatchResult r = dispatch("getTime");
        assertEquals(DispatchResult.Outcome.HANDLED, r.outcome());
        assertEquals("clock", r.skill().orElseThrow());
        assertTrue(r.response().text().orElseThrow().startsWith("It's "), r.toString());
        assertTrue(r.error().isEmpty());
    }

    @Test
    void aSkillThatThrowsGetsAnApologyAndALogLineWithItsName() {
        DispatchResult r = dispatch("explode");
        assertEquals(DispatchResult.Outcome.FAILED, r.outcome());
        assertEquals("Sorry, something went wrong with the broken skill.", r.response().text().orElseThrow());
        assertTrue(r.error().orElseThrow().contains("database gone"));
        assertTrue(logged.stream().anyMatch(l -> l.startsWith("SEVERE skill 'broken' failed on explode")), logged.toString());
        assertEquals(DispatchResult.Outcome.HANDLED, dispatch("getTime").outcome(), "Hark keeps going");
    }

    @Test
    void aSkillThatHangsIsCutOffAtTheTimeLimitAndOthersStillAnswer() {
        DispatchResult r = dispatch("dawdle");
        assertEquals(DispatchResult.Outcome.TIMED_OUT, r.outcome());
        assertEquals("Sorry, something went wrong with the slow skill.", r.response().text().orElseThrow());
        assertTrue(logged.stream().anyMatch(l -> l.equals("SEVERE skill 'slow' did not answer dawdle within 300 ms")), logged.toString());

        DispatchResult stubborn = dispatch("ignoreInterrupts"); // keeps its thread busy for 3 s
        assertEquals(DispatchResult.Outcome.TIMED_OUT, stubborn.outcome());
        assertEquals(DispatchResult.Outcome.HANDLED, dispatch("getTime").outcome(), "a stuck skill holds up no other");
        DispatchResult again = dispatch("ignoreInterrupts");
        assertEquals(DispatchResult.Outcome.TIMED_OUT, again.outcome(), "never run beside the stuck call");
        assertEquals("skill 'stubborn' is still busy with an earlier command; ignoreInterrupts not handled",
                again.error().orElseThrow());
    }

    @Test
    void aSkillIsFreeForTheNextCommandAsSoonAsItAnswered() {
        for (int i = 0; i < 200; i++) {
            assertEquals(DispatchResult.Outcome.HANDLED, dispatch("getTime").outcome(), "call " + i);
        }
    }

    @Test
    void anIntentNoSkillDeclaresGetsAnApology() {
        DispatchResult r = dispatch("flyToTheMoon");
        assertEquals(DispatchResult.Outcome.NO_SKILL, r.outcome());
        assertTrue(r.skill().isEmpty());
        assertEquals("Sorry, I can't do that.", r.response().text().orElseThrow());
    }
}
