package dev.hark.nlu.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
    static final String DESIGN_EXAMPLE = """
            {"language": "en",
             "intents": {"setTimer": {"utterances": [
               {"data": [{"text": "set a timer for "},
                         {"text": "five minutes", "entity": "snips/duration", "slot_name": "duration"}]}]},
                         "goTo": {"utterances": [{"data": [{"text": "go to the "},
                         {"text": "cooking room", "entity": "room", "slot_name": "room"}]}]}},
             "entities": {"room": {"data": [{"value": "kitchen", "synonyms": ["cooking room"]}],
                                   "use_synonyms": true, "automatically_extensible": false,
                                   "matching_strictness": 0.8},
                          "snips/duration": {}}}
            """;

    @Test
    void loadsTheSnipsFormat() throws Exception {
        Dataset d = DatasetLoader.fromJson(DESIGN_EXAMPLE, "example.json");
        assertEquals(List.of("setTimer", "goTo"), List.copyOf(d.intents().keySet()));
        Utterance u = d.intents().get("setTimer").utterances().get(0);
        assertEquals("set a timer for five minutes", u.text());
        assertEquals(Chunk.slot("five minutes", "snips/duration", "duration"), u.slots().get(0));
        CustomEntity room = d.customEntities().get("room");
        assertEquals(List.of(new EntityValue("kitchen", List.of("cooking room"))), room.values());
        assertTrue(room.useSynonyms());
        assertFalse(room.automaticallyExtensible());
        assertEquals(0.8, room.matchingStrictness());
        assertEquals(java.util.Set.of(BuiltinEntity.DURATION), d.builtinEntities());
        assertTrue(d.definesEntity("snips/duration"));
        assertFalse(d.definesEntity("snips/number"));
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        String json = "{\"language\": \"en\",\n \"intents\": {\"a\": [1, }\n}";
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetLoader.fromJson(json, "bad.json"));
        assertTrue(e.getMessage().startsWith("bad.json:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void everyFaultIsReportedWithItsJsonPath() {
        String json = """
                {"language": "en",
                 "intents": {"turnOn": {"utterances": [
                     {"data": [{"text": "turn on the "}, {"text": "lamp", "entity": "device", "slot_name": "device"}]},
                     {"data": [{"text": "switch on "}, {"text": "it", "slot_name": "device"}]}]},
                   "empty": {"utterances": []}},
                 "entities": {"snips/amountOfMoney": {}, "room": {"data": [{"synonyms": ["x"]}]}}}
                """;
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetLoader.fromJson(json, "d.json"));
        List<String> p = e.problems();
        assertTrue(p.contains("d.json: $.intents.turnOn.utterances[0].data[1].entity: entity \"device\" is not defined"), p.toString());
        assertTrue(p.contains("d.json: $.intents.turnOn.utterances[1].data[1].entity: missing for slot \"device\""), p.toString());
        assertTrue(p.contains("d.json: $.intents.empty.utterances: intent \"empty\" has no utterances"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("d.json: $.entities[\"snips/amountOfMoney\"]: unsupported built-in")), p.toString());
        assertTrue(p.contains("d.json: $.entities.room.data[0].value: missing"), p.toString());
    }

    @Test
    void emptyDatasetIsAnError() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetLoader.fromJson("{\"language\":\"en\",\"intents\":{},\"entities\":{}}", "e.json"));
        assertEquals("e.json: the dataset has no intents", e.getMessage());
    }

    @Test
    void templateFileDefinesIntentsAndEntities() throws Exception {
        Dataset d = DatasetLoader.fromTemplates("""
                # lights
                [turnOn]
                turn on the $room:room light[s]   # trailing comment
                (switch | put) on [the] lights in the $room

                [$room automatically_extensible=false]
                kitchen
                living room = lounge | front room
                """, "lights.txt");
        Intent on = d.intents().get("turnOn");
        assertEquals(2, on.templates().size());
        assertEquals("lights.txt:3", on.templates().get(0).origin());
        CustomEntity room = d.customEntities().get("room");
        assertFalse(room.automaticallyExtensible());
        assertEquals(new EntityValue("living room", List.of("lounge", "front room")), room.values().get(1));
    }

    @Test
    void templateErrorsNameLineAndColumn() {
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetLoader.fromTemplates(
                "[turnOn]\nturn on\n(switch | put on the $room:room\n", "t.txt"));
        assertTrue(e.problems().contains("t.txt:3:1: '(' is not closed by ')'"), e.problems().toString());
        DatasetException undefined = assertThrows(DatasetException.class, () -> DatasetLoader.fromTemplates(
                "[turnOn]\nturn on the $room:room\n", "u.txt"));
        assertEquals("u.txt:2: entity \"room\" is not defined", undefined.getMessage());
    }

    @Test
    void directoryMergesDatasetsAndTemplates(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), DESIGN_EXAMPLE);
        Files.writeString(dir.resolve("b.txt"), "[setTimer]\nstart a $snips/duration:duration timer\n[$room automatically_extensible=false matching_strictness=0.8]\nbathroom\n");
        Files.writeString(dir.resolve("README.md"), "not a dataset");
        Dataset d = DatasetLoader.load(dir);
        Intent timer = d.intents().get("setTimer");
        assertEquals(1, timer.utterances().size());
        assertEquals(1, timer.templates().size());
        assertEquals(List.of("kitchen", "bathroom"),
                d.customEntities().get("room").values().stream().map(EntityValue::value).toList());
    }

    @Test
    void slotNameBoundToOneEntityPerIntent() {
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetLoader.fromTemplates(
                "[set]\nset $snips/number:x\nset $snips/percentage:x\n", "s.txt"));
        assertTrue(e.getMessage().startsWith("s.txt:3: slot \"x\" of intent \"set\""), e.getMessage());
    }
}
