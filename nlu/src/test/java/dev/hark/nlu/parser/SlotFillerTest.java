package dev.hark.nlu.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.nlu.Tokenizer;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetLoader;
import dev.hark.nlu.dataset.Utterance;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The slot filler's tagging scheme, its features from the shipped resources, and how training hides values. */
class SlotFillerTest {
    @Test
    void bilouTagsRoundTripAndIllFormedSequencesStillGiveSpans() {
        // slot 0 over tokens 1-3, slot 1 on token 5 alone
        int[] tags = CrfSlotFiller.tags(7, List.of(new int[] {0, 1, 4}, new int[] {1, 5, 6}));
        assertArrayEquals(new int[] {0, 1, 2, 3, 0, 8, 0}, tags);
        List<int[]> spans = CrfSlotFiller.spans(tags);
        assertEquals(2, spans.size());
        assertArrayEquals(new int[] {0, 1, 4}, spans.get(0));
        assertArrayEquals(new int[] {1, 5, 6}, spans.get(1));
        // I I L without a B is still a value, and the B right after it continues it; a value cut short by
        // another slot ends there; an L alone is a value, and the I after it too: one value
        List<int[]> repaired = CrfSlotFiller.spans(new int[] {2, 2, 3, 1, 8, 3, 2, 0, 4, 0, 4});
        assertEquals(5, repaired.size());
        assertArrayEquals(new int[] {0, 0, 4}, repaired.get(0));
        assertArrayEquals(new int[] {1, 4, 5}, repaired.get(1));
        assertArrayEquals(new int[] {0, 5, 7}, repaired.get(2));
        assertArrayEquals(new int[] {0, 8, 9}, repaired.get(3));
        assertArrayEquals(new int[] {0, 10, 11}, repaired.get(4));
    }

    @Test
    void lexiconsMarkPlacesAndCountries() {
        int[][] marks = Lexicons.marks(Tokenizer.tokenize("weather in Los Angeles and Japan next week"));
        int city = List.of(Lexicons.NAMES).indexOf("city");
        int country = List.of(Lexicons.NAMES).indexOf("country");
        assertEquals(Mentions.BEGIN, marks[city][2]);
        assertEquals(Mentions.LAST, marks[city][3]);
        assertEquals(Mentions.UNIT, marks[country][5]);
        assertEquals(0, marks[country][6]);
    }

    @Test
    void similarWordsShareClusterPrefixes() {
        String monday = WordClusters.path("monday");
        String tuesday = WordClusters.path("tuesday");
        String london = WordClusters.path("london");
        String paris = WordClusters.path("paris");
        assertNotNull(monday);
        assertEquals(monday.substring(0, 6), tuesday.substring(0, 6));
        assertEquals(london.substring(0, 6), paris.substring(0, 6));
        assertTrue(!monday.startsWith(london.substring(0, 6)), monday + " vs " + london);
        assertNull(WordClusters.path("qzxvbnmw"));
    }

    @Test
    void trainingHidesTheValuesOnlyTheSentenceItselfUses() throws Exception {
        Dataset d = DatasetLoader.fromJson("""
                {"PlayMusic": [{"data": [{"text": "play "}, {"text": "queen", "entity": "artist"}]},
                               {"data": [{"text": "put on "}, {"text": "queen", "entity": "artist"}]},
                               {"data": [{"text": "play "}, {"text": "abba", "entity": "artist"}]}]}
                """, "m.json");
        TrainingSet data = new TrainingSet(d, new Random(1));
        List<Utterance> utts = d.intents().get("PlayMusic").utterances();
        // "queen" is taught by two sentences: each finds it in the gazetteer; "abba" only by its own
        assertEquals(Set.of(), data.valuesOnlyItTaught(utts.get(0)));
        assertEquals(Set.of(Mentions.hiddenKey("artist", "abba")), data.valuesOnlyItTaught(utts.get(2)));
    }

    @Test
    void weightsAreStoredIn16BitsWithoutTheNegligibleOnes() throws Exception {
        float[] w = {2.5f, -0.004f, 0.3f, -7.25f, 0.0f, 0.012f};
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        QuantizedWeights.write(new java.io.DataOutputStream(bytes), w, 3);
        // scale, then per row of 3: a count and 3 bytes per kept weight (4 kept of 6)
        assertEquals(4 + 2 + 4 * 3, bytes.size());
        float[] back = QuantizedWeights.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), 2, 3);
        float step = 7.25f / Short.MAX_VALUE;
        for (int i = 0; i < w.length; i++) {
            float expected = Math.abs(w[i]) < QuantizedWeights.NEGLIGIBLE ? 0 : w[i];
            assertEquals(expected, back[i], step / 2 + 1e-7, "weight " + i);
        }
    }
}
