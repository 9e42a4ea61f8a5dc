package dev.hark.runtime.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.nlu.SlotValue;
import dev.hark.runtime.loop.DialogueListener;
import dev.hark.runtime.loop.SpeakerStage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every message Hark publishes, field by field, against the Hermes documentation: the Snips ontology
 * (snipsco/hermes-protocol {@code hermes/src/ontology/{hotword,asr,nlu,dialogue,tts}.rs}: serde
 * camelCase, required fields non-optional there) and Rhasspy's reference (rhasspy-hermes
 * {@code nlu.py}, {@code intent.py}, {@code dialogue.py}; Rhasspy's docs "Reference: MQTT API"), which adds
 * siteId to several messages. A field Snips declares {@code Option} may be null; one it requires must be
 * there with its JSON type. docs/HERMES.md lists the same sources.
 */
class HermesMessagesTest {
    private final ObjectMapper mapper = new ObjectMapper();

    /** Expected JSON types: "string", "number", "object", "array", "boolean", "string?" (string or null). */
    private static void shape(JsonNode m, Map<String, String> fields) {
        for (Map.Entry<String, String> f : fields.entrySet()) {
            JsonNode v = m.get(f.getKey());
            assertTrue(v != null, "missing " + f.getKey() + " in " + m);
            boolean ok = switch (f.getValue()) {
                case "string" -> v.isTextual();
                case "string?" -> v.isTextual() || v.isNull();
                case "number" -> v.isNumber();
                case "object" -> v.isObject();
                case "array" -> v.isArray();
                case "boolean" -> v.isBoolean();
                default -> throw new IllegalArgumentException(f.getValue());
            };
            assertTrue(ok, f.getKey() + " should be " + f.getValue() + " in " + m);
        }
    }

    private static ParseResult latte() {
        return new ParseResult("a large latte in five minutes", "orderDrink", 0.93, List.of(
                new Slot(2, 7, "large", new SlotValue.Custom("large"), "size", "size"),
                new Slot(14, 29, "in five minutes", new SlotValue.Duration(0, 0, 0, 0, 0, 0, 5, 0, "Exact"),
                        "snips/duration", "when")));
    }

    @Test
    void hotwordDetected() {
        assertEquals("hermes/hotword/hey_jarvis/detected", HermesMessages.hotwordDetectedTopic("hey_jarvis"));
        JsonNode m = HermesMessages.hotwordDetected("kitchen", "s1", "hey_jarvis");
        shape(m, Map.of("siteId", "string", "modelId", "string", "modelVersion", "string?", "modelType", "string",
                "currentSensitivity", "number", "sessionId", "string"));
        assertTrue(List.of("universal", "personal").contains(m.get("modelType").asText()), "Snips' HotwordModelType");
    }

    @Test
    void textCaptured() {
        JsonNode m = HermesMessages.textCaptured("default", "s1", "a large latte", 0.9, 0.004, "hey_jarvis");
        shape(m, Map.of("text", "string", "likelihood", "number", "seconds", "number", "siteId", "string",
                "sessionId", "string?", "wakewordId", "string?"));
    }

