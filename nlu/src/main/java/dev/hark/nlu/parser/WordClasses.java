package dev.hark.nlu.parser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Generalises a word for the intent classifier: a light English stemmer (plural, -ing, -ed, -ly, final
 * "e", possessive) and the synonym classes of a small general lexicon shipped as the resource
 * {@code dev/hark/nlu/word-classes.txt} ("halt" and "stop" are both {@code stop}, and so is the phrase
 * "carry on" with "continue"). Loaded once per JVM
 * (a few hundred entries); {@link #classOf} is one stemming pass and one hash lookup.
 */
final class WordClasses {
    private static final Map<String, String> CLASSES = load();

    private WordClasses() {
    }

    /** The synonym class of {@code word} (lower case), or its stem when the lexicon does not list it. */
    static String classOf(String word) {
        String c = CLASSES.get(word);
        if (c != null) {
            return c;
        }
        String stem = stem(word);
        c = CLASSES.get(stem);
        return c != null ? c : stem;
    }

    /** The class of the two-word phrase {@code a b} ("shut up", "carry on"), or null when it has none. */
    static String phraseClass(String a, String b) {
        return CLASSES.get(stem(a) + "_" + stem(b));
    }

    /**
     * A crude but consistent stem: the forms of a word that matter in commands ("lights", "playing",
     * "stopped", "dimmed", "makes") reduce to one string; it need not be a real word.
     */
    static String stem(String w) {
        if (w.startsWith("<")) {
            return w;
        }
        String s = w;
        if (s.endsWith("'s")) {
            s = s.substring(0, s.length() - 2);
        }
        if (s.length() > 4 && s.endsWith("ies")) {
            s = s.substring(0, s.length() - 3) + "y";
        } else if (s.length() > 4 && s.endsWith("sses")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.length() > 3 && s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us") && !s.endsWith("is")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() > 5 && s.endsWith("ing")) {
            s = undouble(s.substring(0, s.length() - 3));
        } else if (s.length() > 4 && s.endsWith("ed") && !s.endsWith("eed")) {
            s = undouble(s.substring(0, s.length() - 2));
        } else if (s.length() > 4 && s.endsWith("ly")) {
            s = s.substring(0, s.length() - 2);
        }
        if (s.length() > 3 && s.endsWith("e")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** "stopp" to "stop", "dimm" to "dim"; "fall", "press", "buzz" keep their double letter. */
    private static String undouble(String s) {
        int n = s.length();
        if (n >= 3 && s.charAt(n - 1) == s.charAt(n - 2) && "lsz".indexOf(s.charAt(n - 1)) < 0
                && "aeiou".indexOf(s.charAt(n - 1)) < 0) {
            return s.substring(0, n - 1);
        }
        return s;
    }

    private static Map<String, String> load() {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = WordClasses.class.getResourceAsStream("/dev/hark/nlu/word-classes.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int hash = line.indexOf('#');
                String l = (hash >= 0 ? line.substring(0, hash) : line).strip();
                int colon = l.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String cls = "=" + l.substring(0, colon).strip();
                for (String w : l.substring(colon + 1).strip().split("\\s+")) {
                    int us = w.indexOf('_');
                    if (us > 0) {
                        out.putIfAbsent(stem(w.substring(0, us)) + "_" + stem(w.substring(us + 1)), cls);
                    } else {
                        out.putIfAbsent(w, cls);
                        out.putIfAbsent(stem(w), cls);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
