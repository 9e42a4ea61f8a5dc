package dev.hark.asr.search;

import dev.hark.asr.grammar.GrammarException;
import dev.hark.asr.grammar.WordGraph;
import dev.hark.asr.grammar.WordGraphMinimizer;
import dev.hark.asr.lexicon.Lexicon;
import dev.hark.asr.model.ModelDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compiles a {@link WordGraph} into a {@link SearchGraph}: first minimizes the grammar
 * ({@link WordGraphMinimizer}: deterministic and minimal over tagged words, so shared prefixes and
 * identical continuations are compiled once), removes epsilon arcs (carrying their tags onto the
 * following word), expands each word into its pronunciations, and each phone into the triphone HMM
 * for its context, with one copy of a word's first phone per possible left context and of its last
 * phone per possible right context so that cross-word triphones are exact. Words leaving the same
 * grammar state share the HMMs of their common phone prefix (a lexicon prefix tree per state);
 * since shared nodes have identical predecessors, Viterbi scores are exactly those of separate
 * copies. Optional silence and noise fillers may sit at every word boundary and at both ends of the
 * utterance. A context-independent phone loop is added for rejection. Cost is linear in the
 * minimized grammar's size times the number of distinct neighbouring phones (the built-in skills:
 * about 38,000 nodes, a second on one core).
 */
public final class SearchGraphBuilder {
    private final ModelDefinition mdef;
    private final SearchParameters params;

    private record EArc(int from, int to, String word, List<String> tags) {
    }

    private record Inst(EArc arc, int[] phones, int index) {
    }

    // growable node/edge storage
    private int[] nodePhone = new int[1024];
    private int[] nodeWordEnd = new int[1024];
    private List<List<String>> nodeFinal = new ArrayList<>();
    private int nodes;
    private int[] edgeFrom = new int[4096], edgeTo = new int[4096];
    private float[] edgePen = new float[4096];
    private int edgeCount;
    /** word instance -> right context -> its last-phone nodes */
    private final Map<Integer, Map<Integer, List<Integer>>> lastCopies = new HashMap<>();

    public SearchGraphBuilder(ModelDefinition mdef, SearchParameters params) {
        this.mdef = mdef;
        this.params = params;
    }

    private int node(int phone, int wordEnd) {
        if (nodes == nodePhone.length) {
            nodePhone = Arrays.copyOf(nodePhone, nodes * 2);
            nodeWordEnd = Arrays.copyOf(nodeWordEnd, nodes * 2);
        }
        nodePhone[nodes] = phone;
        nodeWordEnd[nodes] = wordEnd;
        nodeFinal.add(null);
        return nodes++;
    }

    private void edge(int from, int to, float penalty) {
        if (edgeCount == edgeFrom.length) {
            edgeFrom = Arrays.copyOf(edgeFrom, edgeCount * 2);
            edgeTo = Arrays.copyOf(edgeTo, edgeCount * 2);
            edgePen = Arrays.copyOf(edgePen, edgeCount * 2);
        }
        edgeFrom[edgeCount] = from;
        edgeTo[edgeCount] = to;
        edgePen[edgeCount] = penalty;
        edgeCount++;
    }

