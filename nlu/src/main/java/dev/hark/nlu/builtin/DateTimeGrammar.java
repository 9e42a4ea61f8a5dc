package dev.hark.nlu.builtin;

import dev.hark.nlu.SlotValue;
import dev.hark.nlu.Token;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * English times and simple dates at a token position, resolved against a reference time: "at seven
 * thirty pm", "7:30", "half past six", "noon", "tomorrow", "tomorrow morning", "next monday", "on friday
 * at 8 am", "the fifth of march", "march 5th", "in ten minutes", "now". A time without am/pm means its
 * next occurrence; a weekday means its next occurrence after today ("next monday" too); a date without a
 * year means its next occurrence from today. Day parts are intervals: morning 04-12, afternoon 12-19,
 * evening and night 18-24.
 */
final class DateTimeGrammar {
    /** A date or time read from tokens {@code [start, end)}. */
    record Read(int end, SlotValue value) {
    }

    private record DateRead(int end, LocalDate date, int[] dayPart) {
    }

    private record TimeRead(int end, int hour, int minute, int meridiem, boolean minuteGrain) {
    }

    private static final int AM = 1, PM = 2, NO_MERIDIEM = 0;
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private DateTimeGrammar() {
    }

    static Read read(List<Token> t, int i, ZonedDateTime now) {
        if (i >= t.size()) {
            return null;
        }
        String w = t.get(i).text();
        if (w.equals("now") || (w.equals("right") && i + 1 < t.size() && t.get(i + 1).text().equals("now"))) {
            return new Read(w.equals("now") ? i + 1 : i + 2, instant(now.truncatedTo(ChronoUnit.SECONDS), "Second"));
        }
        if (w.equals("in") || w.equals("within")) {
            DurationGrammar.Read d = DurationGrammar.read(t, i + 1);
            if (d != null) {
                SlotValue.Duration v = d.value();
                ZonedDateTime at = now.plusYears(v.years()).plusMonths(v.months() + 3 * v.quarters()).plusWeeks(v.weeks())
                        .plusDays(v.days()).plusHours(v.hours()).plusMinutes(v.minutes()).plusSeconds(v.seconds())
                        .truncatedTo(ChronoUnit.SECONDS);
                return new Read(d.end(), instant(at, "Second"));
            }
        }
        DateRead date = date(t, i, now.toLocalDate());
        if (date != null) {
            int j = date.end();
            TimeRead time = time(t, j, true);
            if (time != null) {
                int meridiem = time.meridiem();
                if (meridiem == NO_MERIDIEM && date.dayPart() != null && date.dayPart()[0] >= 12) {
                    meridiem = PM;
                }
                return new Read(time.end(), at(date.date(), time, meridiem, now));
            }
            if (date.dayPart() != null) {
                return new Read(date.end(), interval(date.date(), date.dayPart(), now));
            }
            return new Read(date.end(), instant(date.date().atStartOfDay(now.getZone()), "Day"));
        }
        TimeRead time = time(t, i, false);
        if (time == null) {
            return null;
        }
        DateRead after = date(t, time.end(), now.toLocalDate());
        if (after != null) {
            int meridiem = time.meridiem();
            if (meridiem == NO_MERIDIEM && after.dayPart() != null && after.dayPart()[0] >= 12) {
                meridiem = PM;
            }
            return new Read(after.end(), at(after.date(), time, meridiem, now));
        }
        return new Read(time.end(), next(time, now));
    }

