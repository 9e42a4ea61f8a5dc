package dev.hark.asr.grammar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a {@link WordGraph} into the smallest deterministic graph accepting the same tagged word
 * sequences: epsilon removal, subset determinization and partition-refinement minimization, with a
 * word's preceding tags treated as part of its label (so intent and slot tags stay exactly where
 * they were) and the tags met on the way to a final state kept on one epsilon arc into a single
 * final state. Common prefixes (the words after an intent tag) and identical suffixes (an entity
 * grammar followed by the same continuation, in any intent) end up shared, which is what keeps the
 * built-in number, duration and time grammars from being copied once per slot occurrence. Like
 * {@link dev.hark.asr.search.SearchGraphBuilder}, an epsilon path reports the tags of the first
 * path found. Cost: time and memory linear in the epsilon-free graph for grammars like the dataset
 * grammars (subset construction is exponential only for pathological ambiguous grammars); a few
 * hundred milliseconds for the built-in assistant.
 */
public final class WordGraphMinimizer {
    /** A word (null: the end of the utterance) with the tags reported before it. */
    private record Label(String word, List<String> tags) {
    }

    private final Map<Label, Integer> labelIds = new HashMap<>();
    private final List<Label> labels = new ArrayList<>();

    private WordGraphMinimizer() {
    }

    /** The minimal deterministic equivalent of {@code g}; fails when it accepts nothing. */
    public static WordGraph minimize(WordGraph g) throws GrammarException {
        return new WordGraphMinimizer().run(g);
    }

    private int label(String word, List<String> tags) {
        Label l = new Label(word, List.copyOf(tags));
        Integer id = labelIds.get(l);
        if (id == null) {
            id = labels.size();
            labels.add(l);
            labelIds.put(l, id);
        }
        return id;
    }