    /**
     * Builds the network. Fails naming the word when a grammar word has no pronunciation or uses a
     * phone the model lacks, and when the grammar accepts no word sequence.
     */
    public SearchGraph build(WordGraph source, Lexicon lexicon) throws GrammarException {
        WordGraph grammar = WordGraphMinimizer.minimize(source);
        nodes = 0;
        edgeCount = 0;
        nodeFinal.clear();
        lastCopies.clear();
        List<EArc> arcs = removeEpsilons(grammar);
        Map<Integer, List<String>> finals = finalTags(grammar);
        if (arcs.isEmpty()) {
            throw new GrammarException("grammar is empty: it accepts no words");
        }
        int sil = mdef.silence();
        int states = mdef.emittingStates();
        // word instances
        List<Inst> insts = new ArrayList<>();
        List<SearchGraph.WordInstance> wordInstances = new ArrayList<>();
        for (EArc a : arcs) {
            List<String[]> prons = lexicon.pronunciations(a.word());
            if (prons.isEmpty()) {
                throw new GrammarException("word \"" + a.word() + "\" has no pronunciation");
            }
            for (int p = 0; p < prons.size(); p++) {
                String[] names = prons.get(p);
                int[] phones = new int[names.length];
                for (int i = 0; i < names.length; i++) {
                    phones[i] = mdef.ciPhone(names[i]);
                    if (phones[i] < 0) {
                        throw new GrammarException("word \"" + a.word() + "\": phone " + names[i] + " is not in the acoustic model");
                    }
                }
                if (phones.length == 0) throw new GrammarException("word \"" + a.word() + "\" has an empty pronunciation");
                insts.add(new Inst(a, phones, insts.size()));
                wordInstances.add(new SearchGraph.WordInstance(a.word(), p, phones.length, a.tags()));
            }
        }
        Map<Integer, List<Inst>> out = new HashMap<>(), in = new HashMap<>();
        TreeSet<Integer> states0 = new TreeSet<>();
        states0.add(grammar.start());
        for (Inst i : insts) {
            out.computeIfAbsent(i.arc.from(), k -> new ArrayList<>()).add(i);
            in.computeIfAbsent(i.arc.to(), k -> new ArrayList<>()).add(i);
            states0.add(i.arc.from());
            states0.add(i.arc.to());
        }
        // first-phone copies: (inst, lc) -> node ; last-phone copies: (inst, rc) -> node
        Map<Long, int[]> firstCopies = new HashMap<>();
        Map<String, Integer> prefixNodes = new HashMap<>();
        Map<Integer, Integer> silNode = new HashMap<>();
        Map<Integer, int[]> fillerNodes = new HashMap<>();
        int nsn = mdef.ciPhone("+NSN+"), spn = mdef.ciPhone("+SPN+");
        for (int u : states0) {
            silNode.put(u, node(sil, -1));
            List<Integer> fill = new ArrayList<>();
            if (nsn >= 0) fill.add(node(nsn, -1));
            if (spn >= 0) fill.add(node(spn, -1));
            fillerNodes.put(u, fill.stream().mapToInt(Integer::intValue).toArray());
        }
        for (Inst inst : insts) {
            int u = inst.arc.from(), v = inst.arc.to();
            TreeSet<Integer> lcs = new TreeSet<>();
            lcs.add(sil);
            for (Inst p : in.getOrDefault(u, List.of())) lcs.add(p.phones[p.phones.length - 1]);
            TreeSet<Integer> rcs = new TreeSet<>();
            rcs.add(sil);
            for (Inst s : out.getOrDefault(v, List.of())) rcs.add(s.phones[0]);
            int[] ph = inst.phones;
            int n = ph.length;
            if (n == 1) {
                for (int lc : lcs) {
                    List<Integer> copies = new ArrayList<>();
                    for (int rc : rcs) {
                        int nd = node(mdef.phone(ph[0], lc, rc, ModelDefinition.SINGLE), inst.index);
                        copies.add(nd);
                        registerLast(lastCopies, inst.index, rc, nd);
                    }
                    firstCopies.put(key(inst.index, lc), copies.stream().mapToInt(Integer::intValue).toArray());
                }
            } else {
                // words leaving the same grammar state share the HMMs of their common phone prefix
                // (a lexicon prefix tree per state); only the last phone is the word's own
                int[] middle = new int[Math.max(0, n - 2)];
                for (int i = 1; i < n - 1; i++) {
                    String k = u + "/" + Arrays.toString(Arrays.copyOf(ph, i + 2));
                    Integer nd = prefixNodes.get(k);
                    if (nd == null) {
                        nd = node(mdef.phone(ph[i], ph[i - 1], ph[i + 1], ModelDefinition.INTERNAL), -1);
                        prefixNodes.put(k, nd);
                        if (i > 1) edge(middle[i - 2], nd, 0f);
                    }
                    middle[i - 1] = nd;
                }
                List<Integer> lasts = new ArrayList<>();
                for (int rc : rcs) {
                    int nd = node(mdef.phone(ph[n - 1], ph[n - 2], rc, ModelDefinition.END), inst.index);
                    registerLast(lastCopies, inst.index, rc, nd);
                    lasts.add(nd);
                    if (middle.length > 0) edge(middle[middle.length - 1], nd, 0f);
                }
                for (int lc : lcs) {
                    String k = u + "<" + lc + "/" + ph[0] + "," + ph[1];
                    Integer nd = prefixNodes.get(k);
                    if (nd == null) {
                        nd = node(mdef.phone(ph[0], lc, ph[1], ModelDefinition.BEGIN), -1);
                        prefixNodes.put(k, nd);
                    }
                    firstCopies.put(key(inst.index, lc), new int[] {nd});
                    if (middle.length > 0) {
                        edge(nd, middle[0], 0f);
                    } else {
                        for (int l : lasts) edge(nd, l, 0f);
                    }
                }
            }
        }
        // cross-word connections
        for (Inst inst : insts) {
            int v = inst.arc.to();
            int lastPhone = inst.phones[inst.phones.length - 1];
            for (Map.Entry<Integer, List<Integer>> e : lastCopies.get(inst.index).entrySet()) {
                int rc = e.getKey();
                for (int nd : e.getValue()) {
                    if (rc == sil) {
                        edge(nd, silNode.get(v), params.silencePenalty());
                        for (int f : fillerNodes.get(v)) edge(nd, f, params.fillerPenalty());
                        if (finals.containsKey(v)) nodeFinal.set(nd, finals.get(v));
                    }
                    for (Inst s : out.getOrDefault(v, List.of())) {
                        if (s.phones[0] != rc) continue;
                        for (int first : firstCopies.get(key(s.index, lastPhone))) {
                            edge(nd, first, params.wordPenalty());
                        }
                    }
                }
            }
        }
        List<Integer> startNodes = new ArrayList<>();
        List<Float> startPen = new ArrayList<>();
        for (int u : states0) {
            int sn = silNode.get(u);
            int[] fill = fillerNodes.get(u);
            for (Inst s : out.getOrDefault(u, List.of())) {
                for (int first : firstCopies.get(key(s.index, sil))) {
                    edge(sn, first, params.wordPenalty());
                    for (int f : fill) edge(f, first, params.wordPenalty());
                    if (u == grammar.start()) {
                        startNodes.add(first);
                        startPen.add(params.wordPenalty());
                    }
                }
            }
            // silence and noise may alternate at a boundary
            edge(sn, sn, params.silencePenalty());
            for (int f : fill) {
                edge(sn, f, params.fillerPenalty());
                edge(f, sn, params.silencePenalty());
                edge(f, f, params.fillerPenalty());
            }
            if (finals.containsKey(u)) {
                nodeFinal.set(sn, finals.get(u));
                for (int f : fill) nodeFinal.set(f, finals.get(u));
            }
            if (u == grammar.start()) {
                startNodes.add(sn);
                startPen.add(0f);
                for (int f : fill) {
                    startNodes.add(f);
                    startPen.add(params.fillerPenalty());
                }
            }
        }
        // phone loop
        int loopStart = nodes;
        for (int ci = 0; ci < mdef.ciPhoneCount(); ci++) {
            node(ci, -1);
        }
        for (int a = loopStart; a < nodes; a++) {
            startNodes.add(a);
            startPen.add(params.phoneLoopPenalty());
            for (int b = loopStart; b < nodes; b++) edge(a, b, params.phoneLoopPenalty());
        }
        return assemble(states, loopStart, startNodes, startPen, wordInstances);
    }

