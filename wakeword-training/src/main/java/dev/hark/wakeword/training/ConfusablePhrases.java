package dev.hark.wakeword.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Phrases that sound like the wake phrase but are not it, found in the CMU pronouncing dictionary:
 * the phrase with one word replaced by a word one phone away (substituted, inserted or deleted:
 * "hey kitten" for "hey kitchen"; two phones for words of five or more when one finds too few), its words alone and its proper prefixes; and random word
 * sequences of ordinary dictionary words for synthetic non-phrase speech. Loading the dictionary
 * (135,000 entries) costs about a second and 30 MB; a search is linear in the dictionary.
 */
final class ConfusablePhrases {
    /** Debian's pocketsphinx-en-us dictionary. */
    static final Path DEFAULT_DICTIONARY = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");

    private final Map<String, String[]> pronunciations = new HashMap<>();
    private final List<String> plainWords = new ArrayList<>();

    private ConfusablePhrases() {
    }

    /** Reads a dictionary in CMU format ({@code word PH PH ...}, alternatives as {@code word(2)}). */
    static ConfusablePhrases load(Path dictionary) throws IOException {
        ConfusablePhrases c = new ConfusablePhrases();
        for (String line : Files.readAllLines(dictionary, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || f[0].contains("(")) {
                continue;
            }
            String[] phones = Arrays.copyOfRange(f, 1, f.length);
            c.pronunciations.put(f[0], phones);
            if (f[0].matches("[a-z]{2,10}") && phones.length >= 2 && phones.length <= 8) {
                c.plainWords.add(f[0]);
            }
        }
        return c;
    }

    /** The phrase's words, lower case, without punctuation. */
    static List<String> words(String phrase) {
        return Arrays.stream(phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").trim().split("\\s+"))
                .filter(w -> !w.isEmpty()).toList();
    }

    /** Whether every word of {@code phrase} is in the dictionary. */
    List<String> unknownWords(String phrase) {
        return words(phrase).stream().filter(w -> !pronunciations.containsKey(w)).toList();
    }

    /**
     * Up to {@code limit} phrases one phone away from {@code phrase} in one word, in random order
     * (by {@code random}), followed by its words alone and its proper prefixes. Words that begin
     * with the phrase's word (plurals: "kitchens") are not offered: they are the phrase.
     */
    List<String> neighbours(String phrase, int limit, Random random) {
        List<String> words = words(phrase);
        List<String> near = new ArrayList<>();
        // one phone away; two for long words, which have few neighbours at one
        for (int maxDistance = 1; maxDistance <= 2 && near.size() < limit; maxDistance++) {
            for (int i = 0; i < words.size(); i++) {
                String[] target = pronunciations.get(words.get(i));
                if (target == null || maxDistance > 1 && target.length < 5) {
                    continue;
                }
                for (Map.Entry<String, String[]> e : pronunciations.entrySet()) {
                    String w = e.getKey();
                    if (Math.abs(e.getValue().length - target.length) > maxDistance
                            || distance(e.getValue(), target) != maxDistance
                            || w.startsWith(words.get(i)) || words.get(i).startsWith(w) || !w.matches("[a-z']+")) {
                        continue;
                    }
                    List<String> copy = new ArrayList<>(words);
                    copy.set(i, w);
                    near.add(String.join(" ", copy));
                }
            }
        }
        java.util.Collections.shuffle(near, random);
        Set<String> out = new LinkedHashSet<>(near.subList(0, Math.min(limit, near.size())));
        if (words.size() > 1) {
            out.addAll(words);
            for (int n = 2; n < words.size(); n++) {
                out.add(String.join(" ", words.subList(0, n)));
            }
        }
        out.remove(String.join(" ", words));
        return new ArrayList<>(out);
    }

    /** A sequence of {@code n} random dictionary words that contains none of {@code avoid}. */
    String randomWords(int n, Set<String> avoid, Random random) {
        StringBuilder sb = new StringBuilder();
        while (n > 0) {
            String w = plainWords.get(random.nextInt(plainWords.size()));
            if (avoid.contains(w)) {
                continue;
            }
            sb.append(sb.length() > 0 ? " " : "").append(w);
            n--;
        }
        return sb.toString();
    }

    /** Levenshtein distance between two phone sequences. */
    static int distance(String[] a, String[] b) {
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a[i - 1].equals(b[j - 1]) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }
}
