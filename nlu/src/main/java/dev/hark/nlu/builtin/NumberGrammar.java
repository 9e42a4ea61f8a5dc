package dev.hark.nlu.builtin;

import dev.hark.nlu.Token;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * English cardinals and ordinals at a token position: digits ("21", "1,000", "2.5", "21st") and words
 * ("twenty one", "a hundred and five", "two thousand three hundred", "three point five", "twenty first").
 * Each call reads the longest number starting at the position; time linear in its length.
 */
final class NumberGrammar {
    /** A number read from tokens {@code [start, end)}. */
    record Read(int end, double value) {
    }

    private static final Map<String, Integer> SMALL = new HashMap<>();
    private static final Map<String, Integer> TENS = new HashMap<>();
    private static final Map<String, Integer> ORDINALS = new HashMap<>();

    static {
        SMALL.put("zero", 0);
        SMALL.put("oh", 0);
        for (int i = 0; i < BuiltinGrammars.UNITS.length; i++) {
            SMALL.put(BuiltinGrammars.UNITS[i], i + 1);
            ORDINALS.put(BuiltinGrammars.ORD_UNITS[i], i + 1);
        }
        for (int i = 0; i < BuiltinGrammars.TEENS.length; i++) {
            SMALL.put(BuiltinGrammars.TEENS[i], i + 10);
            ORDINALS.put(BuiltinGrammars.ORD_TEENS[i], i + 10);
        }
        for (int i = 0; i < BuiltinGrammars.TENS.length; i++) {
            TENS.put(BuiltinGrammars.TENS[i], (i + 2) * 10);
            ORDINALS.put(BuiltinGrammars.ORD_TENS[i], (i + 2) * 10);
        }
        ORDINALS.put("hundredth", 100);
        ORDINALS.put("thousandth", 1000);
    }

    private enum Last { NONE, A, UNIT, TEEN, TENS, HUNDRED, SCALE, AND }

    private NumberGrammar() {
    }

    static boolean isNumberWord(String w) {
        return SMALL.containsKey(w) || TENS.containsKey(w) || w.equals("hundred") || w.equals("thousand")
                || w.equals("million");
    }

    static boolean isDigits(String w) {
        return w.matches("[0-9][0-9,]*(\\.[0-9]+)?") && !w.contains(":");
    }

    /** The cardinal starting at {@code i}, or null. "oh" alone is not a number (it is for clock minutes). */
    static Read cardinal(List<Token> t, int i) {
        int j = i;
        boolean negative = false;
        if (j < t.size() && (t.get(j).text().equals("minus") || t.get(j).text().equals("negative"))) {
            negative = true;
            j++;
        }
        Read r = unsigned(t, j);
        if (r == null) {
            return null;
        }
        return negative ? new Read(r.end(), -r.value()) : r;
    }

    private static Read unsigned(List<Token> t, int i) {
        if (i >= t.size()) {
            return null;
        }
        String first = t.get(i).text();
        if (isDigits(first)) {
            double v = Double.parseDouble(first.replace(",", ""));
            int j = i + 1;
            if (j < t.size()) {
                double scale = scale(t.get(j).text());
                if (scale > 0) {
                    v *= scale;
                    j++;
                }
            }
            return new Read(j, v);
        }
        if (first.equals("oh")) {
            return null;
        }
        long total = 0;
        long current = 0;
        Last last = Last.NONE;
        int j = i;
        int end = i;
        while (j < t.size()) {
            String w = t.get(j).text();
            String next = j + 1 < t.size() ? t.get(j + 1).text() : "";
            Integer small = SMALL.get(w);
            if (small != null && !w.equals("oh")) {
                boolean ok = switch (last) {
                    case NONE, HUNDRED, SCALE, AND -> true;
                    case TENS -> small > 0 && small < 10;
                    default -> false;
                };
                if (!ok || (w.equals("zero") && last != Last.NONE)) {
                    break;
                }
                current += small;
                last = small < 10 ? Last.UNIT : Last.TEEN;
            } else if (TENS.containsKey(w) && (last == Last.NONE || last == Last.HUNDRED || last == Last.SCALE || last == Last.AND)) {
                current += TENS.get(w);
                last = Last.TENS;
            } else if (w.equals("hundred") && last != Last.HUNDRED && last != Last.AND) {
                current = (current == 0 ? 1 : current) * 100;
                last = Last.HUNDRED;
            } else if ((w.equals("thousand") || w.equals("million")) && last != Last.SCALE && last != Last.AND) {
                total += (current == 0 ? 1 : current) * (long) scale(w);
                current = 0;
                last = Last.SCALE;
            } else if (w.equals("a") && last == Last.NONE && (next.equals("hundred") || next.equals("thousand") || next.equals("million"))) {
                last = Last.A;
                j++;
                continue;
            } else if (w.equals("and") && (last == Last.HUNDRED || last == Last.SCALE)
                    && (SMALL.containsKey(next) || TENS.containsKey(next)) && !next.equals("oh")) {
                last = Last.AND;
                j++;
                continue;
            } else if (w.equals("point") && end > i && SMALL.containsKey(next) && SMALL.get(next) < 10) {
                double v = total + current;
                double scale = 0.1;
                j++;
                while (j < t.size() && SMALL.containsKey(t.get(j).text()) && SMALL.get(t.get(j).text()) < 10) {
                    v += SMALL.get(t.get(j).text()) * scale;
                    scale /= 10;
                    j++;
                }
                return new Read(j, v);
            } else {
                break;
            }
            j++;
            end = j;
        }
        return end == i ? null : new Read(end, total + current);
    }

    /** The ordinal starting at {@code i} ("third", "twenty first", "a hundred and fifth", "21st"), or null. */
    static Read ordinal(List<Token> t, int i) {
        if (i >= t.size()) {
            return null;
        }
        String first = t.get(i).text();
        if (first.matches("[0-9]+(st|nd|rd|th)")) {
            return new Read(i + 1, Long.parseLong(first.substring(0, first.length() - 2)));
        }
        for (int k = i; k < t.size() && k < i + 8; k++) {
            String w = t.get(k).text();
            Integer ord = ORDINALS.get(w);
            if (ord != null) {
                if (k == i) {
                    return new Read(k + 1, ord);
                }
                int prefixEnd = k;
                if (t.get(k - 1).text().equals("and")) {
                    prefixEnd = k - 1;
                }
                Read prefix = unsigned(t.subList(0, prefixEnd), i);
                if (prefix == null || prefix.end() != prefixEnd) {
                    return null;
                }
                double v = ord >= 100 ? prefix.value() * ord : prefix.value() + ord;
                return new Read(k + 1, v);
            }
            if (!isNumberWord(w) && !w.equals("a") && !w.equals("and")) {
                return null;
            }
        }
        return null;
    }

    private static double scale(String w) {
        return switch (w) {
            case "hundred" -> 100;
            case "thousand" -> 1000;
            case "million" -> 1_000_000;
            default -> 0;
        };
    }
}
