package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real people's coffee orders through {@code hark eval}: a fixed subset of
 * ../shared/data/commands-dev (every fifth recording in name order, 42 files; the part of the set
 * kept aside to confirm tuning, docs/benchmarks/asr.md) must be understood at least as well as the
 * floor and none may come out as an empty transcript. A frontend or search regression on real
 * recordings (silence handling, pruning, rejection threshold) falls below it.
 */
class CommandsDevEvalTest {
    private static final Path COMMANDS = Path.of(System.getProperty("hark.root", "."))
            .resolve("../shared/data/commands-dev").normalize();
    /**
     * With the default acoustic model, the neural one since 2026-12-02, 40 of the 42 are understood
     * in the all-206 run (the GMM: 41; the neural model is ahead on all 206, 98.1 against 97.1 %: two
     * of its four clean errors fall in this subset, docs/benchmarks/asr.md);
     * the floor allows one more error, not a regression: before silence removal this subset's share
     * was about 80 %.
     */
    private static final double FLOOR = 0.90;

    @Test
    void understandsTheConfirmationSubsetAboveTheFloorWithNoEmptyTranscript() throws Exception {
        List<String> args = new ArrayList<>(List.of("eval", "--assistant", COMMANDS.resolve("barista.json").toString(),
                "--labels", COMMANDS.resolve("labels.json").toString(), "--json"));
        args.addAll(confirmationSubset());
        CliHarness r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(0, r.exit, r.err);
        JsonNode clean = new ObjectMapper().readTree(r.out.trim());
        assertEquals(42, clean.get("files").asInt(), r.out);
        assertEquals(0, clean.get("empty").asInt(), "no empty transcript on speech: " + r.out);
        assertTrue(clean.get("accuracy").asDouble() >= FLOOR, "accuracy under the floor " + FLOOR + ": " + r.out);
    }

    /**
     * The three speakers who say "mocha" with a ch (M AA CH AH and the like; docs/asr.md,
     * "Pronunciation variants"): with only the dictionary's M OW K AH, Hark, the GMM and pocketsphinx all
     * heard "latte". Hark's bundled variant must reach the recogniser and the reference's dictionary.
     */
    @Test
    void mochaSaidWithAChIsUnderstoodByHarkAndTheReference() throws Exception {
        List<String> args = new ArrayList<>(List.of("eval", "--assistant", COMMANDS.resolve("barista.json").toString(),
                "--labels", COMMANDS.resolve("labels.json").toString(), "--reference", "pocketsphinx", "--json"));
        for (String f : List.of("330b5017-23c4-4346-adaa-da3ffeefead1", "bac48298-a977-4e98-b436-8d4188d5ffd5",
                "d8228c74-9c2c-4646-8369-ef2f08146768")) {
            args.add(COMMANDS.resolve("clean").resolve(f + ".wav").toString());
        }
        CliHarness r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(0, r.exit, r.err);
        JsonNode clean = new ObjectMapper().readTree(r.out.trim());
        assertEquals(1.0, clean.get("accuracy").asDouble(), r.out);
        assertEquals(1.0, clean.get("reference").get("accuracy").asDouble(), r.out);
    }

    /** Every fifth recording of commands-dev/clean in name order. */
    static List<String> confirmationSubset() throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(COMMANDS.resolve("clean"))) {
            List<Path> sorted = files.filter(f -> f.toString().endsWith(".wav")).sorted().toList();
            for (int i = 0; i < sorted.size(); i += 5) out.add(sorted.get(i).toString());
        }
        return out;
    }
}
