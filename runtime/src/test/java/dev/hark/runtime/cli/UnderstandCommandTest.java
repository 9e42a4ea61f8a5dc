package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code hark understand} end to end: dataset -> grammar -> recognition of flite speech -> JSON. */
class UnderstandCommandTest {
    static Path dir;
    static Path dataset;

    @BeforeAll
    static void fixtures() throws Exception {
        dir = Path.of("target", "understand-test");
        Files.createDirectories(dir);
        dataset = dir.resolve("lights.txt");
        Files.writeString(dataset, """
                [turnOn]
                turn on the $room lights
                [setTimer]
                set a timer for $snips/duration:duration
                [$room automatically_extensible=false]
                living room = lounge
                kitchen
                """);
        flite("set a timer for five minutes", "timer.wav");
        flite("what is the weather on mars", "mars.wav");
    }

    static void flite(String text, String name) throws Exception {
        Path wav = dir.resolve(name);
        if (Files.exists(wav)) return;
        Process p = new ProcessBuilder("flite", "-voice", "slt", "-t", text, "-o", wav.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = HarkCli.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void recognisesIntentAndResolvesSlotsAndRejectsOutOfDomain() throws Exception {
        Run r = run("understand", "--assistant", dataset.toString(), "--json",
                dir.resolve("timer.wav").toString(), dir.resolve("mars.wav").toString());
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().trim().split("\n");
        assertEquals(2, lines.length, r.out());
        ObjectMapper m = new ObjectMapper();
        JsonNode timer = m.readTree(lines[0]);
        assertEquals("set a timer for five minutes", timer.get("transcript").asText());
        assertEquals("setTimer", timer.get("intent").get("intentName").asText());
        JsonNode slot = timer.get("slots").get(0);
        assertEquals("duration", slot.get("slotName").asText());
        assertEquals("five minutes", slot.get("rawValue").asText());
        assertEquals(16, slot.get("range").get("start").asInt());
        assertEquals(5, slot.get("value").get("minutes").asInt());
        assertTrue(timer.get("timings_ms").get("asr").asDouble() > 0);
        JsonNode mars = m.readTree(lines[1]);
        assertTrue(mars.get("intent").get("intentName").isNull(), lines[1]);
        assertEquals(0, mars.get("slots").size());
    }

    @Test
    void missingRecordingIsOneClearLine() {
        Run r = run("understand", "--assistant", dataset.toString(), dir.resolve("nope.wav").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("hark: ") && r.err().contains("nope.wav") && r.err().trim().split("\n").length == 1, r.err());
    }

    @Test
    void missingModelDirectoryIsNamed() {
        Run r = run("understand", "--assistant", dataset.toString(), "--model", "/nonexistent/model",
                dir.resolve("timer.wav").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("/nonexistent/model"), r.err());
    }

    @Test
    void pronunciationsFileBesideTheAssistantReplacesLetterToSound() throws Exception {
        Path assistant = Files.createDirectories(dir.resolve("named-assistant"));
        Files.deleteIfExists(assistant.resolve("pronunciations.dict")); // left by an earlier run in target/
        Files.writeString(assistant.resolve("greet.txt"), "[greet]\nhello zorblatt\n");
        flite("hello zorblatt", "zorblatt.wav");
        Run guessed = run("understand", "--assistant", assistant.toString(), dir.resolve("zorblatt.wav").toString());
        assertEquals(0, guessed.exit(), guessed.err());
        assertTrue(guessed.err().contains("pronounced by letter-to-sound: zorblatt"), guessed.err());

        Files.writeString(assistant.resolve("pronunciations.dict"), "zorblatt Z AO R B L AE T\n");
        Run given = run("understand", "--assistant", assistant.toString(), "--json", dir.resolve("zorblatt.wav").toString());
        assertEquals(0, given.exit(), given.err());
        assertEquals("", given.err(), "the author's pronunciation is used, nothing is guessed");
        assertEquals("greet", new ObjectMapper().readTree(given.out()).at("/intent/intentName").asText());

        Files.writeString(assistant.resolve("pronunciations.dict"), "zorblatt Z QQ T\n");
        Run bad = run("understand", "--assistant", assistant.toString(), dir.resolve("zorblatt.wav").toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("zorblatt") && bad.err().contains("QQ"), bad.err());
    }
}
