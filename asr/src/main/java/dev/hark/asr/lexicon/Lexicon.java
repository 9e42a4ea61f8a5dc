package dev.hark.asr.lexicon;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pronunciations of the words a grammar uses, and only those: the CMU dictionary
 * ({@code cmudict-en-us.dict}, "word PH ON ES" lines, alternates as "word(2)") is scanned once and
 * only needed entries are kept, so memory grows with the grammar, not the 134k-word dictionary.
 * Author-supplied pronunciations take precedence over the dictionary; Hark's own
 * {@link PronunciationVariants} can be added beside the dictionary's. Words found in neither are
 * reported by {@link #missing()} so the caller can fall back to letter-to-sound or fail naming them.
 * Immutable after loading.
 */
public final class Lexicon {
    private final Map<String, List<String[]>> entries;
    private final Set<String> missing;

    private Lexicon(Map<String, List<String[]>> entries, Set<String> missing) {
        this.entries = entries;
        this.missing = missing;
    }

    /** Normalises a word as the dictionary spells it (lower case, trimmed). */
    public static String normalize(String word) {
        return word.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Scans {@code dictionary} for {@code words}; {@code extra} maps words to author pronunciations
     * (each a space-separated phone string) that replace the dictionary's. Costs one sequential read
     * of the dictionary (about 3.5 MB, tens of milliseconds).
     */
    public static Lexicon load(Path dictionary, Collection<String> words, Map<String, List<String>> extra)
            throws IOException {
        return load(dictionary, words, extra, null);
    }

    /**
     * As {@link #load(Path, Collection, Map)}, then adds {@code variants} (may be null) beside the
     * dictionary's pronunciations of each word the author did not give, skipping any the dictionary
     * already has.
     */
    public static Lexicon load(Path dictionary, Collection<String> words, Map<String, List<String>> extra,
                               PronunciationVariants variants) throws IOException {
        Map<String, List<String[]>> found = new LinkedHashMap<>();
        Set<String> wanted = new TreeSet<>();
        for (String w : words) wanted.add(normalize(w));
        for (Map.Entry<String, List<String>> e : extra.entrySet()) {
            String w = normalize(e.getKey());
            List<String[]> prons = new ArrayList<>();
            for (String p : e.getValue()) prons.add(p.trim().toUpperCase(Locale.ROOT).split("\\s+"));
            found.put(w, prons);
        }
        Set<String> toScan = new TreeSet<>(wanted);
        toScan.removeAll(found.keySet());
        if (!toScan.isEmpty()) {
            try (BufferedReader in = Files.newBufferedReader(dictionary, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    int space = line.indexOf(' ');
                    if (space <= 0) continue;
                    String head = line.substring(0, space);
                    int paren = head.indexOf('(');
                    String word = paren > 0 ? head.substring(0, paren) : head;
                    if (!toScan.contains(word)) continue;
                    String[] phones = line.substring(space + 1).trim().split("\\s+");
                    found.computeIfAbsent(word, k -> new ArrayList<>()).add(phones);
                }
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(dictionary + ": pronunciation dictionary not found");
            }
        }
        if (variants != null) {
            for (String w : toScan) {
                List<String[]> prons = found.get(w);
                if (prons == null) continue;
                for (String[] v : variants.of(w)) {
                    if (prons.stream().noneMatch(p -> Arrays.equals(p, v))) prons.add(v);
                }
            }
        }
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(found.keySet());
        return new Lexicon(found, Collections.unmodifiableSet(missing));
    }

    /** Pronunciations of {@code word} (empty if unknown). */
    public List<String[]> pronunciations(String word) {
        return entries.getOrDefault(normalize(word), List.of());
    }

    /** The words with pronunciations, in the order they were found. */
    public Set<String> words() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** Adds pronunciations (e.g. from letter-to-sound) for a word, returning a new lexicon. */
    public Lexicon with(String word, List<String[]> pronunciations) {
        Map<String, List<String[]>> e = new LinkedHashMap<>(entries);
        e.put(normalize(word), pronunciations);
        Set<String> m = new TreeSet<>(missing);
        m.remove(normalize(word));
        return new Lexicon(e, Collections.unmodifiableSet(m));
    }

    /** Requested words with no pronunciation. */
    public Set<String> missing() {
        return missing;
    }

    /** Number of words with pronunciations. */
    public int size() {
        return entries.size();
    }
}
