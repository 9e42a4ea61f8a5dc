package dev.hark.asr.grammar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A finite-state grammar over words: numbered states, one start state, final states, and arcs that
 * carry a word or nothing (epsilon). Any arc may also carry tags (for example an intent name or a
 * slot boundary) that the recogniser reports when its best path crosses the arc. Built by
 * {@link JsgfGrammar} or by a dataset compiler; mutable while building, then read by
 * {@code SearchGraphBuilder}. Memory: one small object per arc.
 */
public final class WordGraph {
    /** One arc: {@code word} is null for an epsilon arc; {@code tags} may be empty. */
    public record Arc(int from, int to, String word, List<String> tags) {
    }

    private int stateCount;
    private int start;
    private final Set<Integer> finals = new TreeSet<>();
    private final List<Arc> arcs = new ArrayList<>();
    private final java.util.Map<String, Set<String>> origins = new java.util.HashMap<>();

    /** An empty graph with one state (the start). */
    public WordGraph() {
        start = newState();
    }

    public int newState() {
        return stateCount++;
    }

    public int start() {
        return start;
    }

    public void setStart(int state) {
        start = state;
    }

    public void addFinal(int state) {
        finals.add(state);
    }

    public Set<Integer> finals() {
        return Collections.unmodifiableSet(finals);
    }

    public int stateCount() {
        return stateCount;
    }

    /** Adds a word arc (or an epsilon arc when {@code word} is null). */
    public void addArc(int from, int to, String word, List<String> tags) {
        if (from < 0 || from >= stateCount || to < 0 || to >= stateCount) {
            throw new IllegalArgumentException("no such state");
        }
        arcs.add(new Arc(from, to, word, List.copyOf(tags)));
    }

    public void addArc(int from, int to, String word) {
        addArc(from, to, word, List.of());
    }

    public List<Arc> arcs() {
        return Collections.unmodifiableList(arcs);
    }

    /** Records where a word comes from (e.g. "intent setTimer"), for error messages. */
    public void addOrigin(String word, String origin) {
        origins.computeIfAbsent(word, k -> new TreeSet<>()).add(origin);
    }

    /** Where {@code word} comes from, as recorded by the builder (empty when unknown). */
    public Set<String> origins(String word) {
        return origins.getOrDefault(word, Set.of());
    }

    /** The distinct words on the arcs. */
    public Set<String> vocabulary() {
        Set<String> words = new TreeSet<>();
        for (Arc a : arcs) {
            if (a.word() != null) words.add(a.word());
        }
        return words;
    }
}
