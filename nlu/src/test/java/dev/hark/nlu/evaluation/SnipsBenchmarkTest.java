package dev.hark.nlu.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetLoader;
import dev.hark.nlu.dataset.Intent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A small cross-validation on real crowd-sourced sentences: the first 100 utterances of each of the seven
 * Snips 2017 benchmark training sets (../shared/data/snips2017-train), 2 folds. Most slot values of a
 * held-out sentence (titles, names, places) are then in no training sentence, so this fails when the
 * parser stops generalising to unseen values. The full 5-fold figure is a documented command
 * (docs/benchmarks/nlu.md), not a test.
 */
class SnipsBenchmarkTest {
    private static final Path SETS = Path.of(System.getProperty("hark.root", "..")).resolve("../shared/data/snips2017-train");

    @Test
    void generalisesToUnseenValuesOnCrowdSentences() throws Exception {
        assumeTrue(Files.isDirectory(SETS), "the Snips 2017 training sets are not beside the checkout");
        Dataset all = DatasetLoader.load(SETS);
        assertEquals(List.of("AddToPlaylist", "BookRestaurant", "GetWeather", "PlayMusic", "RateBook",
                "SearchCreativeWork", "SearchScreeningEvent"), List.copyOf(all.intents().keySet()));
        Map<String, Intent> small = new LinkedHashMap<>();
        for (Intent i : all.intents().values()) {
            assertTrue(i.utterances().size() > 1900, i.name() + ": " + i.utterances().size());
            small.put(i.name(), new Intent(i.name(), i.utterances().subList(0, 100), List.of()));
        }
        Dataset d = new Dataset(all.language(), small, all.customEntities(), all.builtinEntities());
        EvaluationReport r = NluEvaluation.builder().dataset(d).folds(2).build().run();
        System.out.println("snips 2017, 100 per intent, 2 folds: intent accuracy " + r.intentAccuracy() + ", slot F1 "
                + r.slots().f1());
        assertEquals(700, r.sentences());
        assertTrue(r.intentAccuracy() >= 0.92, r.confusions().toString());
        assertTrue(r.slots().f1() >= 0.82, r.perSlot().toString());
    }
}