    @Test
    void intentParsedAndTheIntentCarrySnipsSlots() {
        JsonNode parsed = HermesMessages.intentParsed("default", "s1", latte());
        shape(parsed, Map.of("id", "string?", "input", "string", "intent", "object", "slots", "array",
                "sessionId", "string?", "siteId", "string"));

        assertEquals("hermes/intent/orderDrink", HermesMessages.intentTopic("orderDrink"));
        JsonNode m = HermesMessages.intent("default", "s1", null, latte(), 0.88, null, "hey_jarvis");
        shape(m, Map.of("sessionId", "string", "customData", "string?", "siteId", "string", "input", "string",
                "asrConfidence", "number", "intent", "object", "slots", "array"));
        shape(m.get("intent"), Map.of("intentName", "string", "confidenceScore", "number"));
        assertEquals("orderDrink", m.at("/intent/intentName").asText());
        assertFalse(m.has("speakerHypotheses"), "no voice enrolled: no hypothesis");
        for (JsonNode slot : m.get("slots")) {
            // snips-nlu-ontology's Slot, plus Rhasspy's "confidence"
            shape(slot, Map.of("rawValue", "string", "value", "object", "alternatives", "array", "range", "object",
                    "entity", "string", "slotName", "string", "confidenceScore", "number", "confidence", "number"));
            shape(slot.get("range"), Map.of("start", "number", "end", "number"));
            assertEquals(slot.get("rawValue").asText(), m.get("input").asText()
                    .substring(slot.at("/range/start").asInt(), slot.at("/range/end").asInt()));
        }
        assertEquals("Custom", m.at("/slots/0/value/kind").asText());
        assertEquals("large", m.at("/slots/0/value/value").asText());
        assertEquals("Duration", m.at("/slots/1/value/kind").asText());
        assertEquals(5, m.at("/slots/1/value/minutes").asInt());
        assertEquals("Exact", m.at("/slots/1/value/precision").asText());

        JsonNode spoken = HermesMessages.intent("default", "s1", "order-42", latte(), 0.88,
                new SpeakerStage.Match("alice", 0.81), "hey_jarvis");
        assertEquals("order-42", spoken.get("customData").asText());
        shape(spoken.at("/speakerHypotheses/0"), Map.of("name", "string?", "confidence", "number"));
        assertEquals("alice", spoken.at("/speakerHypotheses/0/name").asText());
    }

    @Test
    void intentNotRecognized() {
        shape(HermesMessages.nluIntentNotRecognized("default", "s1", "what is the weather on mars", 1.0),
                Map.of("id", "string?", "input", "string", "confidenceScore", "number", "sessionId", "string?", "siteId", "string"));
        shape(HermesMessages.dialogueIntentNotRecognized("default", "s1", null, "what is the weather on mars", 1.0),
                Map.of("sessionId", "string", "customData", "string?", "siteId", "string", "input", "string?",
                        "confidenceScore", "number"));
    }

    @Test
    void sessionMessages() {
        shape(HermesMessages.sessionStarted("default", "s1", "data"), Map.of("sessionId", "string", "customData", "string?",
                "siteId", "string", "reactivatedFromSessionId", "string?"));
        shape(HermesMessages.sessionQueued("default", "s1", null), Map.of("sessionId", "string", "customData", "string?",
                "siteId", "string"));
        for (DialogueListener.Ending e : DialogueListener.Ending.values()) {
            JsonNode m = HermesMessages.sessionEnded("default", "s1", null, e, "skill 'x' failed");
            shape(m, Map.of("sessionId", "string", "customData", "string?", "termination", "object", "siteId", "string"));
            // the reasons of Snips' SessionTerminationType and Rhasspy's DialogueSessionTerminationReason
            assertTrue(List.of("nominal", "abortedByUser", "intentNotRecognized", "timeout", "error")
                    .contains(m.at("/termination/reason").asText()), m.toString());
        }
        JsonNode error = HermesMessages.sessionEnded("default", "s1", null, DialogueListener.Ending.ERROR, "skill 'x' failed");
        assertEquals("skill 'x' failed", error.at("/termination/error").asText(), "Snips: Error { error: String }");
    }

    @Test
    void sayFinishedAndPlayBytes() {
        shape(HermesMessages.sayFinished("default", "say-1", null), Map.of("id", "string?", "sessionId", "string?", "siteId", "string"));
        assertEquals("hermes/audioServer/kitchen/playBytes/r1", HermesMessages.playBytesTopic("kitchen", "r1"));
    }

    @Test
    void bodiesAreUtf8Json() throws Exception {
        JsonNode m = HermesMessages.textCaptured("default", "s1", "café", 1, 0, null);
        assertEquals(m, mapper.readTree(HermesMessages.bytes(m)));
    }
}
