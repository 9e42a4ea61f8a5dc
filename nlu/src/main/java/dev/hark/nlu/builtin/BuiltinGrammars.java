package dev.hark.nlu.builtin;

import dev.hark.nlu.dataset.BuiltinEntity;
import dev.hark.nlu.template.TemplateNode;
import dev.hark.nlu.template.TemplateNode.Alternatives;
import dev.hark.nlu.template.TemplateNode.Optional;
import dev.hark.nlu.template.TemplateNode.Sequence;
import dev.hark.nlu.template.TemplateNode.Word;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The spoken English forms of each built-in entity as template trees (word sequences a person says, which
 * {@link BuiltinResolver} turns into values). Sub-grammars (numbers under a hundred...) are shared nodes,
 * so the trees are DAGs of a few hundred nodes; built once at class load.
 */
public final class BuiltinGrammars {
    static final String[] UNITS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    static final String[] TEENS = {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen"};
    static final String[] TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    static final String[] ORD_UNITS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"};
    static final String[] ORD_TEENS = {"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
            "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
    static final String[] ORD_TENS = {"twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
            "eightieth", "ninetieth"};
    static final String[] WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december"};

    private static final Map<BuiltinEntity, TemplateNode> GRAMMARS = build();

    private BuiltinGrammars() {
    }

    /** The grammar of {@code entity}. */
    public static TemplateNode of(BuiltinEntity entity) {
        return GRAMMARS.get(entity);
    }

    private static Map<BuiltinEntity, TemplateNode> build() {
        TemplateNode units = words(UNITS);
        TemplateNode under100 = alt(units, words(TEENS), seq(words(TENS), opt(units)));
        TemplateNode hundreds = seq(alt(w("a"), units), w("hundred"), opt(seq(opt(w("and")), under100)));
        TemplateNode under1000 = alt(under100, hundreds);
        // after "thousand" the hundreds take a digit word: "a thousand two hundred", not "a thousand a hundred"
        TemplateNode under1000After = alt(under100, seq(units, w("hundred"), opt(seq(opt(w("and")), under100))));
        TemplateNode thousands = seq(alt(w("a"), under1000), w("thousand"), opt(seq(opt(w("and")), under1000After)));
        TemplateNode cardinal = alt(w("zero"), under1000, thousands);
        TemplateNode number = alt(cardinal, seq(w("minus"), cardinal), seq(cardinal, w("point"), units));

        TemplateNode ordUnits = words(ORD_UNITS);
        TemplateNode ordinal = alt(ordUnits, words(ORD_TEENS), words(ORD_TENS), seq(words(TENS), ordUnits),
                seq(opt(seq(alt(w("a"), units), w("hundred"), opt(w("and")))), alt(ordUnits, words(ORD_TEENS))),
                w("hundredth"));

        TemplateNode unit = words("second", "seconds", "minute", "minutes", "hour", "hours", "day", "days",
                "week", "weeks", "month", "months", "year", "years");
        TemplateNode part = seq(alt(w("a"), w("an"), cardinal), unit);
        TemplateNode duration = alt(
                seq(part, opt(alt(seq(w("and"), part), seq(w("and"), w("a"), w("half"))))),
                seq(w("half"), alt(w("an"), w("a")), unit),
                seq(w("a"), w("quarter"), w("of"), w("an"), w("hour")),
                seq(w("a"), w("couple"), w("of"), unit));

        TemplateNode percentage = seq(number, alt(w("percent"), seq(w("per"), w("cent"))));
        TemplateNode temperature = seq(number, alt(
                seq(w("degrees"), opt(words("celsius", "centigrade", "fahrenheit"))),
                words("celsius", "fahrenheit")));

        TemplateNode hour12 = alt(units, w("ten"), w("eleven"), w("twelve"));
        TemplateNode minutes = alt(seq(w("oh"), units), words(TEENS), seq(words("twenty", "thirty", "forty", "fifty"), opt(units)));
        TemplateNode partOfDay = alt(w("am"), w("pm"), seq(w("in"), w("the"), words("morning", "afternoon", "evening")),
                seq(w("at"), w("night")), w("tonight"));
        TemplateNode clock = alt(
                seq(hour12, alt(w("o'clock"), minutes), opt(partOfDay)),
                seq(hour12, partOfDay),
                seq(alt(seq(w("a"), w("quarter")), w("half"), seq(alt(units, words(TEENS), seq(words("twenty", "thirty", "forty", "fifty"), opt(units))), opt(w("minutes")))),
                        words("past", "to"), hour12, opt(partOfDay)),
                w("noon"), w("midnight"));
        // a bare hour is a time only after "at" ("at seven"); "seven" alone is a number
        TemplateNode time = alt(seq(opt(w("at")), clock), seq(w("at"), hour12));
        TemplateNode weekday = words(WEEKDAYS);
        TemplateNode dayPart = words("morning", "afternoon", "evening", "night");
        TemplateNode dayOrdinal = alt(ordUnits, words(ORD_TEENS), words("twentieth", "thirtieth"),
                seq(w("twenty"), ordUnits), seq(w("thirty"), w("first")));
        TemplateNode dayNumber = alt(units, words(TEENS), seq(w("twenty"), opt(units)), seq(w("thirty"), opt(w("one"))));
        TemplateNode date = alt(
                w("today"), w("tonight"), w("tomorrow"), seq(w("tomorrow"), dayPart),
                seq(w("the"), w("day"), w("after"), w("tomorrow")),
                seq(w("this"), dayPart),
                seq(opt(alt(w("on"), w("next"), w("this"))), weekday, opt(dayPart)),
                seq(opt(w("on")), opt(w("the")), dayOrdinal, w("of"), words(MONTHS)),
                seq(opt(w("on")), words(MONTHS), alt(dayOrdinal, dayNumber)));
        TemplateNode datetime = alt(time, date, seq(date, w("at"), alt(clock, hour12)), seq(time, date), seq(w("in"), duration), w("now"));

        Map<BuiltinEntity, TemplateNode> m = new EnumMap<>(BuiltinEntity.class);
        m.put(BuiltinEntity.NUMBER, number);
        m.put(BuiltinEntity.ORDINAL, ordinal);
        m.put(BuiltinEntity.DURATION, duration);
        m.put(BuiltinEntity.DATETIME, datetime);
        m.put(BuiltinEntity.PERCENTAGE, percentage);
        m.put(BuiltinEntity.TEMPERATURE, temperature);
        return m;
    }

    private static TemplateNode w(String word) {
        return new Word(word);
    }

    private static TemplateNode words(String... words) {
        List<TemplateNode> l = new ArrayList<>();
        for (String s : words) {
            l.add(new Word(s));
        }
        return new Alternatives(l);
    }

    private static TemplateNode alt(TemplateNode... choices) {
        return new Alternatives(List.of(choices));
    }

    private static TemplateNode seq(TemplateNode... items) {
        return new Sequence(List.of(items));
    }

    private static TemplateNode opt(TemplateNode child) {
        return new Optional(child);
    }
}
