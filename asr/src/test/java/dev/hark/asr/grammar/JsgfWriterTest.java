package dev.hark.asr.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.TestData;
import dev.hark.nlu.dataset.DatasetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The JSGF written for pocketsphinx holds exactly the grammar's sentences, in a compact form that
 * sphinxbase's own JSGF compiler accepts; a transcript is parsed back along the grammar's tags.
 */
class JsgfWriterTest {
    static final String ORDERS = """
            [order]
            (can i get | i want) [a | an] [$size] [$roast] $drink [with $milk] [and $sugar]
            i'd like [a] $drink with $sugar and $milk
            [$size automatically_extensible=false]
            small
            large = big
            twelve ounce
            [$roast automatically_extensible=false]
            dark roast
            light roast
            [$drink automatically_extensible=false]
            latte
            iced latte
            mocha
            [$milk automatically_extensible=false]
            milk
            a bit of milk
            a lot of soy milk
            [$sugar automatically_extensible=false]
            sugar
            a bit of sugar
            """;

    @Test
    void writesTheSameSentencesCompactly() throws Exception {
        WordGraph g = DatasetGrammarCompiler.compile(DatasetLoader.fromTemplates(ORDERS, "orders"));
        String jsgf = JsgfWriter.write(g, "orders");
        WordGraph back = JsgfGrammar.parse("written", jsgf).compile();
        Set<String> want = sentences(g), got = sentences(back);
        assertTrue(want.contains("i want a big dark roast iced latte with a lot of soy milk and a bit of sugar"), want.toString());
        assertEquals(want, got);
        // factored, not one alternative per sentence: every value of an entity is written a few times at most
        int sentences = want.size();
        assertTrue(sentences > 1000, "the test grammar has many sentences: " + sentences);
        assertTrue(count(jsgf, "soy") <= 4, jsgf);
        assertTrue(jsgf.length() < 2000, jsgf.length() + " characters: " + jsgf);
    }

    @Test
    void sphinxbaseCompilesTheWrittenGrammar() throws Exception {
        WordGraph g = DatasetGrammarCompiler.compile(DatasetLoader.fromTemplates(ORDERS, "orders"));
        Path dir = TestData.scratch("jsgf-writer");
        Path gram = dir.resolve("orders.gram"), fsg = dir.resolve("orders.fsg");
        Files.writeString(gram, JsgfWriter.write(g, "orders"));
        Files.deleteIfExists(fsg);
        TestData.run(List.of("sphinx_jsgf2fsg", "-jsgf", gram.toString(), "-fsg", fsg.toString()));
        String text = Files.readString(fsg);
        assertTrue(text.contains("FSG_BEGIN"), text);
        assertTrue(text.contains(" soy"), text);
    }

    @Test
    void loopsAreRefused() {
        WordGraph g = new WordGraph();
        int end = g.newState();
        g.addArc(g.start(), end, "again");
        g.addArc(end, g.start(), null);
        g.addFinal(end);
        assertThrows(GrammarException.class, () -> JsgfWriter.write(g, "loop"));
    }

    @Test
    void aTranscriptIsParsedAlongTheGrammarsTags() throws Exception {
        WordGraph g = WordGraphMinimizer.minimize(DatasetGrammarCompiler.compile(DatasetLoader.fromTemplates(ORDERS, "orders")));
        SemanticParse p = SemanticParse.ofSentence(g, List.of("i'd like a mocha with a bit of sugar and milk".split(" ")));
        assertNotNull(p);
        assertEquals("order", p.intent());
        assertEquals(List.of(new SemanticParse.Slot("drink", "drink", "mocha", 3, 4),
                new SemanticParse.Slot("sugar", "sugar", "a bit of sugar", 5, 9),
                new SemanticParse.Slot("milk", "milk", "milk", 10, 11)), p.slots());
        assertNull(SemanticParse.ofSentence(g, List.of("i", "want", "a", "pizza")));
        assertNull(SemanticParse.ofSentence(g, List.of()));
    }

    private static int count(String s, String word) {
        int n = 0;
        for (int i = s.indexOf(word); i >= 0; i = s.indexOf(word, i + 1)) n++;
        return n;
    }

    /** Every word sequence of an acyclic graph. */
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
            if (a.word() != null) next.add(a.word());
            walk(g, a.to(), next, out);
        }
    }
}
