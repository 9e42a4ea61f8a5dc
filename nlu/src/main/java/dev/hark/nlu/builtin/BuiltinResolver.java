package dev.hark.nlu.builtin;

import dev.hark.nlu.SlotValue;
import dev.hark.nlu.Token;
import dev.hark.nlu.Tokenizer;
import dev.hark.nlu.dataset.BuiltinEntity;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and resolves English built-in entities (numbers, ordinals, durations, dates and times,
 * percentages, temperatures) into snips-nlu values. Dates and times resolve against the clock given at
 * construction (its zone included). Thread-safe, no state; each call is linear in the sentence length
 * times the longest entity (a few microseconds for a command).
 */
public final class BuiltinResolver {
    private final Clock clock;

    /** A resolver for the system clock and time zone. */
    public BuiltinResolver() {
        this(Clock.systemDefaultZone());
    }

    /** A resolver whose "now" (for "tomorrow", "in ten minutes", "at seven") is {@code clock}'s. */
    public BuiltinResolver(Clock clock) {
        this.clock = clock;
    }

    /**
     * The value of {@code text} as a whole, read as {@code entity} ("an hour and a half" as snips/duration),
     * or null when the text is not entirely one such value. What {@code hark understand} uses to resolve
     * the words the recogniser put in a built-in slot.
     */
    public SlotValue resolve(BuiltinEntity entity, String text) {
        List<Token> tokens = Tokenizer.tokenize(text);
        if (tokens.isEmpty()) {
            return null;
        }
        Reading r = read(entity, tokens, 0, ZonedDateTime.now(clock));
        return r != null && r.end == tokens.size() ? r.value : null;
    }

    /** The non-overlapping, longest-first, left-to-right occurrences of {@code entity} in {@code text}. */
    public List<BuiltinMatch> extract(String text, BuiltinEntity entity) {
        return extract(text, Tokenizer.tokenize(text), entity);
    }

    /** As {@link #extract(String, BuiltinEntity)} on tokens already made from {@code text}. */
    public List<BuiltinMatch> extract(String text, List<Token> tokens, BuiltinEntity entity) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        List<BuiltinMatch> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Reading r = read(entity, tokens, i, now);
            if (r == null || r.end <= i) {
                i++;
                continue;
            }
            int start = tokens.get(i).start();
            int end = tokens.get(r.end - 1).end();
            out.add(new BuiltinMatch(entity, start, end, i, r.end, text.substring(start, end), r.value));
            i = r.end;
        }
        return out;
    }

    private record Reading(int end, SlotValue value) {
    }

    private static Reading read(BuiltinEntity entity, List<Token> t, int i, ZonedDateTime now) {
        switch (entity) {
            case NUMBER -> {
                NumberGrammar.Read n = NumberGrammar.cardinal(t, i);
                return n == null ? null : new Reading(n.end(), new SlotValue.Number(n.value()));
            }
            case ORDINAL -> {
                NumberGrammar.Read n = NumberGrammar.ordinal(t, i);
                return n == null ? null : new Reading(n.end(), new SlotValue.Ordinal((long) n.value()));
            }
            case PERCENTAGE -> {
                NumberGrammar.Read n = NumberGrammar.cardinal(t, i);
                if (n == null || n.end() >= t.size()) {
                    return null;
                }
                String w = t.get(n.end()).text();
                if (w.equals("percent") || w.equals("%") || w.equals("pc")) {
                    return new Reading(n.end() + 1, new SlotValue.Percentage(n.value()));
                }
                if (w.equals("per") && n.end() + 1 < t.size() && t.get(n.end() + 1).text().equals("cent")) {
                    return new Reading(n.end() + 2, new SlotValue.Percentage(n.value()));
                }
                return null;
            }
            case TEMPERATURE -> {
                return temperature(t, i);
            }
            case DURATION -> {
                DurationGrammar.Read d = DurationGrammar.read(t, i);
                return d == null ? null : new Reading(d.end(), d.value());
            }
            case DATETIME -> {
                DateTimeGrammar.Read d = DateTimeGrammar.read(t, i, now);
                return d == null ? null : new Reading(d.end(), d.value());
            }
            default -> throw new IllegalArgumentException(entity.toString());
        }
    }

    private static Reading temperature(List<Token> t, int i) {
        NumberGrammar.Read n = NumberGrammar.cardinal(t, i);
        if (n == null) {
            return null;
        }
        int j = n.end();
        boolean degrees = false;
        if (j < t.size() && (t.get(j).text().equals("degrees") || t.get(j).text().equals("degree") || t.get(j).text().equals("°"))) {
            degrees = true;
            j++;
        }
        String unit = "degree";
        if (j < t.size()) {
            String w = t.get(j).text();
            if (w.equals("celsius") || w.equals("centigrade") || (degrees && w.equals("c"))) {
                unit = "celsius";
                j++;
            } else if (w.equals("fahrenheit") || (degrees && w.equals("f"))) {
                unit = "fahrenheit";
                j++;
            }
        }
        if (!degrees && unit.equals("degree")) {
            return null;
        }
        return new Reading(j, new SlotValue.Temperature(n.value(), unit));
    }
}
