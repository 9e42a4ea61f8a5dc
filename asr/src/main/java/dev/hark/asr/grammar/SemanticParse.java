package dev.hark.asr.grammar;

import dev.hark.asr.search.RecognitionResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The intent and slot spans read off a path of a grammar made by {@link DatasetGrammarCompiler}:
 * the {@code intent=} tag names the intent, and the words between a {@code slot=NAME|ENTITY} tag and
 * the following {@code /slot} tag are that slot's raw value. The path is the recogniser's best one
 * ({@link #of(RecognitionResult)}) or the one a given sentence takes through the grammar
 * ({@link #ofSentence(WordGraph, List)}, used to read another recogniser's transcript).
 */
public record SemanticParse(String intent, List<Slot> slots) {
    /** A slot's name, entity and the recognised words (raw value) with their word range. */
    public record Slot(String name, String entity, String rawValue, int firstWord, int endWord) {
    }

    /** Reads the parse from a result; {@code intent} is null when the path has no intent tag. */
    public static SemanticParse of(RecognitionResult result) {
        List<RecognitionResult.TaggedWord> path = result.path();
        List<List<String>> tagsBefore = new ArrayList<>(path.size() + 1);
        int before = 0;
        for (RecognitionResult.TaggedWord w : path) {
            tagsBefore.add(w.tagsBefore());
            before += w.tagsBefore().size();
        }
        List<String> tags = result.tags();
        tagsBefore.add(tags.subList(Math.min(before, tags.size()), tags.size()));
        return read(result.words(), tagsBefore);
    }

    /**
     * The parse of {@code words} as a sentence of {@code grammar} (the first path found, breadth
     * first), or null when the grammar does not accept it. Cost: at most one visit per state and
     * word position; use a minimized graph ({@link WordGraphMinimizer}) for large grammars.
     */
    public static SemanticParse ofSentence(WordGraph grammar, List<String> words) {
        int n = words.size(), states = grammar.stateCount();
        List<List<WordGraph.Arc>> out = new ArrayList<>(states);
        for (int i = 0; i < states; i++) out.add(new ArrayList<>());
        for (WordGraph.Arc a : grammar.arcs()) out.get(a.from()).add(a);
        // node = state * (n + 1) + words consumed; back[node] = the arc that reached it first
        WordGraph.Arc[] back = new WordGraph.Arc[states * (n + 1)];
        boolean[] seen = new boolean[back.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int startNode = grammar.start() * (n + 1);
        seen[startNode] = true;
        queue.add(startNode);
        int end = -1;
        while (!queue.isEmpty() && end < 0) {
            int node = queue.poll();
            int state = node / (n + 1), pos = node % (n + 1);
            if (pos == n && grammar.finals().contains(state)) {
                end = node;
                break;
            }
            for (WordGraph.Arc a : out.get(state)) {
                int next;
                if (a.word() == null) next = a.to() * (n + 1) + pos;
                else if (pos < n && a.word().equals(words.get(pos))) next = a.to() * (n + 1) + pos + 1;
                else continue;
                if (!seen[next]) {
                    seen[next] = true;
                    back[next] = a;
                    queue.add(next);
                }
            }
        }
        if (end < 0) return null;
        List<WordGraph.Arc> arcs = new ArrayList<>();
        for (int node = end; node != startNode; ) {
            WordGraph.Arc a = back[node];
            arcs.add(a);
            node = a.from() * (n + 1) + node % (n + 1) - (a.word() == null ? 0 : 1);
        }
        List<List<String>> tagsBefore = new ArrayList<>(n + 1);
        List<String> pending = new ArrayList<>();
        for (int i = arcs.size() - 1; i >= 0; i--) {
            WordGraph.Arc a = arcs.get(i);
            pending.addAll(a.tags());
            if (a.word() != null) {
                tagsBefore.add(pending);
                pending = new ArrayList<>();
            }
        }
        tagsBefore.add(pending);
        return read(words, tagsBefore);
    }

    /** {@code tagsBefore} holds the tags met before each word, then those after the last word. */
    private static SemanticParse read(List<String> words, List<List<String>> tagsBefore) {
        String intent = null;
        List<Slot> slots = new ArrayList<>();
        String openName = null, openEntity = null;
        int openAt = 0;
        for (int i = 0; i < tagsBefore.size(); i++) {
            for (String tag : tagsBefore.get(i)) {
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
}