    private static DateRead date(List<Token> t, int i, LocalDate today) {
        if (i >= t.size()) {
            return null;
        }
        String w = t.get(i).text();
        LocalDate d = null;
        int j = i + 1;
        switch (w) {
            case "today" -> d = today;
            case "tomorrow" -> d = today.plusDays(1);
            case "yesterday" -> d = today.minusDays(1);
            case "tonight" -> {
                return new DateRead(j, today, new int[] {18, 24});
            }
            case "this" -> {
                int[] part = j < t.size() ? dayPart(t.get(j).text()) : null;
                if (part != null) {
                    return new DateRead(j + 1, today, part);
                }
            }
            case "the" -> {
                if (j + 2 < t.size() && t.get(j).text().equals("day") && t.get(j + 1).text().equals("after")
                        && t.get(j + 2).text().equals("tomorrow")) {
                    d = today.plusDays(2);
                    j += 3;
                }
            }
            default -> {
            }
        }
        if (d == null) {
            int k = i;
            if (t.get(k).text().equals("on") || t.get(k).text().equals("next") || t.get(k).text().equals("this")
                    || t.get(k).text().equals("coming")) {
                k++;
            }
            if (k < t.size() && weekday(t.get(k).text()) != null) {
                DayOfWeek dow = weekday(t.get(k).text());
                int ahead = (dow.getValue() - today.getDayOfWeek().getValue() + 7) % 7;
                d = today.plusDays(ahead == 0 ? 7 : ahead);
                j = k + 1;
            } else {
                DateRead dm = dayOfMonth(t, i, today);
                if (dm == null) {
                    return null;
                }
                d = dm.date();
                j = dm.end();
            }
        }
        int[] part = null;
        if (j < t.size() && dayPart(t.get(j).text()) != null) {
            part = dayPart(t.get(j).text());
            j++;
        } else if (j + 2 < t.size() && t.get(j).text().equals("in") && t.get(j + 1).text().equals("the")
                && dayPart(t.get(j + 2).text()) != null) {
            part = dayPart(t.get(j + 2).text());
            j += 3;
        } else if (j + 1 < t.size() && t.get(j).text().equals("at") && t.get(j + 1).text().equals("night")) {
            part = dayPart("night");
            j += 2;
        }
        return new DateRead(j, d, part);
    }

    /** "[on] [the] fifth [of march]", "march [the] 5th", "on the 5th". */
    private static DateRead dayOfMonth(List<Token> t, int i, LocalDate today) {
        int k = i;
        if (k < t.size() && t.get(k).text().equals("on")) {
            k++;
        }
        int month = k < t.size() ? month(t.get(k).text()) : 0;
        if (month > 0) {
            int m = k + 1;
            if (m < t.size() && t.get(m).text().equals("the")) {
                m++;
            }
            NumberGrammar.Read day = NumberGrammar.ordinal(t, m);
            if (day == null) {
                day = NumberGrammar.cardinal(t, m);
                if (day != null && day.value() > 31 && day.end() > m + 1) {
                    // "august thirty nine o'clock": the day is "thirty", the rest is the time
                    day = NumberGrammar.cardinal(t.subList(0, m + 1), m);
                }
            }
            if (day == null || day.value() < 1 || day.value() > 31) {
                return null;
            }
            return new DateRead(day.end(), nextDate(today, month, (int) day.value()), null);
        }
        if (k < t.size() && t.get(k).text().equals("the")) {
            k++;
        }
        NumberGrammar.Read day = NumberGrammar.ordinal(t, k);
        if (day == null || day.value() < 1 || day.value() > 31) {
            return null;
        }
        int e = day.end();
        if (e + 1 < t.size() && t.get(e).text().equals("of") && month(t.get(e + 1).text()) > 0) {
            return new DateRead(e + 2, nextDate(today, month(t.get(e + 1).text()), (int) day.value()), null);
        }
        if (k == i) {
            return null; // a bare ordinal ("third") is not a date
        }
        LocalDate d = today.withDayOfMonth(Math.min((int) day.value(), today.lengthOfMonth()));
        if (d.isBefore(today)) {
            LocalDate nm = today.plusMonths(1);
            d = nm.withDayOfMonth(Math.min((int) day.value(), nm.lengthOfMonth()));
        }
        return new DateRead(e, d, null);
    }

    private static LocalDate nextDate(LocalDate today, int month, int day) {
        LocalDate d = LocalDate.of(today.getYear(), month, Math.min(day, java.time.YearMonth.of(today.getYear(), month).lengthOfMonth()));
        return d.isBefore(today) ? d.plusYears(1) : d;
    }

