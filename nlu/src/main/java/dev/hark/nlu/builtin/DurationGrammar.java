package dev.hark.nlu.builtin;

import dev.hark.nlu.SlotValue;
import dev.hark.nlu.Token;
import java.util.List;

/**
 * English durations at a token position: "five minutes", "90 seconds", "an hour and a half", "one and a
 * half hours", "half an hour", "a quarter of an hour", "2 hours and 10 minutes", "about a week". Amounts
 * stay in the units said; a fraction spills into the next smaller unit (1.5 hours = 1 hour 30 minutes).
 */
final class DurationGrammar {
    /** A duration read from tokens {@code [start, end)}. */
    record Read(int end, SlotValue.Duration value) {
    }

    // unit slots, in SlotValue.Duration's field order
    private static final int YEAR = 0, QUARTER = 1, MONTH = 2, WEEK = 3, DAY = 4, HOUR = 5, MINUTE = 6, SECOND = 7;

    private DurationGrammar() {
    }

    static Read read(List<Token> t, int i) {
        int j = i;
        String precision = "Exact";
        if (j < t.size() && isApproximate(t.get(j).text())) {
            precision = "Approximate";
            j++;
        }
        double[] amounts = new double[8];
        int parts = 0;
        int end = -1;
        while (j < t.size()) {
            int partEnd = part(t, j, amounts);
            if (partEnd < 0) {
                break;
            }
            parts++;
            end = partEnd;
            j = partEnd;
            if (j < t.size() && t.get(j).text().equals("and") && part(t, j + 1, new double[8]) > 0) {
                j++;
            } else {
                break;
            }
        }
        if (parts == 0) {
            return null;
        }
        return new Read(end, toDuration(amounts, precision));
    }

    static boolean isApproximate(String w) {
        return w.equals("about") || w.equals("around") || w.equals("approximately") || w.equals("roughly");
    }

    /** Reads one "amount unit" part into {@code amounts}; returns its end or -1. */
    private static int part(List<Token> t, int j, double[] amounts) {
        if (j >= t.size()) {
            return -1;
        }
        String w = t.get(j).text();
        if (w.equals("half") && j + 2 < t.size() && (t.get(j + 1).text().equals("an") || t.get(j + 1).text().equals("a"))) {
            int u = unit(t.get(j + 2).text());
            if (u >= 0) {
                amounts[u] += 0.5;
                return j + 3;
            }
        }
        if (w.equals("a") && j + 4 < t.size() && t.get(j + 1).text().equals("quarter") && t.get(j + 2).text().equals("of")
                && (t.get(j + 3).text().equals("an") || t.get(j + 3).text().equals("a"))) {
            int u = unit(t.get(j + 4).text());
            if (u >= 0) {
                amounts[u] += 0.25;
                return j + 5;
            }
        }
        double amount;
        int k;
        if ((w.equals("a") || w.equals("an")) && j + 1 < t.size() && unit(t.get(j + 1).text()) >= 0) {
            amount = 1;
            k = j + 1;
        } else if (w.equals("a") && j + 3 < t.size() && t.get(j + 1).text().equals("couple") && t.get(j + 2).text().equals("of")) {
            amount = 2;
            k = j + 3;
        } else {
            NumberGrammar.Read n = NumberGrammar.cardinal(t, j);
            if (n == null || n.value() < 0) {
                return -1;
            }
            amount = n.value();
            k = n.end();
            if (isAndAHalf(t, k) && k + 3 < t.size() && unit(t.get(k + 3).text()) >= 0) {
                amount += 0.5;
                k += 3;
            }
        }
        if (k >= t.size()) {
            return -1;
        }
        int u = unit(t.get(k).text());
        if (u < 0) {
            return -1;
        }
        k++;
        if (isAndAHalf(t, k)) {
            amount += 0.5;
            k += 3;
        }
        amounts[u] += amount;
        return k;
    }

    private static boolean isAndAHalf(List<Token> t, int k) {
        return k + 2 < t.size() && t.get(k).text().equals("and") && t.get(k + 1).text().equals("a")
                && t.get(k + 2).text().equals("half");
    }

    static int unit(String w) {
        return switch (w) {
            case "second", "seconds", "sec", "secs", "s" -> SECOND;
            case "minute", "minutes", "min", "mins" -> MINUTE;
            case "hour", "hours", "hr", "hrs", "h" -> HOUR;
            case "day", "days" -> DAY;
            case "week", "weeks" -> WEEK;
            case "month", "months" -> MONTH;
            case "quarter", "quarters" -> QUARTER;
            case "year", "years" -> YEAR;
            default -> -1;
        };
    }

    private static SlotValue.Duration toDuration(double[] a, String precision) {
        // spill fractions downwards: the factor from each unit to the next smaller one
        double[] down = {12 /* years->months via quarters skipped */, 3, 30, 7, 24, 60, 60, 0};
        long[] whole = new long[8];
        for (int u = 0; u < 8; u++) {
            long w = (long) Math.floor(a[u] + 1e-9);
            whole[u] = w;
            double frac = a[u] - w;
            if (frac > 1e-9 && u < SECOND) {
                int target = u == YEAR ? MONTH : u + 1;
                a[target] += frac * down[u];
            }
        }
        return new SlotValue.Duration(whole[YEAR], whole[QUARTER], whole[MONTH], whole[WEEK], whole[DAY], whole[HOUR],
                whole[MINUTE], whole[SECOND], precision);
    }
}
