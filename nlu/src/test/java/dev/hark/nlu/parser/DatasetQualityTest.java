package dev.hark.nlu.parser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.nlu.dataset.DatasetLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Trains on each of the three test datasets' templates and parses their independently written test
 * sentences, and their development sentences (indirect requests, synonyms, fillers: the part the parser
 * is tuned on); asserts intent accuracy and slot F1 floors a little below the measured figures.
 */
class DatasetQualityTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    static Path dataset(String name) {
        return Path.of(System.getProperty("hark.root", "..")).resolve("nlu/src/test/resources/datasets").resolve(name);
    }

    @ParameterizedTest
    @CsvSource({"smarthome, test, 0.96, 0.97", "timers, test, 0.96, 0.97", "music, test, 0.96, 0.97",
                "smarthome, dev, 0.90, 0.95", "timers, dev, 0.85, 0.90", "music, dev, 0.68, 0.90"})
    void meetsQualityFloors(String name, String part, double minAccuracy, double minF1) throws Exception {
        IntentParser parser = IntentParser.builder()
                .dataset(DatasetLoader.load(dataset(name).resolve("train.txt")))
                .clock(CLOCK).build();
        Evaluation e = Evaluation.of(parser, AnnotatedSentence.read(dataset(name).resolve(part + ".txt")));
        String label = name + " " + part;
        System.out.println(label + ": " + e);
        e.errors.forEach(err -> System.out.println("  " + err));
        assertTrue(e.intentAccuracy() >= minAccuracy, label + ": " + e + "\n" + String.join("\n", e.errors));
        assertTrue(e.slotF1() >= minF1, label + ": " + e + "\n" + String.join("\n", e.errors));
    }
}
