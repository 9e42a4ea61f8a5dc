package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NluCommandTest {
    private static final String DATASET = """
            [setTimer]
            (set | start) a timer for $snips/duration:duration
            timer for $snips/duration:duration
            [turnOn]
            turn on the $room lights
            switch the $room lights on
            [$room]
            kitchen
            living room = lounge
            """;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = HarkCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void trainsThenParsesToSnipsJson(@TempDir Path dir) throws Exception {
        Path dataset = dir.resolve("assistant.txt");
        Files.writeString(dataset, DATASET);
        Path model = dir.resolve("model");
        Run train = run("nlu", "train", "--dataset", dataset.toString(), "--out", model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(Files.exists(model.resolve("nlu-model.bin")));

        Run parse = run("nlu", "parse", "--model", model.toString(), "--json",
                "start a timer for five minutes", "switch the lounge lights on", "the weather was lovely on our holiday");
        assertEquals(0, parse.code(), parse.err());
        String[] lines = parse.out().strip().split("\n");
        assertEquals(3, lines.length);
        ObjectMapper m = new ObjectMapper();
        JsonNode timer = m.readTree(lines[0]);
        assertEquals("setTimer", timer.at("/intent/intentName").asText());
        assertEquals("five minutes", timer.at("/slots/0/rawValue").asText());
        assertEquals(18, timer.at("/slots/0/range/start").asInt());
        assertEquals("Duration", timer.at("/slots/0/value/kind").asText());
        assertEquals(5, timer.at("/slots/0/value/minutes").asInt());
        JsonNode lights = m.readTree(lines[1]);
        assertEquals("turnOn", lights.at("/intent/intentName").asText());
        assertEquals("living room", lights.at("/slots/0/value/value").asText());
        assertTrue(m.readTree(lines[2]).at("/intent/intentName").isNull());

        Path sentences = dir.resolve("sentences.txt");
        Files.writeString(sentences, "timer for ten seconds\n\nturn on the kitchen lights\n");
        Run fromFile = run("nlu", "parse", "--model", model.toString(), "--file", sentences.toString());
        assertEquals(0, fromFile.code(), fromFile.err());
        String[] human = fromFile.out().strip().split("\n");
        assertEquals(2, human.length);
        assertTrue(human[0].startsWith("timer for ten seconds -> setTimer"), human[0]);
        assertTrue(human[1].contains("room=\"kitchen\""), human[1]);
    }

    @Test
    void badDatasetsAreUsageErrorsWithOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"language\": \"en\",\n \"intents\": {\"a\": }");
        Run r = run("nlu", "parse", "--dataset", bad.toString(), "hello");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("hark: " + bad + ":2:"), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());

        Path undefined = dir.resolve("u.txt");
        Files.writeString(undefined, "[a]\nturn on $room\n");
        Run u = run("nlu", "train", "--dataset", undefined.toString(), "--out", dir.resolve("m").toString());
        assertEquals(2, u.code());
        assertEquals("hark: " + undefined + ":2: entity \"room\" is not defined", u.err().strip());

        Run missingModel = run("nlu", "parse", "--model", dir.resolve("none").toString(), "x");
        assertEquals(1, missingModel.code());
        assertTrue(missingModel.err().startsWith("hark: "), missingModel.err());
    }

    @Test
    void evaluateCrossValidatesOrTestsOnAnotherDataset(@TempDir Path dir) throws Exception {
        Path dataset = dir.resolve("assistant.txt");
        Files.writeString(dataset, DATASET);
        Run cv = run("nlu", "evaluate", "--dataset", dataset.toString(), "--folds", "2", "--json");
        assertEquals(0, cv.code(), cv.err());
        String[] lines = cv.out().strip().split("\n");
        assertEquals(1, lines.length, cv.out());
        JsonNode r = new ObjectMapper().readTree(lines[0]);
        assertEquals("cross-validation, 2 folds", r.get("mode").asText());
        assertTrue(r.get("sentences").asInt() > 20, lines[0]);
        assertTrue(r.get("intent_accuracy").asDouble() > 0.9, lines[0]);
        assertTrue(r.at("/slots/f1").asDouble() > 0.9, lines[0]);
        assertEquals(2, r.at("/training/models").asInt());
        assertTrue(r.get("model_bytes").asLong() > 0);
        assertTrue(r.get("per_slot").size() >= 2, lines[0]);

        // the benchmark's per-intent form as the held-out set
        Path test = dir.resolve("test.json");
        Files.writeString(test, """
                {"turnOn": [{"data": [{"text": "turn on the "}, {"text": "kitchen", "entity": "room"}, {"text": " lights"}]}]}
                """);
        Run tt = run("nlu", "evaluate", "--dataset", dataset.toString(), "--test", test.toString());
        assertEquals(0, tt.code(), tt.err());
        assertTrue(tt.out().startsWith("train/test: 1 sentences"), tt.out());
        assertTrue(tt.out().contains("intent accuracy 1.0000"), tt.out());

        Run both = run("nlu", "evaluate", "--dataset", dataset.toString(), "--folds", "2", "--test", test.toString());
        assertEquals(2, both.code());
        assertEquals("hark: nlu evaluate: give --folds K or --test F, not both", both.err().strip());
        Run one = run("nlu", "evaluate", "--dataset", dataset.toString(), "--folds", "1");
        assertEquals(2, one.code());
        assertEquals(1, one.err().strip().split("\n").length, one.err());
        Run missing = run("nlu", "evaluate", "--dataset", dir.resolve("nope.json").toString());
        assertEquals(2, missing.code());
        assertEquals("hark: " + dir.resolve("nope.json") + ": no such file or directory", missing.err().strip());
    }
}
