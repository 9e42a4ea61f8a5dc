package dev.hark.nlu.parser;

import dev.hark.nlu.Gazetteer;
import dev.hark.nlu.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Public lists of names the slot filler consults whatever the assistant declares: cities and towns,
 * first-level regions (states, provinces), countries, first names and music genres, shipped as resources
 * in {@code dev/hark/nlu/lexicons/} (sources and licences in their headers and in docs/nlu.md; made by
 * scripts/nlu/lexicons.py). Loaded once per JVM (about 160,000 phrases, 1.3 MB of heap as hashes, a
 * fraction of a second); a lookup is a few binary searches per token.
 */
final class Lexicons {
    /** The lexicons, in the order of {@link #marks}'s rows. */
    static final String[] NAMES = {"city", "region", "country", "first_name", "music_genre"};
    private static final PhraseSet[] SETS = load();

    private Lexicons() {
    }

    /**
     * For each lexicon, each token's place in the longest phrases found left to right: 0 outside, else
     * {@link Mentions#BEGIN}, {@link Mentions#INSIDE}, {@link Mentions#LAST} or {@link Mentions#UNIT}.
     */
    static int[][] marks(List<Token> tokens) {
        int[][] out = new int[SETS.length][tokens.size()];
        for (int l = 0; l < SETS.length; l++) {
            int i = 0;
            while (i < tokens.size()) {
                int len = SETS[l].longestMatch(tokens, i);
                if (len == 0) {
                    i++;
                    continue;
                }
                Mentions.markSpan(out[l], i, i + len);
                i += len;
            }
        }
        return out;
    }

    private static PhraseSet[] load() {
        PhraseSet[] sets = new PhraseSet[NAMES.length];
        for (int l = 0; l < NAMES.length; l++) {
            String name = "/dev/hark/nlu/lexicons/" + NAMES[l] + ".txt";
            boolean gz = Lexicons.class.getResource(name) == null;
            try (InputStream raw = Lexicons.class.getResourceAsStream(gz ? name + ".gz" : name);
                 BufferedReader r = new BufferedReader(new InputStreamReader(gz ? new GZIPInputStream(raw) : raw,
                         StandardCharsets.UTF_8))) {
                long[] hashes = new long[1024];
                int n = 0;
                int longest = 0;
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    String phrase = Gazetteer.normalise(line);
                    if (phrase.isEmpty()) {
                        continue;
                    }
                    if (n == hashes.length) {
                        hashes = java.util.Arrays.copyOf(hashes, 2 * n);
                    }
                    hashes[n++] = PhraseSet.hash(phrase);
                    longest = Math.max(longest, phrase.split(" ").length);
                }
                sets[l] = new PhraseSet(java.util.Arrays.copyOf(hashes, n), longest);
            } catch (IOException | NullPointerException e) {
                throw new UncheckedIOException(new IOException("lexicon resource " + name + " is missing or unreadable", e));
            }
        }
        return sets;
    }
}
