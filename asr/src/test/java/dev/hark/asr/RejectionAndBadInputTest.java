package dev.hark.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.grammar.GrammarException;
import dev.hark.asr.grammar.JsgfGrammar;
import dev.hark.asr.model.ModelFormatException;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.asr.search.RecognitionResult;
import dev.hark.asr.search.SearchParameters;
import dev.hark.audio.WavReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Out-of-grammar rejection on flite speech, and clear errors for bad grammars and models. */
class RejectionAndBadInputTest {
    static SphinxAcousticModel model;
    static final String GRAMMAR = "#JSGF V1.0;\ngrammar g;\npublic <g> = (zero|one|two|three|four|five|six|seven|eight|nine) | <cards>;\n"
            + "<cards> = ( ace | two | three | four | five | six | seven | eight | nine | ten | jack | queen | king )"
            + " [ of ( clubs | hearts | diamonds | spades ) ];\n";

    @BeforeAll
    static void load() throws Exception {
        model = SphinxAcousticModel.load(TestData.MODEL);
    }

    static short[] flite(String voice, String text) throws Exception {
        Path wav = TestData.scratch("flite").resolve(voice + "_" + text.replace(' ', '_') + ".wav");
        if (!Files.exists(wav)) {
            TestData.run(List.of("flite", "-voice", voice, "-t", text, "-o", wav.toString()));
        }
        return WavReader.readPcm16k(wav);
    }

    @Test
    void acceptsInGrammarAndRejectsOutOfGrammar() throws Exception {
        GrammarRecognizer rec = GrammarRecognizer.builder().model(model).dictionary(TestData.DICT)
                .grammar(JsgfGrammar.parse("test", GRAMMAR).compile()).build();
        for (String text : new String[] {"queen of clubs", "seven"}) {
            RecognitionResult r = rec.recognize(flite("slt", text));
            assertEquals(text, r.transcript());
            assertFalse(r.rejected(), text);
            assertTrue(r.confidence() > 0.5f, text);
        }
        for (String text : new String[] {"what is the weather on mars", "turn off the kitchen lights"}) {
            RecognitionResult r = rec.recognize(flite("slt", text));
            assertTrue(r.rejected(), text + " was accepted as " + r.transcript());
            assertTrue(r.confidence() < 0.5f, text);
        }
    }

    /**
     * The per-phone test divides the path's ratio by the phones of the words recognised: "go forward
     * ten meters" is 2 + 6 + 3 + 5 = 16 phones in the dictionary, so a threshold just above its
     * ratio / 16 rejects the real recording and one just below accepts it.
     */
    @Test
    void thePerPhoneThresholdCountsThePhonesOfTheWordsRecognised() throws Exception {
        var grammar = JsgfGrammar.read(TestData.PS_DATA.resolve("goforward.gram")).compile();
        short[] pcm = TestData.readRaw(TestData.PS_DATA.resolve("goforward.raw"));
        SearchParameters off = SearchParameters.defaults().withRejectPerPhone(Float.NEGATIVE_INFINITY);
        RecognitionResult r = GrammarRecognizer.builder().model(model).dictionary(TestData.DICT).grammar(grammar)
                .parameters(off).build().recognize(pcm);
        assertEquals("go forward ten meters", r.transcript());
        assertFalse(r.rejected());
        double perPhone = (r.score() - r.phoneLoopScore()) / 16;
        for (double delta : new double[] {0.01, -0.01}) {
            RecognitionResult again = GrammarRecognizer.builder().model(model).dictionary(TestData.DICT).grammar(grammar)
                    .parameters(off.withRejectPerPhone((float) (perPhone + delta))).build().recognize(pcm);
            assertEquals(delta > 0, again.rejected(), "threshold " + (perPhone + delta) + ", ratio per phone " + perPhone);
        }
    }

    @Test
    void wordWithoutPronunciationIsNamed() throws Exception {
        GrammarException e = assertThrows(GrammarException.class, () -> GrammarRecognizer.builder().model(model)
                .dictionary(TestData.DICT).grammar(JsgfGrammar.parse("t", "public <a> = turn on the zqxjvw;").compile()).build());
        assertTrue(e.getMessage().contains("zqxjvw"), e.getMessage());
    }

    @Test
    void authorPronunciationMakesUnknownWordUsable() throws Exception {
        GrammarRecognizer rec = GrammarRecognizer.builder().model(model).dictionary(TestData.DICT)
                .grammar(JsgfGrammar.parse("t", "public <a> = hey zqxjvw;").compile())
                .pronunciation("zqxjvw", "Z IH K S").build();
        assertTrue(rec.graph().wordInstanceCount() >= 2);
    }

    @Test
    void pronunciationFileIsReadAndBadLinesAreNamed() throws Exception {
        Path file = TestData.scratch("prons").resolve("pronunciations.dict");
        Files.writeString(file, "# names\nzqxjvw Z IH K S\nzqxjvw(2) Z AY K S\n");
        GrammarRecognizer rec = GrammarRecognizer.builder().model(model).dictionary(TestData.DICT)
                .grammar(JsgfGrammar.parse("t", "public <a> = hey zqxjvw;").compile()).pronunciations(file).build();
        assertEquals(3, rec.graph().wordInstanceCount(), "hey + two pronunciations of zqxjvw");
        Files.writeString(file, "zqxjvw Z IH K S\nbroken\n");
        GrammarException e = assertThrows(GrammarException.class, () -> GrammarRecognizer.builder().pronunciations(file));
        assertTrue(e.getMessage().contains(file + ":2"), e.getMessage());
    }

    @Test
    void emptyGrammarIsRejected() throws Exception {
        GrammarException e = assertThrows(GrammarException.class, () -> GrammarRecognizer.builder().model(model)
                .dictionary(TestData.DICT).grammar(JsgfGrammar.parse("t", "public <a> = <VOID>;").compile()).build());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        GrammarException none = assertThrows(GrammarException.class,
                () -> JsgfGrammar.parse("t.gram", "#JSGF V1.0;\ngrammar t;\n<a> = b;").compile());
        assertTrue(none.getMessage().contains("t.gram") && none.getMessage().contains("public"), none.getMessage());
    }

    @Test
    void missingModelDirectoryIsNamed() {
        Path missing = Path.of("/nonexistent/hark-model");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SphinxAcousticModel.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void corruptedModelFailsItsChecksum() throws Exception {
        Path dir = TestData.scratch("corrupt-model");
        for (String f : new String[] {"feat.params", "mdef", "means", "variances", "sendump", "transition_matrices"}) {
            Files.copy(TestData.MODEL.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] means = Files.readAllBytes(dir.resolve("means"));
        means[means.length / 2] ^= 0x10;
        Files.write(dir.resolve("means"), means);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SphinxAcousticModel.load(dir));
        assertTrue(e.getMessage().contains("means") && e.getMessage().contains("checksum"), e.getMessage());
    }
}
