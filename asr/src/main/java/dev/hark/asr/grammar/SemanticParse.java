package dev.hark.asr.grammar;

import dev.hark.asr.search.RecognitionResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The intent and slot spans read off a recognised path of a grammar made by
 * {@link DatasetGrammarCompiler}: the {@code intent=} tag names the intent, and the words between
 * a {@code slot=NAME|ENTITY} tag and the following {@code /slot} tag are that slot's raw value.
 */
public record SemanticParse(String intent, List<Slot> slots) {
    /** A slot's name, entity and the recognised words (raw value) with their word range. */
    public record Slot(String name, String entity, String rawValue, int firstWord, int endWord) {
    }

    /** Reads the parse from a result; {@code intent} is null when the path has no intent tag. */
    public static SemanticParse of(RecognitionResult result) {
        String intent = null;
        List<Slot> slots = new ArrayList<>();
        String openName = null, openEntity = null;
        int openAt = 0;
        List<String> words = result.words();
        List<RecognitionResult.TaggedWord> path = result.path();
        for (int i = 0; i <= path.size(); i++) {
            List<String> tags = i < path.size() ? path.get(i).tagsBefore() : finalTags(result);
            for (String tag : tags) {
                if (tag.startsWith(DatasetGrammarCompiler.INTENT)) {
                    intent = tag.substring(DatasetGrammarCompiler.INTENT.length());
                } else if (tag.startsWith(DatasetGrammarCompiler.SLOT)) {
                    String[] ne = tag.substring(DatasetGrammarCompiler.SLOT.length()).split("\\|", 2);
                    openName = ne[0];
                    openEntity = ne.length > 1 ? ne[1] : ne[0];
                    openAt = i;
                } else if (tag.equals(DatasetGrammarCompiler.SLOT_END) && openName != null) {
                    slots.add(new Slot(openName, openEntity, String.join(" ", words.subList(openAt, i)), openAt, i));
                    openName = null;
                }
            }
        }
        return new SemanticParse(intent, List.copyOf(slots));
    }

    private static List<String> finalTags(RecognitionResult r) {
        int before = 0;
        for (RecognitionResult.TaggedWord w : r.path()) before += w.tagsBefore().size();
        return r.tags().subList(Math.min(before, r.tags().size()), r.tags().size());
    }
}