    /** A clock time; {@code afterDate} relaxes the rule that a bare hour needs "at" or a marker. */
    private static TimeRead time(List<Token> t, int i, boolean afterDate) {
        int k = i;
        boolean at = false;
        if (k < t.size() && (t.get(k).text().equals("at") || t.get(k).text().equals("by"))) {
            at = true;
            k++;
        }
        if (k >= t.size()) {
            return null;
        }
        String w = t.get(k).text();
        if (w.equals("noon") || w.equals("midday")) {
            return new TimeRead(k + 1, 12, 0, PM, false);
        }
        if (w.equals("midnight")) {
            return new TimeRead(k + 1, 0, 0, AM, false);
        }
        // "half past seven", "a quarter to eight", "ten past six", "twenty minutes to nine"
        int minutes = -1;
        int m = k;
        if (w.equals("half")) {
            minutes = 30;
            m = k + 1;
        } else if (w.equals("quarter") || (w.equals("a") && k + 1 < t.size() && t.get(k + 1).text().equals("quarter"))) {
            minutes = 15;
            m = w.equals("a") ? k + 2 : k + 1;
        } else {
            NumberGrammar.Read n = NumberGrammar.cardinal(t, k);
            if (n != null && n.value() >= 1 && n.value() < 60 && n.value() == Math.floor(n.value())) {
                minutes = (int) n.value();
                m = n.end();
                if (m < t.size() && (t.get(m).text().equals("minutes") || t.get(m).text().equals("minute"))) {
                    m++;
                }
            }
        }
        if (minutes >= 0 && m + 1 < t.size() && (t.get(m).text().equals("past") || t.get(m).text().equals("to")
                || t.get(m).text().equals("after") || t.get(m).text().equals("before"))) {
            int hour = clockHour(t, m + 1);
            if (hour >= 0) {
                boolean before = t.get(m).text().equals("to") || t.get(m).text().equals("before");
                int h = before ? (hour + 23) % 24 : hour;
                int mm = before ? 60 - minutes : minutes;
                int[] mer = meridiem(t, m + 2);
                return new TimeRead(mer[1], h, mm, mer[0], true);
            }
        }
        // "7:30", "7", "seven", "seven thirty", "seven oh five", "seven o'clock", each with am/pm
        int hour;
        int minute = 0;
        boolean minuteGrain = false;
        boolean marker = false;
        int j;
        if (w.matches("[0-9]{1,2}:[0-9]{2}")) {
            hour = Integer.parseInt(w.substring(0, w.indexOf(':')));
            minute = Integer.parseInt(w.substring(w.indexOf(':') + 1));
            if (hour > 23 || minute > 59) {
                return null;
            }
            minuteGrain = true;
            marker = true;
            j = k + 1;
        } else {
            hour = clockHour(t, k);
            if (hour < 0) {
                return null;
            }
            j = k + 1;
            if (j < t.size() && t.get(j).text().equals("o'clock")) {
                marker = true;
                j++;
            } else if (j < t.size() && !w.matches("[0-9]+")) {
                int mins = clockMinutes(t, j);
                if (mins >= 0) {
                    minute = mins & 0xff;
                    j = mins >> 8;
                    minuteGrain = true;
                    marker = true;
                }
            }
        }
        int[] mer = meridiem(t, j);
        if (mer[0] != NO_MERIDIEM) {
            marker = true;
            if (hour > 12) {
                return null;
            }
        }
        if (!marker && !at && !afterDate) {
            return null; // a bare number is a time only after "at" or a date
        }
        return new TimeRead(mer[1], hour, minute, mer[0], minuteGrain);
    }

    /** Minutes after an hour word: "thirty", "oh five", "forty five", "fifteen"; packed as end<<8 | minutes. */
    private static int clockMinutes(List<Token> t, int j) {
        String w = t.get(j).text();
        if (w.equals("oh") && j + 1 < t.size()) {
            NumberGrammar.Read n = NumberGrammar.cardinal(t, j + 1);
            if (n != null && n.value() >= 1 && n.value() <= 9 && n.end() == j + 2) {
                return (n.end() << 8) | (int) n.value();
            }
            return -1;
        }
        if (!NumberGrammar.isNumberWord(w) || w.equals("hundred") || w.equals("thousand")) {
            return -1;
        }
        NumberGrammar.Read n = NumberGrammar.cardinal(t, j);
        if (n != null && n.value() >= 10 && n.value() < 60 && n.value() == Math.floor(n.value())) {
            return (n.end() << 8) | (int) n.value();
        }
        return -1;
    }

