package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SkillsCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int hark(String... args) {
        CommandLine cl = HarkCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void listPrintsOneJsonObjectPerBuiltInSkill() throws Exception {
        assertEquals(0, hark("skills", "list", "--json", "--folder", dir.resolve("none").toString()));
        List<String> lines = out.toString().lines().toList();
        assertEquals(4, lines.size(), out.toString());
        JsonNode timers = new ObjectMapper().readTree(lines.get(1));
        assertEquals("timers", timers.get("skill").asText());
        assertEquals("setTimer", timers.get("intents").get(0).asText());
    }

    @Test
    void callResolvesSlotWordsAndTheStateOutlivesTheProcess() throws Exception {
        String state = dir.resolve("state").toString();
        assertEquals(0, hark("skills", "call", "setTimer", "--slot", "duration=two minutes", "--state", state), err.toString());
        assertEquals("Timer set for 2 minutes.", out.toString().strip());
        out.getBuffer().setLength(0);
        assertEquals(0, hark("skills", "call", "listTimers", "--state", state, "--json"));
        JsonNode r = new ObjectMapper().readTree(out.toString());
        assertEquals("handled", r.get("outcome").asText());
        assertTrue(r.get("text").asText().startsWith("You have one: the timer for 2 minutes with "), r.toString());
        assertTrue(Files.readString(dir.resolve("state/timers.json")).contains("timer.1"));
    }

    @Test
    void sayUnderstandsATypedSentenceAndHandsItToTheSkill() throws Exception {
        String state = dir.resolve("state").toString();
        assertEquals(0, hark("skills", "say", "--state", state, "set", "a", "timer", "for", "ten", "seconds"), err.toString());
        assertEquals("Timer set for 10 seconds.", out.toString().strip());
        out.getBuffer().setLength(0);
        assertEquals(0, hark("skills", "say", "--state", state, "--json", "cancel the timer"));
        JsonNode r = new ObjectMapper().readTree(out.toString());
        assertEquals("cancelTimer", r.get("intent").get("intentName").asText());
        assertEquals("Cancelled the timer for 10 seconds.", r.get("text").asText());
        out.getBuffer().setLength(0);
        assertEquals(0, hark("skills", "say", "--state", state, "purple elephants dance"));
        assertEquals(SkillsCommand.NOT_UNDERSTOOD, out.toString().strip());
    }

    @Test
    void theAnswerIsSpokenIntoAWavFolderWhenAsked() throws Exception {
        Path wavs = dir.resolve("wavs");
        assertEquals(0, hark("skills", "say", "--state", dir.resolve("state").toString(), "--wav-out", wavs.toString(), "what time is it"));
        try (var files = Files.list(wavs)) {
            assertEquals(List.of("0001-say.wav"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(dev.hark.audio.WavReader.read(wavs.resolve("0001-say.wav")).seconds() > 0.5, "real speech");
    }

    @Test
    void mistakesAreOneLineAndExitTwo() {
        assertEquals(2, hark("skills", "call", "setTimer", "--slot", "length=two minutes", "--state", dir.toString()));
        assertEquals("hark: --slot length: intent 'setTimer' has no such slot (slots: duration)", err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(2, hark("skills", "call", "setTimer", "--slot", "duration=purple", "--state", dir.toString()));
        assertEquals("hark: --slot duration=purple: not a value of snips/duration", err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(2, hark("skills", "call", "flyAway", "--state", dir.toString()));
        assertTrue(err.toString().startsWith("hark: no running skill declares intent 'flyAway' (intents: getTime,"), err.toString());
    }
}
