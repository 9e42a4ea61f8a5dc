package dev.hark.nlu.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
    void templateFileFaultsAreAllReported() {
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetLoader.fromTemplates("""
                stray line
                [a/b]
                [ok]
                hello $snips/money
                [$room colour=blue matching_strictness=2]
                kitchen
                = lounge
                [$shut automatically_extensible=false]
                """, "f.txt"));
        List<String> p = e.problems();
        assertTrue(p.contains("f.txt:1: line outside a section; start with [intentName] or [$entityName]"), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("f.txt:2: bad section name \"a/b\"")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("f.txt:4: unsupported built-in entity \"snips/money\"")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("f.txt:5: unknown entity option \"colour\"")), p.toString());
        assertTrue(p.contains("f.txt:5: matching_strictness must be in (0, 1], got 2"), p.toString());
        assertTrue(p.contains("f.txt:7: entity value is empty"), p.toString());
        assertTrue(p.contains("f.txt:8: entity \"shut\" is not extensible and has no values"), p.toString());
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
    void nonTextFilesAreRefused(@TempDir Path dir) throws Exception {
        Path bin = dir.resolve("x.json");
        Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertEquals(bin + ": not UTF-8 text", assertThrows(DatasetException.class, () -> DatasetLoader.load(bin)).getMessage());
        Path empty = dir.resolve("e.json");
        Files.writeString(empty, "");
        assertTrue(assertThrows(DatasetException.class, () -> DatasetLoader.load(empty)).getMessage().startsWith(empty + ": empty"));
    }

    @Test
    void slotNameBoundToOneEntityPerIntent() {
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetLoader.fromTemplates(
                "[set]\nset $snips/number:x\nset $snips/percentage:x\n", "s.txt"));
        assertTrue(e.getMessage().startsWith("s.txt:3: slot \"x\" of intent \"set\""), e.getMessage());
    }

    @Test
    void snipsBenchmarkIntentFilesLoadAsOneAssistant(@TempDir Path dir) throws Exception {
        // the benchmark's per-intent form: no language, no entities; the entity is also the slot name
        Files.writeString(dir.resolve("train_PlayMusic_full.json"), """
                {"PlayMusic": [{"data": [{"text": "play "}, {"text": "Yo Ho", "entity": "track"},
                                         {"text": " from "}, {"text": "the new york pops", "entity": "artist"}]},
                               {"data": [{"text": "play some "}, {"text": "jazz", "entity": "genre"}]}]}
                """);
        Path weather = dir.resolve("train_GetWeather_full.json");
        Files.writeString(weather, """
                {"GetWeather": [{"data": [{"text": "weather in "}, {"text": "Paris", "entity": "city"},
                                          {"text": " in "}, {"text": "ten minutes", "entity": "snips/duration"}]}]}
                """);
        Path rooms = dir.resolve("rooms.txt");
        Files.writeString(rooms, "[turnOn]\nturn on the $city\n[$city automatically_extensible=false]\nkitchen\n");
        Dataset d = DatasetLoader.load(List.of(dir.resolve("train_PlayMusic_full.json"), weather, rooms));
        assertEquals(List.of("PlayMusic", "GetWeather", "turnOn"), List.copyOf(d.intents().keySet()));
        assertEquals(Chunk.slot("Yo Ho", "track", "track"), d.intents().get("PlayMusic").utterances().get(0).slots().get(0));
        CustomEntity artist = d.customEntities().get("artist");
        assertTrue(artist.automaticallyExtensible());
        assertTrue(artist.values().isEmpty(), "values come from the utterances when training");
        assertEquals(Set.of(BuiltinEntity.DURATION), d.builtinEntities());
        // an entity a template file defines keeps its definition
        assertFalse(d.customEntities().get("city").automaticallyExtensible());

        Dataset folder = DatasetLoader.load(dir);
        assertEquals(3, folder.intents().size());
    }

    @Test
    void emojiWrittenAsSurrogatePairsIsRead(@TempDir Path dir) throws Exception {
        // "Pop Punk" and an emoji (U+1F355) written as two 3-byte surrogates (CESU-8), as in the benchmark's PlayMusic file
        byte[] head = "{\"PlayMusic\": [{\"data\": [{\"text\": \"play \"}, {\"text\": \"Pop Punk ".getBytes(StandardCharsets.UTF_8);
        byte[] emoji = {(byte) 0xED, (byte) 0xA0, (byte) 0xBC, (byte) 0xED, (byte) 0xBD, (byte) 0x95};
        byte[] tail = "\", \"entity\": \"playlist\"}]}]}".getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve("p.json");
        Files.write(f, concat(head, emoji, tail));
        Dataset d = DatasetLoader.load(f);
        assertEquals("play Pop Punk \uD83C\uDF55", d.intents().get("PlayMusic").utterances().get(0).text());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