    private static int clockHour(List<Token> t, int k) {
        if (k >= t.size()) {
            return -1;
        }
        String w = t.get(k).text();
        if (w.matches("[0-9]{1,2}")) {
            int h = Integer.parseInt(w);
            return h <= 23 ? h : -1;
        }
        int idx = java.util.Arrays.asList(BuiltinGrammars.UNITS).indexOf(w);
        if (idx >= 0) {
            return idx + 1;
        }
        return switch (w) {
            case "ten" -> 10;
            case "eleven" -> 11;
            case "twelve" -> 12;
            default -> -1;
        };
    }

    /** {meridiem, end}: "am", "pm", "a m", "in the morning", "in the afternoon/evening", "at night", "tonight". */
    private static int[] meridiem(List<Token> t, int j) {
        if (j < t.size()) {
            String w = t.get(j).text();
            if (w.equals("am")) {
                return new int[] {AM, j + 1};
            }
            if (w.equals("pm")) {
                return new int[] {PM, j + 1};
            }
            if ((w.equals("a") || w.equals("p")) && j + 1 < t.size() && t.get(j + 1).text().equals("m")) {
                return new int[] {w.equals("a") ? AM : PM, j + 2};
            }
            if (w.equals("tonight")) {
                return new int[] {PM, j + 1};
            }
            if (w.equals("at") && j + 1 < t.size() && t.get(j + 1).text().equals("night")) {
                return new int[] {PM, j + 2};
            }
            if (w.equals("in") && j + 2 < t.size() && t.get(j + 1).text().equals("the")) {
                String p = t.get(j + 2).text();
                if (p.equals("morning")) {
                    return new int[] {AM, j + 3};
                }
                if (p.equals("afternoon") || p.equals("evening")) {
                    return new int[] {PM, j + 3};
                }
            }
        }
        return new int[] {NO_MERIDIEM, j};
    }

    private static int[] dayPart(String w) {
        return switch (w) {
            case "morning" -> new int[] {4, 12};
            case "afternoon" -> new int[] {12, 19};
            case "evening", "night" -> new int[] {18, 24};
            default -> null;
        };
    }

    private static DayOfWeek weekday(String w) {
        int idx = java.util.Arrays.asList(BuiltinGrammars.WEEKDAYS).indexOf(w);
        return idx < 0 ? null : DayOfWeek.of(idx + 1);
    }

    private static int month(String w) {
        return java.util.Arrays.asList(BuiltinGrammars.MONTHS).indexOf(w) + 1;
    }

    private static int hour24(int hour, int meridiem) {
        if (meridiem == PM && hour < 12) {
            return hour + 12;
        }
        if (meridiem == AM && hour == 12) {
            return 0;
        }
        return hour;
    }

    private static SlotValue at(LocalDate date, TimeRead time, int meridiem, ZonedDateTime now) {
        LocalDateTime ldt = LocalDateTime.of(date, LocalTime.of(hour24(time.hour(), meridiem), time.minute()));
        return instant(ldt.atZone(now.getZone()), time.minuteGrain() ? "Minute" : "Hour");
    }

    /** The next occurrence of a time of day after {@code now}, trying am and pm when neither was said. */
    private static SlotValue next(TimeRead time, ZonedDateTime now) {
        LocalDate today = now.toLocalDate();
        for (int day = 0; day < 2; day++) {
            LocalDate d = today.plusDays(day);
            int[] hours = time.meridiem() != NO_MERIDIEM || time.hour() >= 12 || time.hour() == 0
                    ? new int[] {hour24(time.hour(), time.meridiem())}
                    : new int[] {time.hour(), time.hour() + 12};
            for (int h : hours) {
                ZonedDateTime c = LocalDateTime.of(d, LocalTime.of(h, time.minute())).atZone(now.getZone());
                if (c.isAfter(now)) {
                    return instant(c, time.minuteGrain() ? "Minute" : "Hour");
                }
            }
        }
        throw new IllegalStateException("no next occurrence"); // unreachable: tomorrow is always after now
    }

    private static SlotValue interval(LocalDate date, int[] part, ZonedDateTime now) {
        ZonedDateTime from = date.atStartOfDay(now.getZone()).plusHours(part[0]);
        ZonedDateTime to = date.atStartOfDay(now.getZone()).plusHours(part[1]);
        return new SlotValue.TimeInterval(FORMAT.format(from), FORMAT.format(to));
    }

    private static SlotValue instant(ZonedDateTime at, String grain) {
        return new SlotValue.InstantTime(FORMAT.format(at), grain, "Exact");
    }
}
