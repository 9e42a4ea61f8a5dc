package dev.hark.nlu.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetLoader;
import dev.hark.nlu.dataset.Utterance;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingSetTest {
    /** "title": every value said once and listed nowhere (open); "room": two listed values said again and again. */
    private static final String JSON = """
            {"language": "en", "intents": {"play": {"utterances": [
              {"data": [{"text": "play "}, {"text": "blue moon rising", "entity": "title", "slot_name": "title"},
                        {"text": " in the "}, {"text": "kitchen", "entity": "room", "slot_name": "room"}]},
              {"data": [{"text": "play "}, {"text": "the long road", "entity": "title", "slot_name": "title"},
                        {"text": " in the "}, {"text": "bedroom", "entity": "room", "slot_name": "room"}]},
              {"data": [{"text": "put on "}, {"text": "rain in may", "entity": "title", "slot_name": "title"},
                        {"text": " in the "}, {"text": "kitchen", "entity": "room", "slot_name": "room"}]},
              {"data": [{"text": "play something in the "}, {"text": "bedroom", "entity": "room", "slot_name": "room"}]}]}},
             "entities": {"title": {"data": [], "automatically_extensible": true},
                          "room": {"data": [{"value": "kitchen"}, {"value": "bedroom"}]}}}
            """;

    @Test
    void openEntitiesAreThoseWhoseValuesOneUtteranceEachTeaches() throws Exception {
        TrainingSet data = new TrainingSet(DatasetLoader.fromJson(JSON, "t.json"), new Random(1));
        assertEquals(Set.of("title"), data.openEntities());
    }

    @Test
    void strayWordsNeverLandInsideASlotValue() throws Exception {
        Dataset d = DatasetLoader.fromJson(JSON, "t.json");
        TrainingSet data = new TrainingSet(d, new Random(1));
        Utterance u = d.intents().get("play").utterances().get(0);
        Random random = new Random(2);
        for (int i = 0; i < 200; i++) {
            Utterance stray = data.withStrayWord(u, random);
            assertEquals(u.slots(), stray.slots());
            assertEquals(u.text().split(" +").length + 1, stray.text().trim().split(" +").length, stray.text());
        }
    }
}
