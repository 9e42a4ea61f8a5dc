package dev.hark.runtime.hermes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.runtime.loop.DialogueListener;
import dev.hark.runtime.loop.SpeakerStage;

/**
 * The topics and JSON bodies of the Hermes messages Hark publishes, in the shapes of Snips' hermes-protocol
 * ontology ({@code hermes/src/ontology/*.rs}) with Rhasspy's additions (rhasspy-hermes, Rhasspy's
 * "Reference: MQTT API"), so actions written for either read them unchanged: camelCase fields,
 * {@code siteId} and {@code sessionId} everywhere, slots with {@code rawValue} and a resolved
 * {@code value: {"kind": ...}}. docs/hermes.md lists each message and its sources. Builds a small
 * tree per message; a few per command.
 */
public final class HermesMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HermesMessages() {
    }

    /** {@code hermes/hotword/<wakewordId>/detected}. */
    public static String hotwordDetectedTopic(String wakewordId) {
        return "hermes/hotword/" + wakewordId + "/detected";
    }

    /** {@code hermes/intent/<intentName>}. */
    public static String intentTopic(String intentName) {
        return "hermes/intent/" + intentName;
    }

    /** {@code hermes/audioServer/<siteId>/playBytes/<requestId>} (the body is a WAV file). */
    public static String playBytesTopic(String siteId, String requestId) {
        return "hermes/audioServer/" + siteId + "/playBytes/" + requestId;
    }

    public static final String TEXT_CAPTURED = "hermes/asr/textCaptured";
    public static final String INTENT_PARSED = "hermes/nlu/intentParsed";
    public static final String NLU_INTENT_NOT_RECOGNIZED = "hermes/nlu/intentNotRecognized";
    public static final String DM_INTENT_NOT_RECOGNIZED = "hermes/dialogueManager/intentNotRecognized";
    public static final String SESSION_STARTED = "hermes/dialogueManager/sessionStarted";
    public static final String SESSION_QUEUED = "hermes/dialogueManager/sessionQueued";
    public static final String SESSION_ENDED = "hermes/dialogueManager/sessionEnded";
    public static final String SAY_FINISHED = "hermes/tts/sayFinished";

    /** A hotword detection: Snips' HotwordDetectedMessage plus Rhasspy's sessionId. */
    public static ObjectNode hotwordDetected(String siteId, String sessionId, String modelId) {
        return JSON.createObjectNode().put("siteId", siteId).put("modelId", modelId).put("modelVersion", "")
                .put("modelType", "universal").put("currentSensitivity", 1.0).put("sessionId", sessionId);
    }

    /** SessionStartedMessage. */
    public static ObjectNode sessionStarted(String siteId, String sessionId, String customData) {
        return JSON.createObjectNode().put("sessionId", sessionId).put("customData", customData).put("siteId", siteId)
                .putNull("reactivatedFromSessionId");
    }

    /** SessionQueuedMessage. */
    public static ObjectNode sessionQueued(String siteId, String sessionId, String customData) {
        return JSON.createObjectNode().put("sessionId", sessionId).put("customData", customData).put("siteId", siteId);
    }

    /** SessionEndedMessage: {@code termination.reason} one of the Hermes reasons, with {@code error} for errors. */
    public static ObjectNode sessionEnded(String siteId, String sessionId, String customData,
                                          DialogueListener.Ending ending, String error) {
        ObjectNode m = JSON.createObjectNode().put("sessionId", sessionId).put("customData", customData);
        ObjectNode termination = m.putObject("termination").put("reason", reason(ending));
        if (ending == DialogueListener.Ending.ERROR) {
            termination.put("error", error == null ? "" : error);
        }
        m.put("siteId", siteId);
        return m;
    }

    static String reason(DialogueListener.Ending ending) {
        return switch (ending) {
            case NOMINAL -> "nominal";
            case INTENT_NOT_RECOGNIZED -> "intentNotRecognized";
            case TIMEOUT -> "timeout";
            case ERROR -> "error";
        };
    }

    /** TextCapturedMessage: the transcript, the recogniser's confidence as likelihood, seconds spent finishing. */
    public static ObjectNode textCaptured(String siteId, String sessionId, String text, double likelihood,
                                          double seconds, String wakewordId) {
        return JSON.createObjectNode().put("text", text).put("likelihood", round(likelihood)).put("seconds", round(seconds))
                .put("siteId", siteId).put("sessionId", sessionId).put("wakewordId", wakewordId);
    }

    /** NluIntentMessage on {@code hermes/nlu/intentParsed} (Rhasspy adds siteId). */
    public static ObjectNode intentParsed(String siteId, String sessionId, ParseResult parse) {
        ObjectNode m = JSON.createObjectNode().putNull("id").put("input", parse.input());
        intentAndSlots(m, parse);
        return m.put("sessionId", sessionId).put("siteId", siteId);
    }

    /**
     * IntentMessage on {@code hermes/intent/<intentName>}: what an action subscribes to. {@code speaker}
     * (null: no voice enrolled) becomes Snips' speakerHypotheses.
     */
    public static ObjectNode intent(String siteId, String sessionId, String customData, ParseResult parse,
                                    double asrConfidence, SpeakerStage.Match speaker, String wakewordId) {
        ObjectNode m = JSON.createObjectNode().put("sessionId", sessionId).put("customData", customData)
                .put("siteId", siteId).put("input", parse.input()).put("asrConfidence", round(asrConfidence));
        intentAndSlots(m, parse);
        if (speaker != null) {
            m.putArray("speakerHypotheses").addObject().put("name", speaker.speaker()).put("confidence", round(speaker.score()));
        }
        return m.put("wakewordId", wakewordId).put("lang", "en");
    }

    private static void intentAndSlots(ObjectNode m, ParseResult parse) {
        m.putObject("intent").put("intentName", parse.intentName()).put("confidenceScore", round(parse.probability()));
        ArrayNode slots = m.putArray("slots");
        for (Slot s : parse.slots()) {
            ObjectNode slot = slots.addObject().put("rawValue", s.rawValue());
            slot.set("value", JSON.valueToTree(s.value().toJson()));
            slot.putArray("alternatives");
            slot.putObject("range").put("start", s.start()).put("end", s.end());
            // Snips names the slot's score confidenceScore, Rhasspy confidence; the grammar gives the parse's
            slot.put("entity", s.entity()).put("slotName", s.slotName())
                    .put("confidenceScore", round(parse.probability())).put("confidence", round(parse.probability()));
        }
    }

    /** NluIntentNotRecognizedMessage on {@code hermes/nlu/intentNotRecognized} (Rhasspy adds siteId). */
    public static ObjectNode nluIntentNotRecognized(String siteId, String sessionId, String input, double confidence) {
        return JSON.createObjectNode().putNull("id").put("input", input).put("confidenceScore", round(confidence))
                .put("sessionId", sessionId).put("siteId", siteId);
    }

    /** IntentNotRecognizedMessage on {@code hermes/dialogueManager/intentNotRecognized}, for a session that asked. */
    public static ObjectNode dialogueIntentNotRecognized(String siteId, String sessionId, String customData,
                                                         String input, double confidence) {
        return JSON.createObjectNode().put("sessionId", sessionId).put("customData", customData).put("siteId", siteId)
                .put("input", input).put("confidenceScore", round(confidence));
    }

    /** SayFinishedMessage (Rhasspy adds siteId). */
    public static ObjectNode sayFinished(String siteId, String id, String sessionId) {
        return JSON.createObjectNode().put("id", id).put("sessionId", sessionId).put("siteId", siteId);
    }

    /** A message body as bytes (UTF-8 JSON). */
    public static byte[] bytes(JsonNode message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