    private WordGraph run(WordGraph g) throws GrammarException {
        // epsilon-free graph: per state, (label, target) pairs; target -1 is the final sink
        int n = g.stateCount();
        List<List<WordGraph.Arc>> eps = new ArrayList<>(n), words = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            eps.add(new ArrayList<>());
            words.add(new ArrayList<>());
        }
        for (WordGraph.Arc a : g.arcs()) (a.word() == null ? eps : words).get(a.from()).add(a);
        int[][] nfa = new int[n][];
        boolean[] seen = new boolean[n];
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.add(g.start());
        seen[g.start()] = true;
        while (!todo.isEmpty()) {
            int u = todo.poll();
            List<Integer> out = new ArrayList<>();
            for (Map.Entry<Integer, List<String>> e : closure(u, eps).entrySet()) {
                int v = e.getKey();
                if (g.finals().contains(v)) {
                    out.add(label(null, e.getValue()));
                    out.add(-1);
                }
                for (WordGraph.Arc a : words.get(v)) {
                    List<String> tags = new ArrayList<>(e.getValue());
                    tags.addAll(a.tags());
                    out.add(label(a.word(), tags));
                    out.add(a.to());
                    if (!seen[a.to()]) {
                        seen[a.to()] = true;
                        todo.add(a.to());
                    }
                }
            }
            nfa[u] = out.stream().mapToInt(Integer::intValue).toArray();
        }
        // subset construction; a DFA arc array holds label, target pairs sorted by label
        Map<IntKey, Integer> subsetIds = new HashMap<>();
        List<int[]> subsets = new ArrayList<>();
        List<int[]> dfa = new ArrayList<>();
        int[] first = {g.start()};
        subsetIds.put(new IntKey(first), 0);
        subsets.add(first);
        for (int s = 0; s < subsets.size(); s++) {
            Map<Integer, List<Integer>> byLabel = new java.util.TreeMap<>();
            for (int u : subsets.get(s)) {
                int[] arcs = nfa[u];
                for (int k = 0; k < arcs.length; k += 2) {
                    List<Integer> to = byLabel.computeIfAbsent(arcs[k], x -> new ArrayList<>());
                    if (!to.contains(arcs[k + 1])) to.add(arcs[k + 1]);
                }
            }
            int[] out = new int[byLabel.size() * 2];
            int o = 0;
            for (Map.Entry<Integer, List<Integer>> e : byLabel.entrySet()) {
                int target;
                if (labels.get(e.getKey()).word() == null) {
                    target = -1;
                } else {
                    int[] t = e.getValue().stream().mapToInt(Integer::intValue).sorted().toArray();
                    IntKey key = new IntKey(t);
                    Integer id = subsetIds.get(key);
                    if (id == null) {
                        id = subsets.size();
                        subsetIds.put(key, id);
                        subsets.add(t);
                    }
                    target = id;
                }
                out[o++] = e.getKey();
                out[o++] = target;
            }
            dfa.add(out);
        }
        if (dfa.get(0).length == 0) throw new GrammarException("grammar is empty: it accepts no words");
        int[] cls = refine(dfa);
        // emit one state per class, plus the final sink
        int classes = 0;
        for (int c : cls) classes = Math.max(classes, c + 1);
        WordGraph out = new WordGraph();
        int[] stateOf = new int[classes];
        Arrays.fill(stateOf, -1);
        stateOf[cls[0]] = out.start();
        for (int c = 0; c < classes; c++) {
            if (stateOf[c] < 0) stateOf[c] = out.newState();
        }
        int sink = out.newState();
        out.addFinal(sink);
        boolean[] emitted = new boolean[classes];
        for (int s = 0; s < dfa.size(); s++) {
            if (emitted[cls[s]]) continue;
            emitted[cls[s]] = true;
            int[] arcs = dfa.get(s);
            for (int k = 0; k < arcs.length; k += 2) {
                Label l = labels.get(arcs[k]);
                int to = arcs[k + 1] < 0 ? sink : stateOf[cls[arcs[k + 1]]];
                out.addArc(stateOf[cls[s]], to, l.word(), l.tags());
            }
        }
        for (String w : g.vocabulary()) {
            for (String origin : g.origins(w)) out.addOrigin(w, origin);
        }
        return out;
    }

    /** Coarsest partition of DFA states with equal right languages (Moore's refinement). */
    private static int[] refine(List<int[]> dfa) {
        int n = dfa.size();
        int[] cls = new int[n];
        int count = 1;
        while (true) {
            Map<IntKey, Integer> ids = new HashMap<>();
            int[] next = new int[n];
            for (int s = 0; s < n; s++) {
                int[] arcs = dfa.get(s);
                int[] sig = new int[arcs.length + 1];
                sig[0] = cls[s];
                for (int k = 0; k < arcs.length; k += 2) {
                    sig[k + 1] = arcs[k];
                    sig[k + 2] = arcs[k + 1] < 0 ? -1 : cls[arcs[k + 1]];
                }
                Integer id = ids.putIfAbsent(new IntKey(sig), ids.size());
                next[s] = id == null ? ids.size() - 1 : id;
            }
            cls = next;
            if (ids.size() == count) return cls;
            count = ids.size();
        }
    }

    private static Map<Integer, List<String>> closure(int u, List<List<WordGraph.Arc>> eps) {
        Map<Integer, List<String>> reach = new LinkedHashMap<>();
        reach.put(u, List.of());
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(u);
        while (!queue.isEmpty()) {
            int x = queue.poll();
            for (WordGraph.Arc a : eps.get(x)) {
                if (reach.containsKey(a.to())) continue;
                List<String> tags = new ArrayList<>(reach.get(x));
                tags.addAll(a.tags());
                reach.put(a.to(), tags);
                queue.add(a.to());
            }
        }
        return reach;
    }

    /** An int array usable as a hash key. */
    private record IntKey(int[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IntKey k && Arrays.equals(v, k.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }
    }
}
