package dev.hark.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.nlu.EntityResolver;
import dev.hark.nlu.Slot;
import dev.hark.nlu.SlotValue;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetLoader;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact intent and slot values; synonyms resolve to their value; missing, extra and wrong slots are errors. */
class CommandJudgeTest {
    static final Dataset DATASET = load();
    static final CommandJudge JUDGE = new CommandJudge(new EntityResolver(DATASET, Clock.systemUTC()));

    static Dataset load() {
        try {
            return DatasetLoader.fromTemplates("""
                    [order]
                    (a | an) [$size] $drink [with $milk]
                    [$size automatically_extensible=false]
                    large = big
                    small
                    [$drink automatically_extensible=false]
                    latte
                    mocha
                    [$milk automatically_extensible=false]
                    soy milk
                    """, "judge");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Slot slot(String name, String raw, String value) {
        return new Slot(0, raw.length(), raw, new SlotValue.Custom(value), name, name);
    }

    static CommandLabels.Expected label(String intent, Map<String, String> slots) {
        return new CommandLabels.Expected(intent, slots);
    }

    @Test
    void exactIntentAndSlotsAreRight() {
        Hypothesis h = new Hypothesis("a big latte with soy milk", "order",
                List.of(slot("size", "big", "large"), slot("drink", "latte", "latte"), slot("milk", "soy milk", "soy milk")));
        Verdict v = JUDGE.judge(label("order", Map.of("size", "large", "drink", "latte", "milk", "soy milk")), h);
        assertTrue(v.right(), v.toString());
        assertEquals(Verdict.Outcome.ACCEPTED, v.outcome());
        // the label may name the synonym that was said, too
        assertTrue(JUDGE.judge(label("order", Map.of("size", "big", "drink", "latte", "milk", "soy milk")), h).right());
    }

    @Test
    void aWrongMissingOrExtraSlotIsAnError() {
        Hypothesis h = new Hypothesis("a mocha", "order", List.of(slot("drink", "mocha", "mocha")));
        Verdict wrong = JUDGE.judge(label("order", Map.of("drink", "latte")), h);
        assertFalse(wrong.right());
        assertEquals(List.of(new Verdict.SlotError("drink", "latte", "mocha")), wrong.errors());
        Verdict missing = JUDGE.judge(label("order", Map.of("drink", "mocha", "size", "small")), h);
        assertEquals(List.of(new Verdict.SlotError("size", "small", null)), missing.errors());
        Verdict extra = JUDGE.judge(label("order", Map.of()), h);
        assertEquals(List.of(new Verdict.SlotError("drink", null, "mocha")), extra.errors());
        Verdict intent = JUDGE.judge(label("cancel", Map.of("drink", "mocha")), h);
        assertEquals(List.of(new Verdict.SlotError("intent", "cancel", "order")), intent.errors());
    }

    @Test
    void rejectionsAndEmptyTranscriptsAreWrongForCommandsAndRightOtherwise() {
        Hypothesis rejected = new Hypothesis("a mocha", null, List.of());
        Hypothesis empty = new Hypothesis("", null, List.of());
        Verdict v = JUDGE.judge(label("order", Map.of("drink", "mocha")), rejected);
        assertEquals(Verdict.Outcome.REJECTED, v.outcome());
        assertFalse(v.right());
        assertEquals(Verdict.Outcome.EMPTY, JUDGE.judge(label("order", Map.of()), empty).outcome());
        assertTrue(JUDGE.judge(label(null, Map.of()), rejected).right());
        assertTrue(JUDGE.judge(label(null, Map.of()), empty).right());
        assertFalse(JUDGE.judge(label(null, Map.of()), new Hypothesis("a mocha", "order", List.of(slot("drink", "mocha", "mocha")))).right());
    }

    @Test
    void wordConfusionsComeFromAligningWrongSlotValues() {
        Confusions c = new Confusions();
        Hypothesis h = new Hypothesis("a latte with soy milk", "order", List.of(slot("drink", "latte", "latte"), slot("milk", "soy milk", "soy milk")));
        c.add("f1.wav", JUDGE.judge(label("order", Map.of("drink", "mocha", "milk", "soy milk", "size", "small")), h));
        c.add("f2.wav", JUDGE.judge(label("order", Map.of("drink", "mocha", "milk", "soy milk")), h));
        Confusions.Confusion top = c.topSlots(1).get(0);
        assertEquals(new Confusions.Confusion("drink", "mocha", "latte", 2, List.of("f1.wav", "f2.wav")), top);
        assertEquals(List.of(new Confusions.Confusion("word", "mocha", "latte", 2, List.of("f1.wav", "f2.wav"))), c.topWords(5));
        assertEquals(2, c.topSlots(5).size(), "the missing size is a slot confusion, not a word one");
    }
}
