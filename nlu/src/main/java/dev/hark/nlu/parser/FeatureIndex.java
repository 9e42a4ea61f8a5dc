package dev.hark.nlu.parser;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers feature names as they are first met and counts how often each occurs in the training examples,
 * so that the features seen only once (a title's odd word, one sentence's bigram: they cannot generalise
 * and would fill the model) are dropped before training ({@link #prune}).
 */
final class FeatureIndex {
    private Map<String, Integer> ids = new HashMap<>();
    private int[] counts = new int[1024];

    /** The number of {@code name}, counting one more occurrence. */
    int add(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            id = ids.size();
            ids.put(name, id);
            if (id == counts.length) {
                counts = Arrays.copyOf(counts, 2 * id);
            }
        }
        counts[id]++;
        return id;
    }

    /** The numbers of {@code names}, counting each. */
    int[] add(Collection<String> names) {
        int[] x = new int[names.size()];
        int k = 0;
        for (String name : names) {
            x[k++] = add(name);
        }
        return x;
    }

    /**
     * Keeps the features met at least {@code minCount} times, renumbered in their order; returns the map
     * from old numbers to new ones (-1: dropped). Rewrite the examples with {@link #remap}.
     */
    int[] prune(int minCount) {
        int[] map = new int[ids.size()];
        int next = 0;
        for (int id = 0; id < map.length; id++) {
            map[id] = counts[id] >= minCount ? next++ : -1;
        }
        Map<String, Integer> kept = new HashMap<>(next * 2);
        ids.forEach((name, id) -> {
            if (map[id] >= 0) {
                kept.put(name, map[id]);
            }
        });
        ids = kept;
        counts = new int[0];
        return map;
    }

    /** {@code x} renumbered by {@code map}, dropped features left out. */
    static int[] remap(int[] x, int[] map) {
        int n = 0;
        for (int f : x) {
            if (map[f] >= 0) {
                n++;
            }
        }
        int[] out = new int[n];
        n = 0;
        for (int f : x) {
            if (map[f] >= 0) {
                out[n++] = map[f];
            }
        }
        return out;
    }

    /** Feature name to number, after {@link #prune}: what the trained model keeps. */
    Map<String, Integer> names() {
        return ids;
    }
}
