package dev.hark.nlu;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A filled slot of a parse: characters {@code [start, end)} of the input ({@code rawValue}), the resolved
 * value, the entity and the slot name.
 */
public record Slot(int start, int end, String rawValue, SlotValue value, String entity, String slotName) {
    /** The snips-nlu JSON object of this slot. */
    public Map<String, Object> toJson() {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("start", start);
        range.put("end", end);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("range", range);
        m.put("rawValue", rawValue);
        m.put("value", value.toJson());
        m.put("entity", entity);
        m.put("slotName", slotName);
        return m;
    }
}
