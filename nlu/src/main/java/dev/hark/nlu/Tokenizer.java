package dev.hark.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a sentence into lower-cased {@link Token}s with their character offsets: runs of letters (with
 * inner apostrophes: "o'clock", "don't"; a final "'s" is a token of its own), numbers ("21", "7:30", "1,000", "2.5", "21st"), and the symbols
 * {@code %} and {@code °}; other punctuation and hyphens separate words and are dropped. Linear time.
 */
public final class Tokenizer {
    private Tokenizer() {
    }

    public static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int start = i;
            if (c == '\'' && isPossessive(text, i)) {
                i += 2;
            } else if (Character.isLetter(c)) {
                i++;
                while (i < n && (Character.isLetter(text.charAt(i))
                        || (text.charAt(i) == '\'' && i + 1 < n && Character.isLetter(text.charAt(i + 1))))) {
                    i++;
                }
                // the possessive is a word of its own, so "kitchen's" holds the value "kitchen" whether the
                // dataset wrote the slot as "kitchen" + "'s light" or the sentence as "kitchen's light"
                if (i - start > 2 && text.charAt(i - 2) == '\'' && (text.charAt(i - 1) == 's' || text.charAt(i - 1) == 'S')) {
                    out.add(new Token(text.substring(start, i - 2).toLowerCase(Locale.ROOT), start, i - 2));
                    start = i - 2;
                }
            } else if (Character.isDigit(c)) {
                i++;
                while (i < n && (Character.isDigit(text.charAt(i))
                        || ((text.charAt(i) == '.' || text.charAt(i) == ',' || text.charAt(i) == ':')
                        && i + 1 < n && Character.isDigit(text.charAt(i + 1))))) {
                    i++;
                }
                if (i + 1 < n && isOrdinalSuffix(text.substring(i, i + 2))
                        && (i + 2 == n || !Character.isLetter(text.charAt(i + 2)))) {
                    i += 2;
                }
            } else if (c == '%' || c == '°') {
                i++;
            } else {
                i++;
                continue;
            }
            out.add(new Token(text.substring(start, i).toLowerCase(Locale.ROOT), start, i));
        }
        return out;
    }

    /** "'s" at {@code i}, not followed by a letter (a quoted word like "'sunday'" is no possessive). */
    private static boolean isPossessive(String text, int i) {
        return i + 1 < text.length() && (text.charAt(i + 1) == 's' || text.charAt(i + 1) == 'S')
                && (i + 2 == text.length() || !Character.isLetter(text.charAt(i + 2)));
    }

    private static boolean isOrdinalSuffix(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.equals("st") || l.equals("nd") || l.equals("rd") || l.equals("th");
    }
}
