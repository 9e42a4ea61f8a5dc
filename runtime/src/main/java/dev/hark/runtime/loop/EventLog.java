package dev.hark.runtime.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;

/**
 * Where the assistant's events go: one JSON object per line ({@code {"t": 3.52, "event": "wake", ...}},
 * DESIGN.md §5) for scripts and tests, or one readable line per event for a person. Each event carries
 * its stream time {@code t} in seconds. Called a few times per command, never per frame.
 */
public final class EventLog {
    private final PrintWriter out;
    private final boolean json;
    private final ObjectMapper mapper = new ObjectMapper();

    public EventLog(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** A fresh event object with {@code t} and {@code event} set; add fields, then {@link #emit}. */
    public ObjectNode event(double t, String event) {
        return mapper.createObjectNode().put("t", Math.round(t * 1000) / 1000.0).put("event", event);
    }

    public void emit(ObjectNode event) {
        if (json) {
            out.println(event.toString());
        } else {
            StringBuilder line = new StringBuilder(String.format("[%8.2f s] %-10s", event.get("t").asDouble(),
                    event.get("event").asText()));
            Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> fields = event.fields();
            while (fields.hasNext()) {
                Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> f = fields.next();
                if (!f.getKey().equals("t") && !f.getKey().equals("event")) {
                    line.append(' ').append(f.getKey()).append('=')
                            .append(f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
                }
            }
            out.println(line);
        }
        out.flush();
    }
}
