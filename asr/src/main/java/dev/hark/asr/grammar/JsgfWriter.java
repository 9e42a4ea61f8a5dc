package dev.hark.asr.grammar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the word language of a finite {@link WordGraph} as a JSGF grammar that pocketsphinx reads
 * (one public rule, groups, alternatives and optional items; tags are dropped). Used to give
 * {@code pocketsphinx_batch} the same grammar as Hark when the two are compared.
 *
 * <p>Sphinx expands every rule reference inline when it turns JSGF into a finite-state grammar, so
 * one rule per state would unfold into the tree of all sentence prefixes. Instead the graph is
 * minimized without its tags and written as one nested expression factored at post-dominators: from
 * a state, the words to each next state, then the part up to the state that every path from here
 * passes through (its immediate post-dominator), then onwards from there. A grammar made of optional
 * slots and alternatives comes out the way a person would write it by hand, e.g.
 * {@code (can i get | i want) [a | an] [small | large] (latte | mocha) [with (milk | cream)]}.
 * Cost: linear in the size of the written expression, which is refused beyond {@link #MAX_CHARS}.
 */
public final class JsgfWriter {
    /** Longest expression written, so that a grammar that does not factor well fails fast. */
    public static final int MAX_CHARS = 10_000_000;

    private final WordGraph g;
    private final List<List<WordGraph.Arc>> out;
    private final int sink;
    private int[] ipdom;
    private final Map<Long, String> memo = new HashMap<>();

    private JsgfWriter(WordGraph minimized) {
        this.g = minimized;
        this.sink = minimized.finals().iterator().next();
        this.out = new ArrayList<>(minimized.stateCount());
        for (int i = 0; i < minimized.stateCount(); i++) out.add(new ArrayList<>());
        for (WordGraph.Arc a : minimized.arcs()) out.get(a.from()).add(a);
    }

    /**
     * The JSGF text of {@code grammar}'s word sequences under grammar name {@code name} (one public
     * rule {@code <name>}). Fails for a grammar with loops (JSGF {@code *}/{@code +}), one that accepts
     * nothing, or one whose expression would exceed {@link #MAX_CHARS}.
     */
    public static String write(WordGraph grammar, String name) throws GrammarException {
        WordGraph words = new WordGraph();
        while (words.stateCount() < grammar.stateCount()) words.newState();
        words.setStart(grammar.start());
        for (int f : grammar.finals()) words.addFinal(f);
        for (WordGraph.Arc a : grammar.arcs()) words.addArc(a.from(), a.to(), a.word());
        JsgfWriter w = new JsgfWriter(WordGraphMinimizer.minimize(words));
        String body = w.expression();
        return "#JSGF V1.0;\ngrammar " + name + ";\npublic <" + name + "> = " + body + ";\n";
    }

    private String expression() throws GrammarException {
        ipdom = postDominators();
        String e = chain(g.start(), sink);
        return e.isEmpty() ? "<NULL>" : e;
    }

    /** Immediate post-dominator of every state (the sink is its own), via reverse topological order. */
    private int[] postDominators() throws GrammarException {
        int n = g.stateCount();
        int[] indegree = new int[n];
        for (WordGraph.Arc a : g.arcs()) indegree[a.to()]++;
        int[] order = new int[n];
        int count = 0;
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int s = 0; s < n; s++) if (indegree[s] == 0) ready.add(s);
        while (!ready.isEmpty()) {
            int s = ready.poll();
            order[count++] = s;
            for (WordGraph.Arc a : out.get(s)) if (--indegree[a.to()] == 0) ready.add(a.to());
        }
        if (count < n) {
            throw new GrammarException("the grammar has loops; only finite grammars can be written as JSGF here");
        }
        int[] dom = new int[n];
        int[] depth = new int[n];
        Arrays.fill(dom, -1);
        for (int k = n - 1; k >= 0; k--) {
            int s = order[k];
            if (s == sink) {
                dom[s] = s;
                continue;
            }
            int d = -1;
            for (WordGraph.Arc a : out.get(s)) d = d < 0 ? a.to() : meet(d, a.to(), dom, depth);
            dom[s] = d;
            depth[s] = depth[d] + 1;
        }
        return dom;
    }

    private static int meet(int a, int b, int[] dom, int[] depth) {
        while (a != b) {
            if (depth[a] >= depth[b]) a = dom[a];
            else b = dom[b];
        }
        return a;
    }

    /** All word sequences from {@code s} to {@code stop}, a post-dominator of {@code s}. */
    private String chain(int s, int stop) throws GrammarException {
        if (s == stop) return "";
        long key = (long) s << 32 | stop;
        String done = memo.get(key);
        if (done != null) return done;
        int next = ipdom[s];
        String head = head(s, next);
        String rest = chain(next, stop);
        if ((long) head.length() + rest.length() > MAX_CHARS) {
            throw new GrammarException("the grammar is too large to write as JSGF (over " + MAX_CHARS + " characters)");
        }
        String e = rest.isEmpty() ? head : head.isEmpty() ? rest : head + " " + rest;
        memo.put(key, e);
        return e;
    }

    /** The ways from {@code s} to its post-dominator {@code next}: words grouped by the state they reach. */
    private String head(int s, int next) throws GrammarException {
        Map<Integer, List<String>> byTarget = new LinkedHashMap<>();
        boolean canSkip = false;
        for (WordGraph.Arc a : out.get(s)) {
            if (a.word() == null) {
                canSkip = true; // the sentence may end here: an empty alternative
            } else {
                byTarget.computeIfAbsent(a.to(), t -> new ArrayList<>()).add(a.word());
            }
        }
        List<String> alternatives = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> e : byTarget.entrySet()) {
            List<String> words = e.getValue();
            String w = words.size() == 1 ? words.get(0) : "(" + String.join(" | ", words) + ")";
            String rest = chain(e.getKey(), next);
            alternatives.add(rest.isEmpty() ? w : w + " " + rest);
        }
        if (alternatives.isEmpty()) return "";
        String joined = String.join(" | ", alternatives);
        if (canSkip) return "[" + joined + "]";
        return alternatives.size() == 1 ? joined : "(" + joined + ")";
    }
}
