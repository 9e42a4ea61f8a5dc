package dev.hark.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a sentence into lower-cased {@link Token}s with their character offsets: runs of letters (with
 * inner apostrophes: "o'clock", "don't"), numbers ("21", "7:30", "1,000", "2.5", "21st"), and the symbols
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
            if (Character.isLetter(c)) {
                i++;
                while (i < n && (Character.isLetter(text.charAt(i))
                        || (text.charAt(i) == '\'' && i + 1 < n && Character.isLetter(text.charAt(i + 1))))) {
                    i++;
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

    private static boolean isOrdinalSuffix(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.equals("st") || l.equals("nd") || l.equals("rd") || l.equals("th");
    }
}
