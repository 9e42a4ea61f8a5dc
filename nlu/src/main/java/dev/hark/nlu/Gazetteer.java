package dev.hark.nlu;

import dev.hark.nlu.dataset.CustomEntity;
import dev.hark.nlu.dataset.EntityValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The phrases of one custom entity (values and synonyms, normalised to lower-case tokens) and the canonical
 * value each resolves to. Resolves a slot's text to a value, and finds the entity's phrases in a token
 * sentence (for the slot filler's gazetteer features and the deterministic parser). Immutable.
 */
public final class Gazetteer {
    private final CustomEntity entity;
    private final Map<String, String> canonical = new HashMap<>();
    private final List<String[]> phrases = new ArrayList<>();
    private final Set<String> firstWords = new HashSet<>();
    private int longest;

    public Gazetteer(CustomEntity entity) {
        this.entity = entity;
        for (EntityValue v : entity.values()) {
            add(v.value(), v.value());
            for (String s : v.synonyms()) {
                add(s, entity.useSynonyms() ? v.value() : s);
            }
        }
    }

    private void add(String phrase, String value) {
        String key = normalise(phrase);
        if (key.isEmpty() || canonical.containsKey(key)) {
            return;
        }
        canonical.put(key, value);
        String[] words = key.split(" ");
        phrases.add(words);
        firstWords.add(words[0]);
        longest = Math.max(longest, words.length);
    }

    /** Lower-cased tokens joined by single spaces: the form phrases are compared in. */
    public static String normalise(String text) {
        StringBuilder sb = new StringBuilder();
        for (Token t : Tokenizer.tokenize(text)) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }

    public CustomEntity entity() {
        return entity;
    }

    /**
     * The value {@code text} stands for: the canonical value of a matching value or synonym (exact after
     * normalisation, or, when the entity's matching strictness is below 1, the phrase sharing the largest
     * fraction of words if that fraction reaches the strictness); else the text itself when the entity is
     * automatically extensible; else null.
     */
    public SlotValue.Custom resolve(String text) {
        String key = normalise(text);
        String v = canonical.get(key);
        if (v != null) {
            return new SlotValue.Custom(v);
        }
        if (entity.matchingStrictness() < 1.0 && !key.isEmpty()) {
            Set<String> words = Set.of(key.split(" "));
            double best = 0;
            String bestValue = null;
            for (String[] p : phrases) {
                int shared = 0;
                for (String w : p) {
                    if (words.contains(w)) {
                        shared++;
                    }
                }
                double score = shared / (double) Math.max(p.length, words.size());
                if (score > best) {
                    best = score;
                    bestValue = canonical.get(String.join(" ", p));
                }
            }
            if (bestValue != null && best >= entity.matchingStrictness()) {
                return new SlotValue.Custom(bestValue);
            }
        }
        return entity.automaticallyExtensible() && !key.isEmpty() ? new SlotValue.Custom(text.strip()) : null;
    }

    /** The lengths (in tokens) of every phrase of this entity starting at token {@code i}, shortest first. */
    public int[] matchLengths(List<Token> tokens, int i) {
        if (i >= tokens.size() || !firstWords.contains(tokens.get(i).text())) {
            return new int[0];
        }
        int[] found = new int[longest];
        int count = 0;
        StringBuilder sb = new StringBuilder();
        for (int len = 1; len <= longest && i + len <= tokens.size(); len++) {
            if (len > 1) {
                sb.append(' ');
            }
            sb.append(tokens.get(i + len - 1).text());
            if (canonical.containsKey(sb.toString())) {
                found[count++] = len;
            }
        }
        return java.util.Arrays.copyOf(found, count);
    }
}
