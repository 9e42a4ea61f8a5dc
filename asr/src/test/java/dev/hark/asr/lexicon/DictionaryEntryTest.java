package dev.hark.asr.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dictionary-format lines that Hark's variants and an author's pronunciation file share. */
class DictionaryEntryTest {
    @Test
    void alternatesLoseTheirNumberAndPhonesAreTrimmed() {
        assertEquals(Optional.of(new DictionaryEntry("mocha", "M OW CH AH")), DictionaryEntry.parse("mocha(2)\tM OW CH AH  "));
        assertEquals(Optional.of(new DictionaryEntry("hark", "HH AA R K")), DictionaryEntry.parse("  hark HH AA R K"));
        assertEquals(Optional.of(new DictionaryEntry("b(2)x", "B IY")), DictionaryEntry.parse("b(2)x B IY"),
                "only a trailing \"(n)\" marks an alternate");
    }

    @Test
    void blankAndCommentLinesAreSkipped() {
        assertTrue(DictionaryEntry.parse("   ").isEmpty());
        assertTrue(DictionaryEntry.parse("# mocha M OW CH AH").isEmpty());
    }

    @Test
    void aWordWithoutPhonesIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> DictionaryEntry.parse("broken"));
        assertThrows(IllegalArgumentException.class, () -> DictionaryEntry.parse("broken   "));
    }
}
