package dev.hark.asr.lexicon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.TestData;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Letter-to-sound trained from cmudict: accuracy on dictionary words and plausible output for new ones. */
class LetterToSoundTest {
    static LetterToSound lts;

    @BeforeAll
    static void train() throws Exception {
        lts = LetterToSound.cached(TestData.DICT, TestData.scratch("lts").resolve("lts-en-us.bin"));
    }

    @Test
    void reproducesMostDictionaryWords() throws Exception {
        int total = 0, correct = 0;
        try (BufferedReader in = Files.newBufferedReader(TestData.DICT)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                if (n++ % 97 != 0 || line.contains("(")) continue;
                int sp = line.indexOf(' ');
                String word = line.substring(0, sp);
                if (!word.matches("[a-z']+")) continue;
                total++;
                if (String.join(" ", lts.pronounce(word)).equals(line.substring(sp + 1).trim())) correct++;
            }
        }
        double acc = correct / (double) total;
        System.out.printf("letter-to-sound: %d/%d dictionary words exact (%.1f%%), %d rules%n", correct, total, 100 * acc, lts.size());
        assertTrue(acc > 0.6, "word accuracy " + acc);
    }

    @Test
    void pronouncesUnseenWords() throws Exception {
        assertArrayEquals(new String[] {"HH", "AA", "R", "K"}, lts.pronounce("hark"));
        String[] p = lts.pronounce("zorblatt");
        assertTrue(p.length >= 5 && p[0].equals("Z"), String.join(" ", p));
        assertEquals(0, lts.pronounce("1234").length);
        Lexicon lex = Lexicon.load(TestData.DICT, List.of("zorblatt"), Map.of());
        assertEquals(List.of("zorblatt"), List.copyOf(lex.missing()));
    }

    @Test
    void recognizerUsesLetterToSoundAndNamesWordsItCannotPronounce() throws Exception {
        dev.hark.asr.model.SphinxAcousticModel model = dev.hark.asr.model.SphinxAcousticModel.load(TestData.MODEL);
        dev.hark.asr.GrammarRecognizer rec = dev.hark.asr.GrammarRecognizer.builder().model(model).dictionary(TestData.DICT)
                .letterToSound(lts).grammar(dev.hark.asr.grammar.JsgfGrammar.parse("t", "public <a> = call zorblatt;").compile())
                .build();
        assertTrue(rec.graph().wordInstanceCount() >= 2);
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(dev.hark.asr.grammar.GrammarException.class,
                () -> dev.hark.asr.GrammarRecognizer.builder().model(model).dictionary(TestData.DICT).letterToSound(lts)
                        .grammar(dev.hark.asr.grammar.JsgfGrammar.parse("t", "public <a> = call 1234;").compile()).build());
        assertTrue(e.getMessage().contains("1234"), e.getMessage());
    }
}
