package dev.hark.asr.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Minimization keeps exactly the tagged word sequences of a grammar while sharing its repeated parts. */
class WordGraphMinimizerTest {
    private static final String DATASET = """
            [turnOn]
            turn on the $room lights
            turn on the lights in the $room
            switch on the $room lights
            [turnOff]
            turn off the $room lights
            [please] switch off the $room lights
            switch off the lights in the [$room] please
            [$room automatically_extensible=false]
            living room = lounge
            kitchen
            bedroom
            """;

    @Test
    void keepsEveryTaggedSentenceAndNothingElse() throws Exception {
        Dataset d = DatasetLoader.fromTemplates(DATASET, "lights");
        WordGraph g = DatasetGrammarCompiler.compile(d);
        WordGraph m = WordGraphMinimizer.minimize(g);
        Set<String> before = sentences(g), after = sentences(m);
        assertTrue(before.contains("intent=turnOff please switch off the slot=room|room kitchen /slot lights"), before.toString());
        assertTrue(before.contains("intent=turnOff switch off the lights in the please"), before.toString());
        assertEquals(before, after);
        // what follows a room value is shared by all sentences that continue alike, in both intents
        long afterKitchen = m.arcs().stream().filter(a -> "kitchen".equals(a.word())).mapToInt(WordGraph.Arc::to)
                .distinct().count();
        assertEquals(3, afterKitchen, "one state per continuation after \"kitchen\": \"lights\", the end, \"please\"");
        assertTrue(m.arcs().size() < g.arcs().stream().filter(a -> a.word() != null).count());
    }

    @Test
    void builtinEntityGrammarIsNotCopiedPerSlotOccurrence() throws Exception {
        String oneUse = "[setVolume]\nset the volume to $snips/number:level\n";
        String fourUses = oneUse + """
                volume $snips/number:level
                change the volume to $snips/number:level
                [setBrightness]
                set the brightness to $snips/number:level
                """;
        int one = words(WordGraphMinimizer.minimize(DatasetGrammarCompiler.compile(DatasetLoader.fromTemplates(oneUse, "a"))));
        int four = words(WordGraphMinimizer.minimize(DatasetGrammarCompiler.compile(DatasetLoader.fromTemplates(fourUses, "b"))));
        int fourRaw = words(DatasetGrammarCompiler.compile(DatasetLoader.fromTemplates(fourUses, "b")));
        assertTrue(four < one + 20, "four slot uses with the same continuation share one number grammar: " + one + " vs " + four);
        assertTrue(fourRaw > 3 * one, "without minimization the number grammar is copied per use: " + fourRaw);
    }

    @Test
    void loopsAndEpsilonCyclesKeepTheirLanguage() throws Exception {
        // (one | two)+ [stop], with a redundant second copy of the loop behind an epsilon cycle
        WordGraph g = new WordGraph();
        int a = g.newState(), b = g.newState(), end = g.newState();
        g.addArc(g.start(), a, "one");
        g.addArc(g.start(), a, "two");
        g.addArc(a, a, "one");
        g.addArc(a, a, "two");
        g.addArc(a, b, null);
        g.addArc(b, a, null);
        g.addArc(b, b, "one");
        g.addArc(b, end, "stop");
        g.addArc(a, end, null, List.of("done"));
        g.addFinal(end);
        WordGraph m = WordGraphMinimizer.minimize(g);
        for (String s : List.of("one", "two one two", "one stop", "two two one stop")) {
            assertTrue(accepts(m, s), s);
        }
        for (String s : List.of("", "stop", "one stop one", "three")) {
            assertTrue(!accepts(m, s), s);
        }
        assertEquals(4, m.stateCount(), "start, the (merged) loop state, the state after \"stop\" and the final state");
    }

    @Test
    void emptyGrammarIsRejected() {
        WordGraph g = new WordGraph();
        g.addFinal(g.newState());
        assertThrows(GrammarException.class, () -> WordGraphMinimizer.minimize(g));
    }

    /** Whether the graph accepts the space-separated words (tags ignored). */
    private static boolean accepts(WordGraph g, String sentence) {
        Set<Integer> cur = epsClosure(g, Set.of(g.start()));
        for (String w : sentence.isEmpty() ? List.<String>of() : List.of(sentence.split(" "))) {
            Set<Integer> next = new TreeSet<>();
            for (WordGraph.Arc arc : g.arcs()) {
                if (cur.contains(arc.from()) && w.equals(arc.word())) next.add(arc.to());
            }
            cur = epsClosure(g, next);
        }
        return cur.stream().anyMatch(g.finals()::contains);
    }

    private static Set<Integer> epsClosure(WordGraph g, Set<Integer> states) {
        Set<Integer> out = new TreeSet<>(states);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (WordGraph.Arc arc : g.arcs()) {
                if (arc.word() == null && out.contains(arc.from())) grew |= out.add(arc.to());
            }
        }
        return out;
    }

    private static int words(WordGraph g) {
        return (int) g.arcs().stream().filter(a -> a.word() != null).count();
    }

    /** Every accepted sequence of tags and words of an acyclic graph, tags written where they occur. */
    private static Set<String> sentences(WordGraph g) {
        Set<String> out = new TreeSet<>();
        walk(g, g.start(), new ArrayList<>(), out);
        return out;
    }

    private static void walk(WordGraph g, int state, List<String> prefix, Set<String> out) {
        if (g.finals().contains(state)) out.add(String.join(" ", prefix));
        for (WordGraph.Arc a : g.arcs()) {
            if (a.from() != state) continue;
            List<String> next = new ArrayList<>(prefix);
            next.addAll(a.tags());
            if (a.word() != null) next.add(a.word());
            walk(g, a.to(), next, out);
        }
    }
}
