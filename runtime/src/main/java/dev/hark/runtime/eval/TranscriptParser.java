package dev.hark.runtime.eval;

import dev.hark.asr.grammar.DatasetGrammarCompiler;
import dev.hark.asr.grammar.SemanticParse;
import dev.hark.asr.grammar.WordGraph;
import dev.hark.nlu.EntityResolver;
import dev.hark.nlu.Slot;
import dev.hark.nlu.SlotValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads another recogniser's transcript the way Hark reads its own best path: the sentence is
 * followed through the assistant's grammar (its tags give intent and slot words) and the slot
 * words are resolved with the same {@link EntityResolver}. A transcript the grammar does not hold
 * has no intent. Cost: one walk over the minimized grammar per transcript (microseconds).
 */
public final class TranscriptParser {
    private final WordGraph grammar;
    private final EntityResolver resolver;

    /** @param minimizedGrammar the assistant's grammar, minimized (see {@code WordGraphMinimizer}) */
    public TranscriptParser(WordGraph minimizedGrammar, EntityResolver resolver) {
        this.grammar = minimizedGrammar;
        this.resolver = resolver;
    }

    public Hypothesis parse(String transcript) {
        List<String> words = DatasetGrammarCompiler.tokenize(transcript);
        String text = String.join(" ", words);
        SemanticParse p = words.isEmpty() ? null : SemanticParse.ofSentence(grammar, words);
        if (p == null || p.intent() == null) return new Hypothesis(text, null, List.of());
        List<Slot> slots = new ArrayList<>();
        for (SemanticParse.Slot s : p.slots()) {
            int start = 0;
            for (int i = 0; i < s.firstWord(); i++) start += words.get(i).length() + 1;
            int end = start + s.rawValue().length();
            SlotValue v = resolver.resolve(s.entity(), s.rawValue());
            slots.add(new Slot(start, end, s.rawValue(), v != null ? v : new SlotValue.Custom(s.rawValue()), s.entity(), s.name()));
        }
        return new Hypothesis(text, p.intent(), slots);
    }
}
