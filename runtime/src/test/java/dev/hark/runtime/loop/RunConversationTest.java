package dev.hark.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.runtime.cli.HarkCli;
import dev.hark.runtime.skills.PluginJars;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole conversations through {@code hark run --input ... --json} with every real stage: flite speech,
 * openWakeWord, Silero endpointing, the grammar recogniser compiled from the installed skills, the
 * skills themselves and feedback written to a WAV folder.
 */
class RunConversationTest {
    @TempDir
    Path dir;
    private final ObjectMapper mapper = new ObjectMapper();

    private Path config(Path skills) throws Exception {
        return config(skills, "hey_jarvis");
    }

    /** A configuration listening for {@code wakeModel}, or for the default wake word when it is null. */
    private Path config(Path skills, String wakeModel) throws Exception {
        ObjectNode c = mapper.createObjectNode();
        c.putObject("skills").put("folder", skills.toString()).put("stateFolder", dir.resolve("state").toString())
                .put("timeZone", "UTC");
        c.putObject("feedback").put("output", "wav").put("wavFolder", dir.resolve("heard").toString());
        c.putObject("speaker").put("enabled", false);
        if (wakeModel != null) {
            c.putObject("wake").putArray("models").addObject().put("name", wakeModel);
        }
        Path f = dir.resolve("hark.json");
        Files.writeString(f, mapper.writeValueAsString(c));
        return f;
    }

    private List<JsonNode> run(Path config, Path wav) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = HarkCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("run", "--config", config.toString(), "--input", wav.toString(), "--json");
        assertEquals(0, exit, err.toString());
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            events.add(mapper.readTree(line));
        }
        return events;
    }

    private static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.get("event").asText()).toList();
    }

    private static double t(JsonNode e) {
        return e.get("t").asDouble();
    }

    @Test
    void theBundledExampleWakesOnHarksOwnWordByDefault() throws Exception {
        Path example = Path.of(System.getProperty("hark.root"), "examples", "conversation.wav");
        List<JsonNode> ev = run(config(dir.resolve("no-plugins"), null), example);
        List<JsonNode> wakes = ev.stream().filter(e -> e.get("event").asText().equals("wake")).toList();
        assertEquals(2, wakes.size(), ev.toString());
        for (JsonNode w : wakes) {
            assertEquals("hello_hark", w.get("model").asText(), w.toString());
        }
        assertEquals(2, ev.stream().filter(e -> e.get("event").asText().equals("intent")).count(), ev.toString());
    }

    @Test
    void timerThenTimeQuestion() throws Exception {
        Conversation c = new Conversation(dir.resolve("audio"), "slt")
                .silence(1.0).say("hey jarvis").silence(0.4).say("set a timer for two minutes").silence(2.0)
                .say("hey jarvis").silence(0.4).say("what time is it").silence(2.0);
        Path wav = c.write("timer-and-time.wav");
        List<Conversation.Phrase> p = c.phrases();
        List<JsonNode> ev = run(config(dir.resolve("no-plugins")), wav);

        assertEquals(List.of("start", "wake", "transcript", "intent", "response",
                "wake", "transcript", "intent", "response", "end"), names(ev));
        // each wake word is reported after it was said and before the command starts
        assertTrue(t(ev.get(1)) > p.get(0).start() + 0.3 && t(ev.get(1)) < p.get(1).start() + 0.3, ev.get(1).toString());
        assertTrue(t(ev.get(5)) > p.get(2).start() + 0.3 && t(ev.get(5)) < p.get(3).start() + 0.3, ev.get(5).toString());
        // a command is understood once its end-of-speech silence (700 ms) has passed, well before the next phrase
        assertTrue(t(ev.get(2)) > p.get(1).end() && t(ev.get(2)) < p.get(1).end() + 1.5, ev.get(2).toString());
        assertTrue(t(ev.get(6)) > p.get(3).end() && t(ev.get(6)) < p.get(3).end() + 1.5, ev.get(6).toString());

        assertEquals("set a timer for two minutes", ev.get(2).get("text").asText());
        JsonNode timer = ev.get(3);
        assertEquals("setTimer", timer.get("intentName").asText());
        assertEquals("duration", timer.at("/slots/0/slotName").asText());
        assertEquals("Duration", timer.at("/slots/0/value/kind").asText());
        assertEquals(2, timer.at("/slots/0/value/minutes").asInt());
        assertEquals("timers", ev.get(4).get("skill").asText());
        assertTrue(ev.get(4).get("text").asText().contains("2 minutes"), ev.get(4).toString());

        assertEquals("what time is it", ev.get(6).get("text").asText());
        assertEquals("getTime", ev.get(7).get("intentName").asText());
        assertEquals("clock", ev.get(8).get("skill").asText());
        assertTrue(ev.get(8).get("text").asText().matches("It's \\d{1,2}:\\d\\d [AP]M\\."), ev.get(8).toString());

        // what the user heard: listening sounds and spoken answers, as files
        try (Stream<Path> heard = Files.list(dir.resolve("heard"))) {
            assertTrue(heard.count() >= 4, "two listening sounds and two answers");
        }
        // the timer was stored so that it survives a restart
        assertTrue(Files.readString(dir.resolve("state").resolve("timers.json")).contains("120"),
                "stored timer of 120 s");
    }

    @Test
    void failingSkillOutOfGrammarAndSilenceAreSurvived() throws Exception {
        Path skills = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.skill(skills, "broken.jar", "Broken", "broken", "throw new IllegalStateException(\"database gone\");",
                "explode");
        Conversation c = new Conversation(dir.resolve("audio"), "slt")
                .silence(1.0).say("hey jarvis").silence(0.4).say("explode please").silence(2.0)
                .say("hey jarvis").silence(0.4).say("what is the weather like on mars").silence(2.0)
                .say("hey jarvis").silence(5.0)
                .say("hey jarvis").silence(0.4).say("what time is it").silence(2.0);
        List<JsonNode> ev = run(config(skills), c.write("trouble.wav"));

        assertEquals(List.of("start",
                "wake", "transcript", "intent", "response",
                "wake", "transcript", "intent",
                "wake", "error",
                "wake", "transcript", "intent", "response", "end"), names(ev));
        assertEquals("explode", ev.get(3).get("intentName").asText());
        JsonNode broken = ev.get(4);
        assertEquals("broken", broken.get("skill").asText());
        assertEquals("failed", broken.get("outcome").asText());
        assertTrue(broken.get("text").asText().startsWith("Sorry"), broken.toString());
        assertTrue(ev.get(7).get("intentName").isNull(), "out-of-grammar speech yields no intent: " + ev.get(7));
        assertEquals("no speech after the wake word", ev.get(9).get("reason").asText());
        assertEquals("getTime", ev.get(12).get("intentName").asText());
        assertEquals("clock", ev.get(13).get("skill").asText());
    }
}
