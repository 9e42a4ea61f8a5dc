package dev.hark.nlu.parser;

import dev.hark.nlu.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The slot filler's features of each token, as in Snips NLU's CRF: the word and its neighbours within two
 * positions, neighbouring bigrams, the word's shape, prefixes and suffixes, whether it is a number, and
 * for every entity whether the token begins or continues an occurrence of it (gazetteer matches of custom
 * entity values, built-in entity spans), at offsets -1, 0 and +1.
 */
final class SlotFeatures {
    private SlotFeatures() {
    }

    static List<List<String>> of(Mentions m, EntityIndex index) {
        List<Token> t = m.tokens;
        int n = t.size();
        List<List<String>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> f = new ArrayList<>(32);
            String w = t.get(i).text();
            f.add("w=" + w);
            f.add("w-1=" + word(t, i - 1));
            f.add("w+1=" + word(t, i + 1));
            f.add("w-2=" + word(t, i - 2));
            f.add("w+2=" + word(t, i + 2));
            f.add("b-1=" + word(t, i - 1) + "|" + w);
            f.add("b+1=" + w + "|" + word(t, i + 1));
            f.add("shape=" + shape(m.text.substring(t.get(i).start(), t.get(i).end())));
            if (w.length() > 2) {
                f.add("p2=" + w.substring(0, 2));
                f.add("s2=" + w.substring(w.length() - 2));
            }
            if (w.length() > 3) {
                f.add("p3=" + w.substring(0, 3));
                f.add("s3=" + w.substring(w.length() - 3));
            }
            if (Character.isDigit(w.charAt(0))) {
                f.add("digit");
            }
            for (int e = 0; e < index.size(); e++) {
                int[] mark = m.marks[e];
                String name = index.name(e);
                if (mark[i] != 0) {
                    f.add("e=" + name + (mark[i] == 1 ? ":B" : ":I"));
                }
                if (i > 0 && mark[i - 1] != 0) {
                    f.add("e-1=" + name);
                }
                if (i + 1 < n && mark[i + 1] != 0) {
                    f.add("e+1=" + name + (mark[i + 1] == 1 ? ":B" : ":I"));
                }
            }
            out.add(f);
        }
        return out;
    }

    private static String word(List<Token> t, int i) {
        return i < 0 ? "^" : i >= t.size() ? "$" : t.get(i).text();
    }

    /** "Xxxx", "xxxx", "XXXX", "dd", "d:dd": letters and digits by class, runs collapsed beyond 4. */
    static String shape(String s) {
        StringBuilder sb = new StringBuilder();
        char last = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char k = Character.isUpperCase(c) ? 'X' : Character.isLetter(c) ? 'x' : Character.isDigit(c) ? 'd' : c;
            run = k == last ? run + 1 : 1;
            last = k;
            if (run <= 4) {
                sb.append(k);
            }
        }
        return sb.toString();
    }
}
