package dev.hark.nlu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetLoader;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class EntityResolverTest {
    @Test
    void customValuesResolveThroughSynonyms() throws Exception {
        Dataset d = DatasetLoader.fromTemplates("""
                [x]
                $room $artist $color $snips/number
                [$room automatically_extensible=false]
                living room = lounge | front room
                kitchen
                [$artist]
                The Beatles = beatles
                [$color use_synonyms=false]
                red = crimson
                """, "t");
        EntityResolver r = new EntityResolver(d, Clock.systemUTC());
        assertEquals(new SlotValue.Custom("living room"), r.resolve("room", "Front  Room"));
        assertEquals(new SlotValue.Custom("kitchen"), r.resolve("room", "kitchen"));
        assertNull(r.resolve("room", "garage"));
        assertEquals(new SlotValue.Custom("The Beatles"), r.resolve("artist", "beatles"));
        assertEquals(new SlotValue.Custom("Radiohead"), r.resolve("artist", "Radiohead"));
        assertEquals(new SlotValue.Custom("crimson"), r.resolve("color", "crimson"));
        assertEquals(new SlotValue.Number(12), r.resolve("snips/number", "twelve"));
        assertNull(r.resolve("undefined", "x"));

        int[] marks = new int[6];
        r.gazetteer("room").mark(Tokenizer.tokenize("the front room and kitchen now"), marks);
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 0}, marks);
    }

    @Test
    void fuzzyMatchingFollowsStrictness() throws Exception {
        Dataset d = DatasetLoader.fromTemplates("[x]\n$song\n[$song automatically_extensible=false matching_strictness=0.5]\n"
                + "yellow submarine\nhey jude\n", "t");
        EntityResolver r = new EntityResolver(d, Clock.systemUTC());
        assertEquals(new SlotValue.Custom("yellow submarine"), r.resolve("song", "the yellow submarine"));
        assertNull(r.resolve("song", "the long and winding road"));
    }
}
