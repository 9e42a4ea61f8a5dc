package dev.hark.nlu.parser;

import dev.hark.nlu.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The slot filler's features of each token, after Snips NLU's CRF and beyond: the word and its neighbours
 * within two positions, neighbouring bigrams, the word's shape and its neighbours' (capitals, digits),
 * prefixes and suffixes, whether it is a number, whether it is first or last; its {@link WordClusters}
 * path at several depths and its neighbours' (or that it has none: a rare word), so that unseen words
 * act like the words they resemble; and, at offsets -1, 0 and +1, its place (BILOU) in occurrences of the
 * assistant's entities (gazetteer matches of custom values, built-in spans), of the shipped
 * {@link Lexicons} (cities, regions, countries, first names, genres) and of built-in entities the
 * assistant does not declare (dates, numbers...).
 */
final class SlotFeatures {
    private static final String[] BILOU = {"", "B", "I", "L", "U"};
    private static final int[] CLUSTER_DEPTHS = {4, 8, 12};

    private SlotFeatures() {
    }

    static List<List<String>> of(Mentions m, EntityIndex index) {
        List<Token> t = m.tokens;
        int n = t.size();
        String[] shapes = new String[n];
        String[] clusters = new String[n];
        for (int i = 0; i < n; i++) {
            shapes[i] = shape(m.text.substring(t.get(i).start(), t.get(i).end()));
            String path = WordClusters.path(t.get(i).text());
            clusters[i] = path == null ? "?" : path;
        }
        int[][] ambient = m.ambient();
        List<List<String>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> f = new ArrayList<>(48);
            String w = t.get(i).text();
            f.add("w=" + w);
            f.add("w-1=" + word(t, i - 1));
            f.add("w+1=" + word(t, i + 1));
            f.add("w-2=" + word(t, i - 2));
            f.add("w+2=" + word(t, i + 2));
            f.add("b-1=" + word(t, i - 1) + "|" + w);
            f.add("b+1=" + w + "|" + word(t, i + 1));
            f.add("sh=" + shapes[i]);
            f.add("sh-1=" + (i > 0 ? shapes[i - 1] : "^") + "|" + shapes[i]);
            f.add("sh+1=" + shapes[i] + "|" + (i + 1 < n ? shapes[i + 1] : "$"));
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
            if (i == 0) {
                f.add("first");
            }
            if (i == n - 1) {
                f.add("last");
            }
            String c = clusters[i];
            f.add("c=" + c);
            for (int depth : CLUSTER_DEPTHS) {
                if (c.length() > depth) {
                    f.add("c" + depth + "=" + c.substring(0, depth));
                }
            }
            f.add("c-1=" + (i > 0 ? prefix(clusters[i - 1], 8) : "^"));
            f.add("c+1=" + (i + 1 < n ? prefix(clusters[i + 1], 8) : "$"));
            for (int e = 0; e < index.size(); e++) {
                places(f, "e", index.name(e), m.marks[e], i);
            }
            for (int k = 0; k < ambient.length; k++) {
                String name = k < Lexicons.NAMES.length ? Lexicons.NAMES[k]
                        : Mentions.AMBIENT_BUILTINS[k - Lexicons.NAMES.length].entityName();
                places(f, "a", name, ambient[k], i);
            }
            out.add(f);
        }
        return out;
    }

    /** Token i's place in occurrences of {@code name}, and whether its neighbours are in one. */
    private static void places(List<String> f, String kind, String name, int[] mark, int i) {
        if (mark[i] != 0) {
            f.add(kind + "=" + name + ":" + BILOU[mark[i]]);
        }
        if (i > 0 && mark[i - 1] != 0) {
            f.add(kind + "-1=" + name + ":" + BILOU[mark[i - 1]]);
        }
        if (i + 1 < mark.length && mark[i + 1] != 0) {
            f.add(kind + "+1=" + name + ":" + BILOU[mark[i + 1]]);
        }
    }

    private static String prefix(String path, int depth) {
        return path.length() > depth ? path.substring(0, depth) : path;
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
