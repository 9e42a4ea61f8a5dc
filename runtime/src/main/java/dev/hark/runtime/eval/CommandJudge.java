package dev.hark.runtime.eval;

import dev.hark.asr.grammar.DatasetGrammarCompiler;
import dev.hark.nlu.EntityResolver;
import dev.hark.nlu.Slot;
import dev.hark.nlu.SlotValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decides whether a recording was understood: the intent and every slot value exactly as labelled,
 * no slot missing and none extra. A slot value is right when the label's words are the words heard
 * in the slot, or when the label, resolved through the slot's entity, is the value Hark resolved
 * (a synonym label then matches its canonical value, "twenty one" matches "21"). Words compare
 * lower-cased, split as the grammar splits them. A recording labelled as not a command is right
 * when nothing is accepted. Stateless apart from the resolver; microseconds per recording.
 */
public final class CommandJudge {
    private final EntityResolver resolver;

    public CommandJudge(EntityResolver resolver) {
        this.resolver = resolver;
    }

    /** The verdict on {@code heard} against {@code expected}. */
    public Verdict judge(CommandLabels.Expected expected, Hypothesis heard) {
        Verdict.Outcome outcome = heard.empty() ? Verdict.Outcome.EMPTY
                : heard.intent() == null ? Verdict.Outcome.REJECTED : Verdict.Outcome.ACCEPTED;
        List<Verdict.SlotError> errors = new ArrayList<>();
        if (!expected.isCommand()) {
            if (outcome == Verdict.Outcome.ACCEPTED) errors.add(new Verdict.SlotError("intent", null, heard.intent()));
            return new Verdict(errors.isEmpty(), outcome, errors);
        }
        Map<String, Slot> byName = new HashMap<>();
        if (outcome == Verdict.Outcome.ACCEPTED) {
            if (!expected.intent().equals(heard.intent())) {
                errors.add(new Verdict.SlotError("intent", expected.intent(), heard.intent()));
            }
            for (Slot s : heard.slots()) byName.putIfAbsent(s.slotName(), s);
        }
        TreeSet<String> names = new TreeSet<>(expected.slots().keySet());
        names.addAll(byName.keySet());
        for (String name : names) {
            String want = expected.slots().get(name);
            Slot got = byName.get(name);
            if (got == null) {
                errors.add(new Verdict.SlotError(name, want, null));
            } else if (want == null) {
                errors.add(new Verdict.SlotError(name, null, got.rawValue()));
            } else if (!same(want, got)) {
                errors.add(new Verdict.SlotError(name, want, got.rawValue()));
            }
        }
        return new Verdict(outcome == Verdict.Outcome.ACCEPTED && errors.isEmpty(), outcome, errors);
    }

    private boolean same(String label, Slot heard) {
        if (words(label).equals(words(heard.rawValue()))) return true;
        SlotValue value = resolver.resolve(heard.entity(), label);
        return value != null && value.equals(heard.value());
    }

    private static String words(String text) {
        return String.join(" ", DatasetGrammarCompiler.tokenize(text));
    }
}
