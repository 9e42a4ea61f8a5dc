package dev.hark.nlu.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.nlu.dataset.Chunk;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetLoader;
import dev.hark.nlu.dataset.Utterance;
import dev.hark.nlu.template.TemplateNode.Alternatives;
import dev.hark.nlu.template.TemplateNode.Optional;
import dev.hark.nlu.template.TemplateNode.Sequence;
import dev.hark.nlu.template.TemplateNode.SlotRef;
import dev.hark.nlu.template.TemplateNode.Word;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemplateTest {
    @Test
    void parsesIntoTheAst() throws Exception {
        Template t = TemplateParser.parse("(set | start) a timer [for] $snips/duration:duration # c", "x:1");
        assertEquals(new Sequence(List.of(
                new Alternatives(List.of(new Word("set"), new Word("start"))),
                new Word("a"), new Word("timer"), new Optional(new Word("for")),
                new SlotRef("snips/duration", "duration"))), t.root());
        assertEquals("(set | start) a timer [for] $snips/duration:duration", t.source());
        assertEquals(new SlotRef("snips/number", "number"), TemplateParser.parse("$snips/number", "x").root());
        assertNull(TemplateParser.parse("   # only a comment", "x"));
    }

    @Test
    void nestsGroups() throws Exception {
        TemplateNode n = TemplateParser.parse("[(a | b [c]) d] | e", "x").root();
        assertEquals(new Alternatives(List.of(
                new Optional(new Sequence(List.of(
                        new Alternatives(List.of(new Word("a"), new Sequence(List.of(new Word("b"), new Optional(new Word("c")))))),
                        new Word("d")))),
                new Word("e"))), n);
    }

    @Test
    void syntaxErrorsGiveTheColumn() {
        assertEquals("f:2:7: unexpected ']'", assertThrows(TemplateSyntaxException.class,
                () -> TemplateParser.parse("a (b) ] c", "f:2")).getMessage());
        assertEquals("f:1:5: empty alternative", assertThrows(TemplateSyntaxException.class,
                () -> TemplateParser.parse("(a |)", "f:1")).getMessage());
        assertEquals("f:1:3: '$' must be followed by an entity name", assertThrows(TemplateSyntaxException.class,
                () -> TemplateParser.parse("a $ b", "f:1")).getMessage());
        assertEquals("f:1:3: '[' is not closed by ']'", assertThrows(TemplateSyntaxException.class,
                () -> TemplateParser.parse("a [b (c)", "f:1")).getMessage());
    }

    @Test
    void expandsEveryCombinationWithAnnotatedSlots() throws Exception {
        Dataset d = DatasetLoader.fromTemplates("[on]\n(turn | switch) on [the] $room\n[$room]\nkitchen = cooking room\nhall\n", "t");
        TemplateExpander ex = new TemplateExpander(d);
        Template t = d.intents().get("on").templates().get(0);
        assertEquals(12, ex.count(t.root()));
        List<String> texts = new ArrayList<>();
        for (Iterator<Utterance> it = ex.expand(t); it.hasNext(); ) {
            texts.add(it.next().text());
        }
        assertEquals(12, texts.size());
        assertEquals(12, new HashSet<>(texts).size());
        assertTrue(texts.contains("switch on the cooking room"));
        Utterance first = ex.expand(t).next();
        assertEquals(List.of(Chunk.text("turn on "), Chunk.slot("kitchen", "room", "room")), first.chunks());
    }

    @Test
    void hugeTemplatesAreCountedAndSampledWithoutExpanding() throws Exception {
        Dataset d = DatasetLoader.fromTemplates(
                "[t]\nset $snips/number:a and $snips/number:b and $snips/number:c and $snips/duration:d\n", "t");
        TemplateExpander ex = new TemplateExpander(d);
        Template t = d.intents().get("t").templates().get(0);
        assertEquals(Long.MAX_VALUE, ex.count(t.root()));
        List<Utterance> sample = ex.sample(t, 50, new Random(1));
        assertEquals(50, sample.size());
        for (Utterance u : sample) {
            assertEquals(4, u.slots().size());
            assertTrue(u.text().startsWith("set "));
        }
        // the lazy iterator yields the first sentences at once, without materialising the language
        Iterator<Utterance> it = ex.expand(t);
        for (int i = 0; i < 1000; i++) {
            it.next();
        }
    }
}
