package dev.hark.nlu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sentence means: the intent (null when it matches none) with its probability, and the slots.
 * {@link #toJson()} is the snips-nlu parse shape of DESIGN.md §5.
 */
public record ParseResult(String input, String intentName, double probability, List<Slot> slots) {
    public ParseResult {
        slots = List.copyOf(slots);
    }

    /** The result for a sentence that matches no intent. */
    public static ParseResult none(String input, double probability) {
        return new ParseResult(input, null, probability, List.of());
    }

    /** {"input", "intent": {"intentName", "probability"}, "slots": [...]}. */
    public Map<String, Object> toJson() {
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("intentName", intentName);
        intent.put("probability", Math.round(probability * 1e4) / 1e4);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input);
        m.put("intent", intent);
        m.put("slots", slots.stream().map(Slot::toJson).toList());
        return m;
    }
}
