package dev.hark.nlu.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.nlu.SlotValue;
import dev.hark.nlu.dataset.DatasetLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentParserTest {
    static IntentParser travel;

    @BeforeAll
    static void train() throws Exception {
        Path json = Path.of(System.getProperty("hark.root", "..")).resolve("nlu/src/test/resources/snips-travel.json");
        travel = IntentParser.builder().dataset(DatasetLoader.load(json)).clock(DatasetQualityTest.CLOCK).build();
    }

    private static Slot slot(ParseResult r, String name) {
        return r.slots().stream().filter(s -> s.slotName().equals(name)).findFirst().orElse(null);
    }

    @Test
    void snipsDatasetTrainsAndParses() {
        ParseResult r = travel.parse("Get me a train ticket from York to the capital tomorrow morning");
        assertEquals("bookTrain", r.intentName());
        assertEquals(new SlotValue.Custom("york"), slot(r, "origin").value());
        Slot dest = slot(r, "destination");
        assertEquals("the capital", dest.rawValue());
        assertEquals(new SlotValue.Custom("london"), dest.value());
        assertEquals(new SlotValue.TimeInterval("2026-11-28 04:00:00 +00:00", "2026-11-28 12:00:00 +00:00"),
                slot(r, "departure").value());
        assertEquals("cancelBooking", travel.parse("cancel my train to manchester").intentName());
    }

    @Test
    void deterministicParserMatchesTrainingUtterancesWithOtherValues() {
        // "train from X to Y" with values never seen in that utterance: certain, slots from the gazetteer
        ParseResult r = travel.parse("Train from Manchester to big smoke!");
        assertEquals("bookTrain", r.intentName());
        assertEquals(1.0, r.probability());
        assertEquals(List.of("manchester", "london"), r.slots().stream().map(s -> ((SlotValue.Custom) s.value()).value()).toList());
        assertEquals(11, r.slots().get(0).start());
        assertEquals(21, r.slots().get(0).end());
    }

    @Test
    void possessiveAfterASlotKeepsTheValue() {
        // the dataset writes "tomorrow" + "'s booking"; the sentence has "friday's booking"
        ParseResult r = travel.parse("drop friday's booking");
        assertEquals("cancelBooking", r.intentName());
        assertEquals("friday", slot(r, "departure").rawValue());
        assertEquals(new SlotValue.InstantTime("2026-12-04 00:00:00 +00:00", "Day", "Exact"), slot(r, "departure").value());
    }

    @Test
    void nothingToParseIsNoIntentNeverAnException() {
        for (String s : new String[] {"", "   ", "?!.,", "zxqv blorp fnord", "\u00e9t\u00e9 \u4f60\u597d \ud83d\ude00",
                "what is the capital of france", "a".repeat(5000), "the ".repeat(300)}) {
            ParseResult r = travel.parse(s);
            assertNotNull(r);
            assertEquals(s, r.input());
        }
        java.util.Random random = new java.util.Random(5);
        String alphabet = "abc xyz 019:,.'%°-?!\u00e9\u4f60 ";
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertNotNull(travel.parse(sb.toString()));
        }
        assertNull(travel.parse("").intentName());
        assertNull(travel.parse("?!.,").intentName());
        assertNull(travel.parse("my sister bought a new car").intentName());
    }

    @Test
    void savedModelParsesLikeTheTrainedOne(@TempDir Path dir) throws Exception {
        travel.save(dir);
        IntentParser loaded = IntentParser.load(dir, DatasetQualityTest.CLOCK);
        for (String s : List.of("book three seats to london please", "I'd like to go to Leeds on monday",
                "cancel the ticket from york", "hello there")) {
            ParseResult trained = travel.parse(s);
            ParseResult read = loaded.parse(s);
            // the file keeps weights in 16 bits: the same intent and slots, the probability within 1e-3
            assertEquals(trained.intentName(), read.intentName(), s);
            assertEquals(trained.slots(), read.slots(), s);
            assertEquals(trained.probability(), read.probability(), 1e-3, s);
        }
        assertEquals(travel.intents(), loaded.intents());
    }

    @Test
    void corruptModelsAreRefusedWithTheFileName(@TempDir Path dir) throws Exception {
        Path model = dir.resolve(IntentParser.MODEL_FILE);
        Files.writeString(model, "not a model");
        IOException e = assertThrows(IOException.class, () -> IntentParser.load(dir));
        assertTrue(e.getMessage().startsWith(model.toString()), e.getMessage());
        travel.save(dir);
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException truncated = assertThrows(IOException.class, () -> IntentParser.load(dir));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    }
}
