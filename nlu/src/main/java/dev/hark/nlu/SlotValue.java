package dev.hark.nlu;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resolved slot value in the snips-nlu shapes: {@link #toJson()} gives the {@code "value"} object of the
 * parse output, e.g. {@code {"kind": "Number", "value": 21.0}}. Immutable.
 */
public sealed interface SlotValue {
    /** The snips-nlu kind: Custom, Number, Ordinal, Percentage, Temperature, Duration, InstantTime, TimeInterval. */
    String kind();

    /** The snips-nlu JSON object of this value, fields in snips-nlu order, ready for Jackson. */
    Map<String, Object> toJson();

    /** A custom entity's value: the canonical value when the text matched a value or synonym, else the text. */
    record Custom(String value) implements SlotValue {
        public String kind() {
            return "Custom";
        }

        public Map<String, Object> toJson() {
            return json(kind(), "value", value);
        }
    }

    record Number(double value) implements SlotValue {
        public String kind() {
            return "Number";
        }

        public Map<String, Object> toJson() {
            return json(kind(), "value", value);
        }
    }

    record Ordinal(long value) implements SlotValue {
        public String kind() {
            return "Ordinal";
        }

        public Map<String, Object> toJson() {
            return json(kind(), "value", value);
        }
    }

    record Percentage(double value) implements SlotValue {
        public String kind() {
            return "Percentage";
        }

        public Map<String, Object> toJson() {
            return json(kind(), "value", value);
        }
    }

    /** {@code unit} is "celsius", "fahrenheit", or "degree" when the speaker named no scale. */
    record Temperature(double value, String unit) implements SlotValue {
        public String kind() {
            return "Temperature";
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = json(kind(), "value", value);
            m.put("unit", unit);
            return m;
        }
    }

    /** A duration as said ("90 seconds" stays 90 seconds); {@code precision} is "Exact" or "Approximate". */
    record Duration(long years, long quarters, long months, long weeks, long days, long hours, long minutes,
                    long seconds, String precision) implements SlotValue {
        public String kind() {
            return "Duration";
        }

        /** The total length in seconds (months as 30 days, years as 365 days). */
        public long totalSeconds() {
            return ((((years * 365 + quarters * 91 + months * 30 + weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60)
                    + seconds;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind());
            m.put("years", years);
            m.put("quarters", quarters);
            m.put("months", months);
            m.put("weeks", weeks);
            m.put("days", days);
            m.put("hours", hours);
            m.put("minutes", minutes);
            m.put("seconds", seconds);
            m.put("precision", precision);
            return m;
        }
    }

    /** A point in time, {@code value} as "2026-11-27 19:30:00 +00:00"; {@code grain} Second, Minute, Hour or Day. */
    record InstantTime(String value, String grain, String precision) implements SlotValue {
        public String kind() {
            return "InstantTime";
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = json(kind(), "value", value);
            m.put("grain", grain);
            m.put("precision", precision);
            return m;
        }
    }

    /** A span of time ("tomorrow morning"), bounds formatted as in {@link InstantTime}; {@code to} exclusive. */
    record TimeInterval(String from, String to) implements SlotValue {
        public String kind() {
            return "TimeInterval";
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind());
            m.put("from", from);
            m.put("to", to);
            return m;
        }
    }

    private static Map<String, Object> json(String kind, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put(key, value);
        return m;
    }
}
