package dev.hark.nlu.parser;

import dev.hark.nlu.SlotValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test sentence with its expected intent and slots, read from lines {@code intent | text with
 * [raw](slot) or [raw](slot:expected value)}. Expected values are compared with {@link #render(SlotValue)}.
 */
record AnnotatedSentence(String intent, String text, List<Expected> slots) {
    record Expected(int start, int end, String slotName, String value) {
    }

    private static final Pattern SLOT = Pattern.compile("\\[([^\\]]+)\\]\\(([^):]+)(?::([^)]+))?\\)");

    static List<AnnotatedSentence> read(Path file) throws IOException {
        List<AnnotatedSentence> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            String intent = line.substring(0, bar).strip();
            String annotated = line.substring(bar + 1).strip();
            StringBuilder text = new StringBuilder();
            List<Expected> slots = new ArrayList<>();
            Matcher m = SLOT.matcher(annotated);
            int last = 0;
            while (m.find()) {
                text.append(annotated, last, m.start());
                int start = text.length();
                text.append(m.group(1));
                slots.add(new Expected(start, text.length(), m.group(2), m.group(3)));
                last = m.end();
            }
            text.append(annotated.substring(last));
            out.add(new AnnotatedSentence(intent.equals("none") ? null : intent, text.toString(), slots));
        }
        return out;
    }

    /** A compact form of a value for comparison with the test files' expected values. */
    static String render(SlotValue v) {
        if (v instanceof SlotValue.Custom c) {
            return c.value();
        }
        if (v instanceof SlotValue.Number n) {
            return num(n.value());
        }
        if (v instanceof SlotValue.Percentage p) {
            return num(p.value());
        }
        if (v instanceof SlotValue.Ordinal o) {
            return Long.toString(o.value());
        }
        if (v instanceof SlotValue.Temperature t) {
            return num(t.value()) + " " + t.unit();
        }
        if (v instanceof SlotValue.Duration d) {
            StringBuilder sb = new StringBuilder();
            if (d.days() > 0) {
                sb.append(d.days()).append('d');
            }
            if (d.hours() > 0) {
                sb.append(d.hours()).append('h');
            }
            if (d.minutes() > 0) {
                sb.append(d.minutes()).append('m');
            }
            if (d.seconds() > 0) {
                sb.append(d.seconds()).append('s');
            }
            return sb.toString();
        }
        if (v instanceof SlotValue.InstantTime t) {
            return t.value().substring(0, 16);
        }
        SlotValue.TimeInterval i = (SlotValue.TimeInterval) v;
        return i.from().substring(0, 16) + "/" + i.to().substring(0, 16);
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