    private static void registerLast(Map<Integer, Map<Integer, List<Integer>>> m, int inst, int rc, int node) {
        m.computeIfAbsent(inst, k -> new LinkedHashMap<>()).computeIfAbsent(rc, k -> new ArrayList<>()).add(node);
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    @SuppressWarnings("unchecked")
    private SearchGraph assemble(int states, int loopStart, List<Integer> startNodes, List<Float> startPen,
                                 List<SearchGraph.WordInstance> instances) {
        // one HMM entry per distinct triphone, one tag list per distinct final tag list
        Map<Integer, Integer> hmmOf = new HashMap<>();
        int[] hmm = new int[nodes];
        for (int n = 0; n < nodes; n++) hmm[n] = hmmOf.computeIfAbsent(nodePhone[n], k -> hmmOf.size());
        int[] hmmSenones = new int[hmmOf.size() * states];
        int[] hmmTmat = new int[hmmOf.size()];
        for (Map.Entry<Integer, Integer> e : hmmOf.entrySet()) {
            for (int j = 0; j < states; j++) hmmSenones[e.getValue() * states + j] = mdef.senone(e.getKey(), j);
            hmmTmat[e.getValue()] = mdef.transitionMatrix(e.getKey());
        }
        Map<List<String>, Integer> finalIds = new LinkedHashMap<>();
        int[] finalOf = new int[nodes];
        for (int n = 0; n < nodes; n++) {
            List<String> f = nodeFinal.get(n);
            finalOf[n] = f == null ? -1 : finalIds.computeIfAbsent(f, k -> finalIds.size());
        }
        // successor lists: shared prefix nodes receive the same edge once per word, so keep one
        // edge per (node, successor) with the best penalty
        int[] start = new int[nodes + 1];
        for (int e = 0; e < edgeCount; e++) start[edgeFrom[e] + 1]++;
        for (int n = 0; n < nodes; n++) start[n + 1] += start[n];
        int[] fill = Arrays.copyOf(start, nodes);
        long[] sorted = new long[edgeCount];
        for (int e = 0; e < edgeCount; e++) {
            sorted[fill[edgeFrom[e]]++] = ((long) edgeTo[e] << 32) | (Float.floatToIntBits(edgePen[e]) & 0xffffffffL);
        }
        int[] succStart = new int[nodes + 1];
        int kept = 0;
        for (int n = 0; n < nodes; n++) {
            Arrays.sort(sorted, start[n], start[n + 1]);
            for (int k = start[n]; k < start[n + 1]; k++) {
                int to = (int) (sorted[k] >>> 32);
                float penalty = Float.intBitsToFloat((int) sorted[k]);
                if (kept > succStart[n] && (int) (sorted[kept - 1] >>> 32) == to) {
                    if (penalty > Float.intBitsToFloat((int) sorted[kept - 1])) sorted[kept - 1] = sorted[k];
                } else {
                    sorted[kept++] = sorted[k];
                }
            }
            succStart[n + 1] = kept;
        }
        int[] succ = new int[kept];
        float[] pen = new float[kept];
        for (int k = 0; k < kept; k++) {
            succ[k] = (int) (sorted[k] >>> 32);
            pen[k] = Float.intBitsToFloat((int) sorted[k]);
        }
        Map<Integer, Float> starts = new LinkedHashMap<>();
        for (int i = 0; i < startNodes.size(); i++) starts.merge(startNodes.get(i), startPen.get(i), Math::max);
        int[] sn = new int[starts.size()];
        float[] sp = new float[starts.size()];
        int i = 0;
        for (Map.Entry<Integer, Float> e : starts.entrySet()) {
            sn[i] = e.getKey();
            sp[i++] = e.getValue();
        }
        return new SearchGraph(nodes, states, hmm, hmmSenones, hmmTmat, succStart, succ, pen, Arrays.copyOf(nodeWordEnd, nodes),
                finalOf, finalIds.keySet().toArray(new List[0]), sn, sp, loopStart, instances.toArray(new SearchGraph.WordInstance[0]));
    }

    /** Epsilon closure of every state, with the tags met on the way (first path found). */
    private static Map<Integer, Map<Integer, List<String>>> closures(WordGraph g) {
        Map<Integer, List<WordGraph.Arc>> eps = new HashMap<>();
        for (WordGraph.Arc a : g.arcs()) {
            if (a.word() == null) eps.computeIfAbsent(a.from(), k -> new ArrayList<>()).add(a);
        }
        Map<Integer, Map<Integer, List<String>>> result = new HashMap<>();
        for (int u = 0; u < g.stateCount(); u++) {
            Map<Integer, List<String>> reach = new LinkedHashMap<>();
            reach.put(u, List.of());
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(u);
            while (!queue.isEmpty()) {
                int x = queue.poll();
                for (WordGraph.Arc a : eps.getOrDefault(x, List.of())) {
                    if (reach.containsKey(a.to())) continue;
                    List<String> tags = new ArrayList<>(reach.get(x));
                    tags.addAll(a.tags());
                    reach.put(a.to(), tags);
                    queue.add(a.to());
                }
            }
            result.put(u, reach);
        }
        return result;
    }

    private static List<EArc> removeEpsilons(WordGraph g) {
        Map<Integer, Map<Integer, List<String>>> clos = closures(g);
        Map<Integer, List<WordGraph.Arc>> words = new HashMap<>();
        for (WordGraph.Arc a : g.arcs()) {
            if (a.word() != null) words.computeIfAbsent(a.from(), k -> new ArrayList<>()).add(a);
        }
        List<EArc> out = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        java.util.Set<EArc> unique = new java.util.HashSet<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(g.start());
        seen.add(g.start());
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (Map.Entry<Integer, List<String>> e : clos.get(u).entrySet()) {
                for (WordGraph.Arc a : words.getOrDefault(e.getKey(), List.of())) {
                    List<String> tags = new ArrayList<>(e.getValue());
                    tags.addAll(a.tags());
                    EArc arc = new EArc(u, a.to(), a.word(), List.copyOf(tags));
                    if (unique.add(arc)) out.add(arc);
                    if (seen.add(a.to())) queue.add(a.to());
                }
            }
        }
        return out;
    }

    private static Map<Integer, List<String>> finalTags(WordGraph g) {
        Map<Integer, Map<Integer, List<String>>> clos = closures(g);
        Map<Integer, List<String>> result = new HashMap<>();
        for (int u = 0; u < g.stateCount(); u++) {
            for (Map.Entry<Integer, List<String>> e : clos.get(u).entrySet()) {
                if (g.finals().contains(e.getKey())) {
                    result.putIfAbsent(u, e.getValue());
                }
            }
        }
        return result;
    }
}
