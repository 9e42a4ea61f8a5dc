package dev.hark.nlu.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hark.nlu.SlotValue;
import dev.hark.nlu.dataset.BuiltinEntity;
import dev.hark.nlu.template.TemplateExpander;
import dev.hark.nlu.dataset.DatasetLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BuiltinResolverTest {
    // Friday 27 November 2026, 10:00 UTC
    private final BuiltinResolver r = new BuiltinResolver(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));

    private double number(String s) {
        return ((SlotValue.Number) r.resolve(BuiltinEntity.NUMBER, s)).value();
    }

    @Test
    void numbers() {
        assertEquals(21, number("twenty one"));
        assertEquals(105, number("a hundred and five"));
        assertEquals(2300, number("two thousand three hundred"));
        assertEquals(1000, number("1,000"));
        assertEquals(2.5, number("2.5"));
        assertEquals(3.5, number("three point five"));
        assertEquals(-4, number("minus four"));
        assertEquals(0, number("zero"));
        assertNull(r.resolve(BuiltinEntity.NUMBER, "one two"));
        assertNull(r.resolve(BuiltinEntity.NUMBER, "a"));
    }

    @Test
    void ordinals() {
        assertEquals(new SlotValue.Ordinal(3), r.resolve(BuiltinEntity.ORDINAL, "third"));
        assertEquals(new SlotValue.Ordinal(21), r.resolve(BuiltinEntity.ORDINAL, "twenty first"));
        assertEquals(new SlotValue.Ordinal(105), r.resolve(BuiltinEntity.ORDINAL, "one hundred and fifth"));
        assertEquals(new SlotValue.Ordinal(22), r.resolve(BuiltinEntity.ORDINAL, "22nd"));
        assertNull(r.resolve(BuiltinEntity.ORDINAL, "twenty"));
    }

    private static SlotValue.Duration d(long h, long m, long s) {
        return new SlotValue.Duration(0, 0, 0, 0, 0, h, m, s, "Exact");
    }

    @Test
    void durations() {
        assertEquals(d(1, 30, 0), r.resolve(BuiltinEntity.DURATION, "an hour and a half"));
        assertEquals(d(0, 0, 90), r.resolve(BuiltinEntity.DURATION, "90 seconds"));
        assertEquals(d(0, 5, 0), r.resolve(BuiltinEntity.DURATION, "five minutes"));
        assertEquals(d(1, 30, 0), r.resolve(BuiltinEntity.DURATION, "one and a half hours"));
        assertEquals(d(0, 30, 0), r.resolve(BuiltinEntity.DURATION, "half an hour"));
        assertEquals(d(0, 15, 0), r.resolve(BuiltinEntity.DURATION, "a quarter of an hour"));
        assertEquals(d(2, 10, 0), r.resolve(BuiltinEntity.DURATION, "2 hours and 10 minutes"));
        assertEquals(new SlotValue.Duration(0, 0, 0, 1, 0, 0, 0, 0, "Approximate"), r.resolve(BuiltinEntity.DURATION, "about a week"));
        assertNull(r.resolve(BuiltinEntity.DURATION, "five"));
    }

    private SlotValue dt(String s) {
        return r.resolve(BuiltinEntity.DATETIME, s);
    }

    @Test
    void timesAndDates() {
        assertEquals(new SlotValue.InstantTime("2026-11-27 19:30:00 +00:00", "Minute", "Exact"), dt("at seven thirty pm"));
        assertEquals(new SlotValue.InstantTime("2026-11-27 19:00:00 +00:00", "Hour", "Exact"), dt("at seven"));
        assertEquals(new SlotValue.InstantTime("2026-11-27 11:00:00 +00:00", "Hour", "Exact"), dt("at 11"));
        assertEquals(new SlotValue.InstantTime("2026-11-27 18:30:00 +00:00", "Minute", "Exact"), dt("half past six pm"));
        assertEquals(new SlotValue.InstantTime("2026-11-27 19:15:00 +00:00", "Minute", "Exact"), dt("7:15"));
        assertEquals(new SlotValue.InstantTime("2026-11-28 00:00:00 +00:00", "Day", "Exact"), dt("tomorrow"));
        assertEquals(new SlotValue.TimeInterval("2026-11-28 04:00:00 +00:00", "2026-11-28 12:00:00 +00:00"), dt("tomorrow morning"));
        assertEquals(new SlotValue.InstantTime("2026-11-30 00:00:00 +00:00", "Day", "Exact"), dt("next monday"));
        assertEquals(new SlotValue.InstantTime("2026-12-04 08:00:00 +00:00", "Hour", "Exact"), dt("on friday at 8 am"));
        assertEquals(new SlotValue.InstantTime("2027-03-05 00:00:00 +00:00", "Day", "Exact"), dt("the fifth of march"));
        assertEquals(new SlotValue.InstantTime("2026-11-28 06:45:00 +00:00", "Minute", "Exact"), dt("tomorrow at a quarter to seven"));
        assertEquals(new SlotValue.InstantTime("2026-11-27 10:10:00 +00:00", "Second", "Exact"), dt("in ten minutes"));
        assertNull(dt("seven"));
    }

    @Test
    void percentagesAndTemperatures() {
        assertEquals(new SlotValue.Percentage(40), r.resolve(BuiltinEntity.PERCENTAGE, "forty percent"));
        assertEquals(new SlotValue.Percentage(75), r.resolve(BuiltinEntity.PERCENTAGE, "75%"));
        assertEquals(new SlotValue.Temperature(21, "celsius"), r.resolve(BuiltinEntity.TEMPERATURE, "twenty one degrees celsius"));
        assertEquals(new SlotValue.Temperature(68, "degree"), r.resolve(BuiltinEntity.TEMPERATURE, "68 degrees"));
        assertNull(r.resolve(BuiltinEntity.TEMPERATURE, "68"));
    }

    @Test
    void extractsSpansFromSentences() {
        String s = "set a timer for an hour and a half please";
        List<BuiltinMatch> m = r.extract(s, BuiltinEntity.DURATION);
        assertEquals(1, m.size());
        assertEquals("an hour and a half", m.get(0).rawValue());
        assertEquals(16, m.get(0).start());
        assertEquals(34, m.get(0).end());
        assertEquals(List.of("5", "twenty two"), r.extract("5 rooms and twenty two lamps", BuiltinEntity.NUMBER)
                .stream().map(BuiltinMatch::rawValue).toList());
    }

    @Test
    void everyGrammarPhraseResolves() throws Exception {
        // what the recogniser can hear from a built-in grammar, the resolver must turn into a value
        TemplateExpander ex = new TemplateExpander(DatasetLoader.fromTemplates("[x]\nx\n", "t"));
        Random random = new Random(7);
        for (BuiltinEntity b : BuiltinEntity.values()) {
            var t = new dev.hark.nlu.template.Template("$" + b.entityName(), "t", new dev.hark.nlu.template.TemplateNode.SlotRef(b.entityName(), "s"));
            for (var u : ex.sample(t, Integer.getInteger("grammar.samples", 300), random)) {
                String phrase = u.text();
                if (r.resolve(b, phrase) == null) {
                    throw new AssertionError(b + " grammar phrase does not resolve: \"" + phrase + "\"");
                }
            }
        }
    }
}
