package dev.hark.nlu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetLoader;
import java.time.Clock;
import java.util.List;
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
        String transcript = "turn on the lounge lights";
        assertEquals(new Slot(12, 18, "lounge", new SlotValue.Custom("living room"), "room", "where"),
                r.slot(transcript, 12, 18, "room", "where"));
        assertNull(r.slot(transcript, 0, 4, "room", "where"));

        assertEquals(List.of("the", "kitchen", "'s", "light", "sunday", "don't"),
                Tokenizer.tokenize("The kitchen's light 'Sunday' don't").stream().map(Token::text).toList());
        List<Token> tokens = Tokenizer.tokenize("the front room and kitchen now");
        assertArrayEquals(new int[] {2}, r.gazetteer("room").matchLengths(tokens, 1));
        assertArrayEquals(new int[] {1}, r.gazetteer("room").matchLengths(tokens, 4));
        assertArrayEquals(new int[0], r.gazetteer("room").matchLengths(tokens, 2));
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
