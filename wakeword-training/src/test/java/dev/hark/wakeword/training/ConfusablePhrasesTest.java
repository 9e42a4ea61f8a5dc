package dev.hark.wakeword.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Phonetic neighbours from Debian's CMU dictionary. */
class ConfusablePhrasesTest {
    private static ConfusablePhrases dict;

    @BeforeAll
    static void load() throws Exception {
        dict = ConfusablePhrases.load(ConfusablePhrases.DEFAULT_DICTIONARY);
    }

    @Test
    void heyKitchenHasKittenAsANeighbourButNotItsPlural() {
        List<String> n = dict.neighbours("Hey, kitchen!", 100_000, new Random(1));
        assertTrue(n.contains("hey kitten"), n.toString());
        assertTrue(n.contains("hey chicken"), n.toString());
        assertTrue(n.contains("hey") && n.contains("kitchen"), "the words alone: " + n);
        assertFalse(n.contains("hey kitchens"), "a plural is the phrase itself");
        assertFalse(n.contains("hey kitchen"));
        assertTrue(n.stream().allMatch(p -> p.split(" ").length <= 2), n.toString());
    }

    @Test
    void phoneDistance() {
        assertEquals(1, ConfusablePhrases.distance("K IH CH AH N".split(" "), "K IH T AH N".split(" ")));
        assertEquals(1, ConfusablePhrases.distance("HH EY".split(" "), "EY".split(" ")));
        assertEquals(0, ConfusablePhrases.distance("HH EY".split(" "), "HH EY".split(" ")));
    }

    @Test
    void randomWordsAvoidThePhrase() {
        Random r = new Random(2);
        for (int i = 0; i < 200; i++) {
            String s = dict.randomWords(5, Set.of("kitchen"), r);
            assertEquals(5, s.split(" ").length);
            assertFalse(List.of(s.split(" ")).contains("kitchen"));
        }
        assertEquals(List.of("zorblatt"), dict.unknownWords("hello zorblatt"));
    }
}
