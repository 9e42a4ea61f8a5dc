package dev.hark.nlu.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.nlu.SlotValue;
import dev.hark.nlu.dataset.Chunk;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetLoader;
import dev.hark.nlu.dataset.Utterance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NluEvaluationTest {
    private static final String LIGHTS = """
            [turnOn]
            (turn | switch) on the $room:room (light | lights | lamp)
            [please] light up the $room:room
            [turnOff]
            (turn | switch) off the $room:room (light | lights | lamp)
            [please] (darken | kill the lights in) the $room:room
            [$room]
            kitchen
            bedroom
            living room
            hall
            """;

    @Test
    void crossValidationTestsEverySentenceOnceWithFoldsStratifiedByIntent() throws Exception {
        Dataset d = DatasetLoader.fromTemplates(LIGHTS, "lights.txt");
        int sentences = NluEvaluation.sentences(d, new java.util.Random(1)).size();
        EvaluationReport r = NluEvaluation.builder().dataset(d).folds(4).seed(3).build().run();
        assertEquals(sentences, r.sentences());
        assertEquals(4, r.trainingSentences().size());
        for (int n : r.trainingSentences()) {
            // each model trains on three folds: about three quarters of the sentences
            assertTrue(Math.abs(n - sentences * 3 / 4.0) <= 2, n + " of " + sentences);
        }
        assertTrue(r.intentAccuracy() > 0.95, r.toJson().toString());
        assertTrue(r.slots().f1() > 0.95, r.toJson().toString());
        assertTrue(r.modelBytes() > 0);
        // same seed, same folds, same figures
        EvaluationReport again = NluEvaluation.builder().dataset(d).folds(4).seed(3).build().run();
        assertEquals(r.slots(), again.slots());
        assertEquals(r.intentAccuracy(), again.intentAccuracy());

        assertThrows(IllegalArgumentException.class, () -> NluEvaluation.builder().folds(1));
        Dataset tiny = DatasetLoader.fromJson("{\"a\": [{\"data\": [{\"text\": \"hello\"}]}]}", "t.json");
        assertThrows(IllegalArgumentException.class, () -> NluEvaluation.builder().dataset(tiny).folds(2).build().run());
    }

    @Test
    void slotsAreScoredOnSentencesWithTheRightIntentByNameAndExactSpan() {
        LabelledSentence gold = new LabelledSentence("PlayMusic", new Utterance(List.of(Chunk.text("play "),
                Chunk.slot("fiesta hits con lali ", "playlist", "playlist"), Chunk.text("now"))));
        assertEquals(List.of(new LabelledSentence.GoldSlot("playlist", 5, 25)), gold.slots());
        EvaluationReport r = new EvaluationReport("test", 2);
        // right intent, span one word short: one missed, one spurious
        r.add(gold, new ParseResult(gold.text(), "PlayMusic", 0.9,
                List.of(slot(5, 16, "fiesta hits", "playlist"))), 1000);
        // wrong intent: a confusion, its slots not scored
        r.add(gold, new ParseResult(gold.text(), "AddToPlaylist", 0.6, List.of(slot(5, 25, "fiesta hits con lali", "playlist"))), 3000);
        // right intent and exact span
        r.add(gold, new ParseResult(gold.text(), "PlayMusic", 0.9, List.of(slot(5, 25, "fiesta hits con lali", "playlist"))), 2000);
        assertEquals(3, r.sentences());
        assertEquals(2 / 3.0, r.intentAccuracy(), 1e-9);
        assertEquals(1, r.exactParses());
        assertEquals(new EvaluationReport.SlotScore(null, null, 2, 2, 1), r.slots());
        assertEquals(List.of(new EvaluationReport.SlotScore("PlayMusic", "playlist", 2, 2, 1)), r.perSlot());
        EvaluationReport.Confusion c = r.confusions().get(0);
        assertEquals("PlayMusic", c.expected());
        assertEquals("AddToPlaylist", c.predicted());
        assertEquals(1, c.count());
        EvaluationReport.SlotErrors e = r.errorsOf("PlayMusic", "playlist");
        assertEquals(List.of("play fiesta hits con lali now : \"fiesta hits con lali\" -> \"fiesta hits\""), e.missed());
        assertEquals(List.of("play fiesta hits con lali now : \"fiesta hits\""), e.spurious());
        assertEquals(2.0, r.parseMicrosMedian(), 1e-9);
        Map<String, Object> json = r.toJson();
        assertEquals(0.6667, json.get("intent_accuracy"));
        assertEquals(0.5, ((Map<?, ?>) json.get("slots")).get("f1"));
    }

    private static Slot slot(int start, int end, String raw, String name) {
        return new Slot(start, end, raw, new SlotValue.Custom(raw), name, name);
    }
}
