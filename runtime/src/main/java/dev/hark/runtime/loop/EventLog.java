package dev.hark.runtime.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;

/**
 * Where the assistant's events go: one JSON object per line ({@code {"t": 3.52, "event": "wake", ...}},
 * DESIGN.md §5) for scripts and tests, or one readable line per event for a person. Each event carries
 * its stream time {@code t} in seconds; the events of a satellite's loop also carry its {@code site}.
 * Called a few times per command, never per frame; loops on several threads may share one log (each
 * event is one line, written whole).
 */
public final class EventLog {
    private final PrintWriter out;
    private final boolean json;
    private final String site;
    private final ObjectMapper mapper = new ObjectMapper();

    public EventLog(PrintWriter out, boolean json) {
        this(out, json, null);
    }

    private EventLog(PrintWriter out, boolean json, String site) {
        this.out = out;
        this.json = json;
        this.site = site;
    }

    /** The same log for the events of satellite {@code siteId}: each carries {@code "site": siteId}. */
    public EventLog forSite(String siteId) {
        return new EventLog(out, json, siteId);
    }

    /** A fresh event object with {@code t} and {@code event} set; add fields, then {@link #emit}. */
    public ObjectNode event(double t, String event) {
        ObjectNode e = mapper.createObjectNode().put("t", Math.round(t * 1000) / 1000.0).put("event", event);
        return site == null ? e : e.put("site", site);
    }

    public void emit(ObjectNode event) {
        String line = json ? event.toString() : String.format("[%8.2f s] %s%s", event.get("t").asDouble(),
                site == null ? "" : "(" + site + ") ", readable(event));
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** Converts any value (a slot's JSON map) to a node for an event. */
    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    private static String readable(ObjectNode e) {
        String kind = e.get("event").asText();
        switch (kind) {
            case "start":
                return "listening to " + e.path("input").asText() + " (ready in " + e.path("startup_ms").asLong() + " ms)";
            case "wake":
                return String.format("wake word %s (score %.2f)", e.path("model").asText(), e.path("score").asDouble());
            case "transcript":
                return String.format("heard \"%s\" (confidence %.2f)", e.path("text").asText(), e.path("confidence").asDouble());
            case "speaker":
                return "speaker " + (e.path("speaker").isNull() ? "unknown" : e.path("speaker").asText())
                        + String.format(" (score %.2f)", e.path("score").asDouble());
            case "intent": {
                if (e.path("intentName").isNull()) {
                    return "not understood";
                }
                StringBuilder sb = new StringBuilder("intent ").append(e.path("intentName").asText());
                for (JsonNode slot : e.path("slots")) {
                    sb.append("  ").append(slot.path("slotName").asText()).append(" = ").append(slot.path("rawValue").asText());
                }
                return sb.toString();
            }
            case "response": {
                String who = "Hark (" + e.path("skill").asText("no skill") + "): ";
                String said = e.path("text").isNull() ? "(done)" : "\"" + e.path("text").asText() + "\"";
                String failure = e.has("error") ? "   [" + e.path("outcome").asText() + ": " + e.path("error").asText() + "]" : "";
                return who + said + (e.path("continue_session").asBoolean() ? "   (listening for the answer)" : "") + failure;
            }
            case "error":
                return "error: " + e.path("reason").asText();
            case "end":
                return e.path("reason").asText() + " (" + e.path("frames").asLong() + " frames)";
            default:
                StringBuilder line = new StringBuilder(kind);
                Iterator<Map.Entry<String, JsonNode>> fields = e.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    if (!f.getKey().equals("t") && !f.getKey().equals("event") && !f.getKey().equals("site")) {
                        line.append(' ').append(f.getKey()).append('=')
                                .append(f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
                    }
                }
                return line.toString();
        }
    }
}
