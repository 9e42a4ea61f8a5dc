package dev.hark.wakeword.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Voices to draw from, each engine as often as the others, then a voice of that engine: espeak-ng
 * offers hundreds of language-and-variant voices of one formant synthesiser, flite and festival a
 * handful of recorded speakers, and drawn uniformly over voices the recorded speakers would say one
 * phrase in a hundred. Immutable; a draw costs two random numbers.
 */
final class VoicePool {
    private final List<List<Voice>> byEngine;
    private final int size;

    private VoicePool(List<List<Voice>> byEngine) {
        this.byEngine = byEngine;
        this.size = byEngine.stream().mapToInt(List::size).sum();
    }

    /** A pool of {@code voices} (at least one). */
    static VoicePool of(List<Voice> voices) {
        Map<String, List<Voice>> engines = new LinkedHashMap<>();
        for (Voice v : voices) {
            engines.computeIfAbsent(v.engine(), e -> new ArrayList<>()).add(v);
        }
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("no voices");
        }
        return new VoicePool(List.copyOf(engines.values()));
    }

    /**
     * {@code voices} split in two for training and held-out recall: of each engine with two or more
     * voices, {@code fraction} of them (at least one) shuffled out into the second pool; engines with
     * a single voice stay in training only. The second pool is null when no engine could spare a voice.
     */
    static VoicePool[] split(List<Voice> voices, double fraction, Random random) {
        List<Voice> train = new ArrayList<>();
        List<Voice> test = new ArrayList<>();
        for (List<Voice> engine : of(voices).byEngine) {
            List<Voice> shuffled = new ArrayList<>(engine);
            Collections.shuffle(shuffled, random);
            int out = shuffled.size() < 2 ? 0 : Math.max(1, (int) Math.round(shuffled.size() * fraction));
            test.addAll(shuffled.subList(0, out));
            train.addAll(shuffled.subList(out, shuffled.size()));
        }
        return new VoicePool[] {of(train), test.isEmpty() ? null : of(test)};
    }

    /** An engine drawn uniformly, then one of its voices. */
    Voice pick(Random r) {
        List<Voice> engine = byEngine.get(r.nextInt(byEngine.size()));
        return engine.get(r.nextInt(engine.size()));
    }

    int size() {
        return size;
    }

    /** How many voices of {@code engine} the pool holds. */
    long count(String engine) {
        return byEngine.stream().flatMap(List::stream).filter(v -> v.engine().equals(engine)).count();
    }
}
