package dev.hark.asr.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hark.asr.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hark's bundled pronunciation variants: added beside the dictionary's, never instead of an author's. */
class PronunciationVariantsTest {
    private static List<String> phones(Lexicon lexicon, String word) {
        return lexicon.pronunciations(word).stream().map(p -> String.join(" ", p)).toList();
    }

    @Test
    void variantsAreAddedAfterTheDictionarysOwnPronunciation() throws Exception {
        Lexicon lexicon = Lexicon.load(TestData.DICT, List.of("mocha", "almond", "little", "espresso"), Map.of(),
                PronunciationVariants.bundled());
        assertEquals(List.of("M OW K AH", "M OW CH AH"), phones(lexicon, "mocha"));
        assertEquals(List.of("AA M AH N D", "AA L M AH N D"), phones(lexicon, "almond"));
        assertEquals(List.of("L IH T AH L", "L IH D AH L"), phones(lexicon, "little"));
        assertEquals(List.of("EH S P R EH S OW", "EH K S P R EH S OW"), phones(lexicon, "espresso"),
                "a word without variants keeps the dictionary's alone");
    }

    @Test
    void withoutVariantsTheDictionaryAloneIsUsed() throws Exception {
        Lexicon lexicon = Lexicon.load(TestData.DICT, List.of("mocha"), Map.of());
        assertEquals(List.of("M OW K AH"), phones(lexicon, "mocha"));
    }

    @Test
    void anAuthorsPronunciationReplacesTheVariantsToo() throws Exception {
        Lexicon lexicon = Lexicon.load(TestData.DICT, List.of("mocha"), Map.of("mocha", List.of("m ow k ah")),
                PronunciationVariants.bundled());
        assertEquals(List.of("M OW K AH"), phones(lexicon, "mocha"));
    }

    @Test
    void variantsAreLookedUpAsTheDictionarySpellsWords() {
        assertEquals(List.of("M OW CH AH"),
                PronunciationVariants.bundled().of(" Mocha ").stream().map(p -> String.join(" ", p)).toList());
    }
}
