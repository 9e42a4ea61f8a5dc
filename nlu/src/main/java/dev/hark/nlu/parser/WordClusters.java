package dev.hark.nlu.parser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Hierarchical word clusters learnt from English Wikipedia by scripts/nlu/word_clusters.py (words used
 * in the same contexts share the prefixes of a binary path, as in Brown clustering), shipped as the
 * resource {@code dev/hark/nlu/word-clusters.txt.gz} (40,000 words; CC BY-SA 3.0 like its source text).
 * They let the slot filler treat a word it never saw in training like the words of its cluster
 * ("Vienna" like "Boston"); a word outside the list is itself a sign of a rare name. Loaded once per JVM
 * (0.5 MB of heap); a lookup is one binary search.
 */
final class WordClusters {
    private static final WordClusters SHIPPED = load();

    private final long[] keys;
    private final int[] paths; // bits of the path below a leading 1

    private WordClusters(long[] keys, int[] paths) {
        this.keys = keys;
        this.paths = paths;
    }

    /** The cluster path of {@code word} (lower case) as a string of 0s and 1s, or null when it has none. */
    static String path(String word) {
        int k = Arrays.binarySearch(SHIPPED.keys, PhraseSet.hash(word));
        return k < 0 ? null : Integer.toBinaryString(SHIPPED.paths[k]).substring(1);
    }

    private static WordClusters load() {
        String name = "/dev/hark/nlu/word-clusters.txt.gz";
        long[] keys = new long[1 << 16];
        int[] paths = new int[1 << 16];
        int n = 0;
        try (InputStream raw = WordClusters.class.getResourceAsStream(name);
             BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int tab = line.indexOf('\t');
                if (line.startsWith("#") || tab < 0) {
                    continue;
                }
                if (n == keys.length) {
                    keys = Arrays.copyOf(keys, 2 * n);
                    paths = Arrays.copyOf(paths, 2 * n);
                }
                keys[n] = PhraseSet.hash(line.substring(0, tab));
                paths[n++] = Integer.parseInt("1" + line.substring(tab + 1), 2);
            }
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("word cluster resource " + name + " is missing or unreadable", e));
        }
        // sort the keys, carrying the paths along
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long[] k0 = keys;
        Arrays.sort(order, (a, b) -> Long.compare(k0[a], k0[b]));
        long[] sortedKeys = new long[n];
        int[] sortedPaths = new int[n];
        for (int i = 0; i < n; i++) {
            sortedKeys[i] = keys[order[i]];
            sortedPaths[i] = paths[order[i]];
        }
        return new WordClusters(sortedKeys, sortedPaths);
    }
}
