package dev.hark.nlu.parser;

import dev.hark.nlu.Gazetteer;
import dev.hark.nlu.dataset.Chunk;
import dev.hark.nlu.dataset.CustomEntity;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.EntityValue;
import dev.hark.nlu.dataset.Intent;
import dev.hark.nlu.dataset.Utterance;
import dev.hark.nlu.template.Template;
import dev.hark.nlu.template.TemplateExpander;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The sentences the parsers learn from, made from a dataset the way Snips NLU prepares its data: templates
 * expanded (at most {@link #PER_TEMPLATE} utterances each), custom entities extended with the slot values
 * their utterances use, extra utterances made by filling the slots of real ones with other entity values
 * (so the slot filler sees many values: up to 200 utterances per intent, or half again as many, at most
 * 500 more), and noise sentences for the "none" intent.
 */
final class TrainingSet {
    static final int PER_TEMPLATE = 300;
    private static final int MIN_UTTERANCES = 200;
    private static final int MAX_EXTRA = 500;

    final Dataset dataset;
    /** Utterances as written or expanded, per intent: what the deterministic parser memorises. */
    final Map<String, List<Utterance>> original = new LinkedHashMap<>();
    /** Original plus slot-refilled utterances: what the classifier and slot fillers train on. */
    final Map<String, List<Utterance>> augmented = new LinkedHashMap<>();
    final List<String> noise = new ArrayList<>();
    /** Common English words, the noise's vocabulary; also inserted into copies of real requests. */
    final List<String> words = new ArrayList<>();
    /** Per custom entity, how many original utterances use each value not in the entity's own list. */
    private final Map<String, Map<String, Integer>> utteranceValueUses = new HashMap<>();

    TrainingSet(Dataset source, Random random) {
        TemplateExpander expander = new TemplateExpander(source);
        for (Intent intent : source.intents().values()) {
            List<Utterance> utts = new ArrayList<>(intent.utterances());
            for (Template t : intent.templates()) {
                utts.addAll(expander.sample(t, PER_TEMPLATE, random));
            }
            original.put(intent.name(), utts);
        }
        this.dataset = withUtteranceValues(source, original);
        for (CustomEntity e : source.customEntities().values()) {
            Set<String> listed = phrases(e);
            Map<String, Integer> uses = new HashMap<>();
            for (List<Utterance> list : original.values()) {
                for (Utterance u : list) {
                    for (Chunk c : u.slots()) {
                        String v = Gazetteer.normalise(c.text());
                        if (c.entity().equals(e.name()) && !listed.contains(v)) {
                            uses.merge(v, 1, Integer::sum);
                        }
                    }
                }
            }
            utteranceValueUses.put(e.name(), uses);
        }
        TemplateExpander filler = new TemplateExpander(dataset);
        int total = 0;
        for (Map.Entry<String, List<Utterance>> e : original.entrySet()) {
            List<Utterance> utts = e.getValue();
            List<Utterance> withSlots = new ArrayList<>();
            for (Utterance u : utts) {
                if (!u.slots().isEmpty()) {
                    withSlots.add(u);
                }
            }
            List<Utterance> all = new ArrayList<>(utts);
            if (!withSlots.isEmpty()) {
                int extra = Math.max(MIN_UTTERANCES - utts.size(), Math.min(utts.size() / 2, MAX_EXTRA));
                for (int i = 0; i < extra; i++) {
                    all.add(refill(withSlots.get(random.nextInt(withSlots.size())), filler, random));
                }
            }
            augmented.put(e.getKey(), all);
            total += all.size();
        }
        int noiseCount = Math.max(50, total / Math.max(1, original.size()) / 2);
        List<String> sentences = resourceLines("noise-sentences.txt");
        for (String line : resourceLines("noise-words.txt")) {
            for (String w : line.split("\\s+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        noise.addAll(sentences);
        for (int i = sentences.size(); i < noiseCount; i++) {
            int len = 2 + random.nextInt(7);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) {
                sb.append(k == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
            }
            noise.add(sb.toString());
        }
    }

    /**
     * The slot values of {@code u} that only one training utterance uses (and the entity does not list), as
     * {@link Mentions#hiddenKey}s: a sentence must not find in the gazetteer the value it alone put there,
     * or the parsers learn that every value is in the gazetteer, which held-out values are not.
     */
    Set<String> valuesOnlyItTaught(Utterance u) {
        Set<String> hidden = new HashSet<>();
        for (Chunk c : u.slots()) {
            Map<String, Integer> uses = utteranceValueUses.get(c.entity());
            String v = Gazetteer.normalise(c.text());
            if (uses != null && uses.getOrDefault(v, 0) == 1) {
                hidden.add(Mentions.hiddenKey(c.entity(), v));
            }
        }
        return hidden;
    }

    private static Set<String> phrases(CustomEntity e) {
        Set<String> known = new HashSet<>();
        for (EntityValue v : e.values()) {
            known.add(Gazetteer.normalise(v.value()));
            for (String s : v.synonyms()) {
                known.add(Gazetteer.normalise(s));
            }
        }
        return known;
    }

    /**
     * {@code text} with one random common word inserted between two of its words: a request with a stray
     * word in it is still that request, so the classifier must not take common words as proof of "none".
     */
    String withStrayWord(String text, Random random) {
        String[] parts = text.split(" ");
        int at = random.nextInt(parts.length + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= parts.length; i++) {
            if (i == at) {
                sb.append(sb.length() == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
            }
            if (i < parts.length) {
                sb.append(sb.length() == 0 ? "" : " ").append(parts[i]);
            }
        }
        return sb.toString();
    }

    /** A copy of {@code u} whose slots hold random values of the same entities (each kept with p = 0.3). */
    private static Utterance refill(Utterance u, TemplateExpander filler, Random random) {
        List<Chunk> chunks = new ArrayList<>();
        for (Chunk c : u.chunks()) {
            if (c.isSlot() && random.nextDouble() >= 0.3) {
                chunks.add(Chunk.slot(filler.randomPhrase(c.entity(), random), c.entity(), c.slotName()));
            } else {
                chunks.add(c);
            }
        }
        return new Utterance(chunks);
    }

    /** Snips adds the slot values of the utterances to their custom entities; so does Hark. */
    private static Dataset withUtteranceValues(Dataset d, Map<String, List<Utterance>> utterances) {
        Map<String, CustomEntity> entities = new LinkedHashMap<>();
        for (CustomEntity e : d.customEntities().values()) {
            Set<String> known = phrases(e);
            List<EntityValue> values = new ArrayList<>(e.values());
            for (List<Utterance> list : utterances.values()) {
                for (Utterance u : list) {
                    for (Chunk c : u.slots()) {
                        if (c.entity().equals(e.name()) && known.add(Gazetteer.normalise(c.text()))) {
                            values.add(new EntityValue(c.text().strip(), List.of()));
                        }
                    }
                }
            }
            entities.put(e.name(), new CustomEntity(e.name(), values, e.useSynonyms(), e.automaticallyExtensible(),
                    e.matchingStrictness()));
        }
        return new Dataset(d.language(), d.intents(), entities, d.builtinEntities());
    }

    private static List<String> resourceLines(String name) {
        List<String> out = new ArrayList<>();
        try (InputStream in = TrainingSet.class.getResourceAsStream("/dev/hark/nlu/" + name);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
