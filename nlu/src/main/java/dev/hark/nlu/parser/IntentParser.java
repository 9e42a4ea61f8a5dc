package dev.hark.nlu.parser;

import dev.hark.nlu.EntityResolver;
import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.nlu.SlotValue;
import dev.hark.nlu.Token;
import dev.hark.nlu.dataset.BuiltinEntity;
import dev.hark.nlu.dataset.Chunk;
import dev.hark.nlu.dataset.CustomEntity;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.EntityValue;
import dev.hark.nlu.dataset.Utterance;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Hark's text intent parser, in the Snips NLU architecture: a deterministic parser for sentences that are
 * training utterances (up to entity values), then a probabilistic one: a logistic-regression intent
 * classifier with a "none" class, and a CRF slot filler per intent; slot values resolve through entity
 * synonyms and the built-in entity resolver. Build one with {@link #builder()} (trains: seconds for
 * thousands of utterances) or {@link #load(Path)} (a directory written by {@link #save(Path)});
 * {@link #parse(String)} takes well under a millisecond for a command and is thread-safe.
 */
public final class IntentParser {
    private static final int MAGIC = 0x484e4c55; // "HNLU"
    private static final int VERSION = 2;
    /** The file a trained parser is stored in, inside the model directory. */
    public static final String MODEL_FILE = "nlu-model.bin";

    private final Dataset dataset;
    private final EntityIndex index;
    private final Map<String, Map<String, String>> slotEntities;
    private final DeterministicParser deterministic;
    private final IntentClassifier classifier;
    private final Map<String, CrfSlotFiller> slotFillers;

    private IntentParser(Dataset dataset, Clock clock, Map<String, Map<String, String>> slotEntities,
                         DeterministicParser deterministic, IntentClassifier classifier,
                         Map<String, CrfSlotFiller> slotFillers) {
        this.dataset = dataset;
        List<String> names = new ArrayList<>(dataset.customEntities().keySet());
        for (BuiltinEntity b : dataset.builtinEntities()) {
            names.add(b.entityName());
        }
        this.index = new EntityIndex(names, new EntityResolver(dataset, clock));
        this.slotEntities = slotEntities;
        this.deterministic = deterministic;
        this.classifier = classifier;
        this.slotFillers = slotFillers;
    }

    /** Options for training. */
    public static final class Builder {
        private Dataset dataset;
        private long seed = 42;
        private Clock clock = Clock.systemDefaultZone();

        private Builder() {
        }

        /** The dataset to learn (required). */
        public Builder dataset(Dataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /** Seed for template sampling, augmentation, noise and shuffling: same seed, same model. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The clock relative dates and times ("tomorrow") resolve against; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Trains the parser; cost roughly linear in the number of training utterances. */
        public IntentParser build() {
            if (dataset == null) {
                throw new IllegalStateException("dataset is required");
            }
            return train(dataset, seed, clock);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Passes over {@code n} examples: 12 for small sets, fewer for large ones so that the number of SGD
     * steps (and training time) stays bounded; at least 4.
     */
    private static int epochs(int max, int n) {
        return Math.max(4, Math.min(max, STEPS / Math.max(1, n)));
    }

    private static final int STEPS = 60_000;
    /** Features met fewer times than this in training are dropped: they cannot generalise and fill the model. */
    private static final int MIN_FEATURE_COUNT = 2;
    /** The share of requests the classifier also sees with a stray common word inserted. */
    private static final double STRAY_WORD_SHARE = 0.3;

    private static IntentParser train(Dataset source, long seed, Clock clock) {
        Random random = new Random(seed);
        TrainingSet data = new TrainingSet(source, random);
        Map<String, Map<String, String>> slotEntities = new LinkedHashMap<>();
        for (Map.Entry<String, List<Utterance>> e : data.augmented.entrySet()) {
            Map<String, String> slots = new LinkedHashMap<>();
            for (Utterance u : e.getValue()) {
                for (Chunk c : u.slots()) {
                    slots.putIfAbsent(c.slotName(), c.entity());
                }
            }
            slotEntities.put(e.getKey(), slots);
        }
        IntentParser shell = new IntentParser(data.dataset, clock, slotEntities, new DeterministicParser(), null, Map.of());
        EntityIndex index = shell.index;

        DeterministicParser deterministic = new DeterministicParser();
        for (Map.Entry<String, List<Utterance>> e : data.original.entrySet()) {
            for (Utterance u : e.getValue()) {
                deterministic.add(e.getKey(), u, index);
            }
        }

        List<String> intents = new ArrayList<>(data.augmented.keySet());
        String[] classes = new String[intents.size() + 1];
        for (int i = 0; i < intents.size(); i++) {
            classes[i] = intents.get(i);
        }
        List<IntentClassifier.Example> lrExamples = new ArrayList<>();
        FeatureIndex lrIndex = new FeatureIndex();
        Map<String, FeatureIndex> crfIndex = new LinkedHashMap<>();
        Map<String, List<CrfSlotFiller.Example>> crfExamples = new LinkedHashMap<>();
        for (int k = 0; k < intents.size(); k++) {
            String intent = intents.get(k);
            List<String> slotNames = new ArrayList<>(slotEntities.get(intent).keySet());
            List<CrfSlotFiller.Example> examples = new ArrayList<>();
            FeatureIndex featureIndex = new FeatureIndex();
            for (Utterance u : data.augmented.get(intent)) {
                String text = u.text();
                Set<String> hidden = data.valuesOnlyItTaught(u);
                Mentions m = Mentions.of(text, index, hidden);
                lrExamples.add(new IntentClassifier.Example(lrIndex.add(IntentFeatures.of(m, index)), k));
                if (random.nextDouble() < STRAY_WORD_SHARE) {
                    Mentions stray = Mentions.of(data.withStrayWord(text, random), index, hidden);
                    lrExamples.add(new IntentClassifier.Example(lrIndex.add(IntentFeatures.of(stray, index)), k));
                }
                if (!slotNames.isEmpty()) {
                    examples.add(new CrfSlotFiller.Example(CrfSlotFiller.index(SlotFeatures.of(m, index), featureIndex),
                            goldTags(u, m.tokens, slotNames)));
                }
            }
            if (!slotNames.isEmpty()) {
                crfExamples.put(intent, examples);
                crfIndex.put(intent, featureIndex);
            }
        }
        for (String noise : data.noise) {
            Mentions m = Mentions.of(noise, index);
            if (m.hasAnySpan()) {
                // random words that happen to form "five day" or an artist's name would teach the none class
                // that entities mean "no intent"; such noise is left out
                continue;
            }
            lrExamples.add(new IntentClassifier.Example(lrIndex.add(IntentFeatures.of(m, index)), classes.length - 1));
        }
        int[] lrMap = lrIndex.prune(MIN_FEATURE_COUNT);
        lrExamples.replaceAll(e -> e.remap(lrMap));
        IntentClassifier classifier = IntentClassifier.train(classes, lrIndex.names(), lrExamples,
                Math.max(10, epochs(12, lrExamples.size())), 1e-4, random);
        Map<String, CrfSlotFiller> fillers = new LinkedHashMap<>();
        for (Map.Entry<String, List<CrfSlotFiller.Example>> e : crfExamples.entrySet()) {
            String[] slotNames = slotEntities.get(e.getKey()).keySet().toArray(new String[0]);
            FeatureIndex featureIndex = crfIndex.get(e.getKey());
            int[] map = featureIndex.prune(MIN_FEATURE_COUNT);
            List<CrfSlotFiller.Example> examples = new ArrayList<>(e.getValue().size());
            e.getValue().forEach(x -> examples.add(x.remap(map)));
            fillers.put(e.getKey(), CrfSlotFiller.train(slotNames, featureIndex.names(), examples,
                    epochs(10, examples.size()), 1e-4, random));
        }
        return new IntentParser(data.dataset, clock, slotEntities, deterministic, classifier, fillers);
    }

    /** The slot filler's tags ({@link CrfSlotFiller#tags}) of an utterance's tokens. */
    private static int[] goldTags(Utterance u, List<Token> tokens, List<String> slotNames) {
        List<int[]> spans = new ArrayList<>();
        int offset = 0;
        for (Chunk c : u.chunks()) {
            int from = offset;
            int to = offset + c.text().length();
            offset = to;
            if (!c.isSlot()) {
                continue;
            }
            int first = -1;
            int last = -1;
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                // overlap, not containment: "tomorrow's" is one token across a slot's end
                if (t.start() < to && t.end() > from) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            if (first >= 0) {
                spans.add(new int[] {slotNames.indexOf(c.slotName()), first, last + 1});
            }
        }
        return CrfSlotFiller.tags(tokens.size(), spans);
    }

    /**
     * The intent and slots of {@code text}. A sentence matching no intent (or empty) gives a result whose
     * {@code intentName} is null; never throws for any text.
     */
    public ParseResult parse(String text) {
        Mentions m = Mentions.of(text, index);
        if (m.tokens.isEmpty()) {
            return ParseResult.none(text, 1.0);
        }
        DeterministicParser.Match exact = deterministic.parse(m);
        if (exact != null) {
            List<Slot> slots = new ArrayList<>();
            for (DeterministicParser.SlotSpan s : exact.slots()) {
                Slot slot = resolve(m, s.start(), s.end(), index.name(s.entityIndex()), s.slotName());
                if (slot != null) {
                    slots.add(slot);
                }
            }
            return new ParseResult(text, exact.intent(), 1.0, slots);
        }
        double[] p = classifier.probabilities(IntentFeatures.of(m, index));
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        String intent = classifier.classes()[best];
        if (intent == null) {
            return ParseResult.none(text, p[best]);
        }
        CrfSlotFiller filler = slotFillers.get(intent);
        List<Slot> slots = new ArrayList<>();
        if (filler != null) {
            String[] names = filler.slotNames();
            for (int[] span : CrfSlotFiller.spans(filler.tag(SlotFeatures.of(m, index)))) {
                String name = names[span[0]];
                Slot slot = resolve(m, span[1], span[2], slotEntities.get(intent).get(name), name);
                if (slot != null) {
                    slots.add(slot);
                }
            }
        }
        return new ParseResult(text, intent, p[best], slots);
    }

    /** The text of tokens [i, j) as the sentence has it. */
    private static String phrase(Mentions m, int i, int j) {
        return m.text.substring(m.tokens.get(i).start(), m.tokens.get(j - 1).end());
    }

    /** The slot for tokens [i, j), value resolved; null when the value does not resolve. */
    private Slot resolve(Mentions m, int i, int j, String entity, String slotName) {
        if (BuiltinEntity.fromName(entity) == null) {
            // a tagged span inside a longer phrase of the same value ("classical" in "classical music", a
            // synonym of it) is that phrase: widen the span, never the meaning (a longer phrase that is
            // another value, "this current" beside "current", is left alone)
            SlotValue tagged = index.resolver().resolve(entity, phrase(m, i, j));
            int e = index.indexOf(entity);
            for (int k = 0; k <= i && tagged != null; k++) {
                for (Mentions.Span s : m.spansAt.get(k)) {
                    if (s.entityIndex() == e && s.start() <= i && s.end() >= j && s.end() - s.start() > j - i
                            && tagged.equals(index.resolver().resolve(entity, phrase(m, s.start(), s.end())))) {
                        i = s.start();
                        j = s.end();
                    }
                }
            }
        }
        int start = m.tokens.get(i).start();
        int end = m.tokens.get(j - 1).end();
        String raw = m.text.substring(start, end);
        SlotValue v = index.resolver().resolve(entity, raw);
        if (v == null && BuiltinEntity.fromName(entity) != null) {
            // the tagger's span may be off by a word: take the built-in occurrence that overlaps it
            int e = index.indexOf(entity);
            for (int k = 0; k < m.tokens.size() && v == null; k++) {
                for (Mentions.Span s : m.spansAt.get(k)) {
                    if (s.entityIndex() == e && s.start() < j && s.end() > i) {
                        start = m.tokens.get(s.start()).start();
                        end = m.tokens.get(s.end() - 1).end();
                        raw = m.text.substring(start, end);
                        v = index.resolver().resolve(entity, raw);
                        break;
                    }
                }
            }
        }
        return v == null ? null : new Slot(start, end, raw, v, entity, slotName);
    }

    /** The intents this parser knows, in dataset order. */
    public Set<String> intents() {
        return slotEntities.keySet();
    }

    /**
     * Writes the trained parser to {@code dir/nlu-model.bin} (creating {@code dir}): entities, patterns,
     * weights. Load it with {@link #load(Path)}.
     */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(MODEL_FILE + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(dataset.customEntities().size());
            for (CustomEntity e : dataset.customEntities().values()) {
                out.writeUTF(e.name());
                out.writeBoolean(e.useSynonyms());
                out.writeBoolean(e.automaticallyExtensible());
                out.writeDouble(e.matchingStrictness());
                out.writeInt(e.values().size());
                for (EntityValue v : e.values()) {
                    out.writeUTF(v.value());
                    out.writeInt(v.synonyms().size());
                    for (String s : v.synonyms()) {
                        out.writeUTF(s);
                    }
                }
            }
            out.writeInt(dataset.builtinEntities().size());
            for (BuiltinEntity b : dataset.builtinEntities()) {
                out.writeUTF(b.entityName());
            }
            out.writeInt(slotEntities.size());
            for (Map.Entry<String, Map<String, String>> e : slotEntities.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().size());
                for (Map.Entry<String, String> s : e.getValue().entrySet()) {
                    out.writeUTF(s.getKey());
                    out.writeUTF(s.getValue());
                }
            }
            deterministic.write(out);
            classifier.write(out);
            out.writeInt(slotFillers.size());
            for (Map.Entry<String, CrfSlotFiller> e : slotFillers.entrySet()) {
                out.writeUTF(e.getKey());
                e.getValue().write(out);
            }
        }
        Files.move(tmp, dir.resolve(MODEL_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Loads a parser saved by {@link #save(Path)}, resolving dates against the system clock. */
    public static IntentParser load(Path dir) throws IOException {
        return load(dir, Clock.systemDefaultZone());
    }

    /** Loads a parser saved by {@link #save(Path)}; throws IOException naming the file if it is not one. */
    public static IntentParser load(Path dir, Clock clock) throws IOException {
        Path file = Files.isDirectory(dir) ? dir.resolve(MODEL_FILE) : dir;
        if (!Files.exists(file)) {
            throw new IOException(dir + ": no trained NLU model here (expected " + MODEL_FILE + "; run 'hark nlu train')");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not a Hark NLU model");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + ": NLU model format " + version + " is not supported (expected " + VERSION + ")");
            }
            Map<String, CustomEntity> entities = new LinkedHashMap<>();
            int ne = in.readInt();
            for (int i = 0; i < ne; i++) {
                String name = in.readUTF();
                boolean syn = in.readBoolean();
                boolean ext = in.readBoolean();
                double strict = in.readDouble();
                int nv = in.readInt();
                List<EntityValue> values = new ArrayList<>(nv);
                for (int k = 0; k < nv; k++) {
                    String v = in.readUTF();
                    int ns = in.readInt();
                    List<String> syns = new ArrayList<>(ns);
                    for (int s = 0; s < ns; s++) {
                        syns.add(in.readUTF());
                    }
                    values.add(new EntityValue(v, syns));
                }
                entities.put(name, new CustomEntity(name, values, syn, ext, strict));
            }
            Set<BuiltinEntity> builtins = EnumSet.noneOf(BuiltinEntity.class);
            int nb = in.readInt();
            for (int i = 0; i < nb; i++) {
                BuiltinEntity b = BuiltinEntity.fromName(in.readUTF());
                if (b == null) {
                    throw new IOException(file + ": model names a built-in entity this Hark does not have");
                }
                builtins.add(b);
            }
            Map<String, Map<String, String>> slotEntities = new LinkedHashMap<>();
            int ni = in.readInt();
            for (int i = 0; i < ni; i++) {
                String intent = in.readUTF();
                Map<String, String> slots = new LinkedHashMap<>();
                int ns = in.readInt();
                for (int k = 0; k < ns; k++) {
                    slots.put(in.readUTF(), in.readUTF());
                }
                slotEntities.put(intent, slots);
            }
            DeterministicParser deterministic = DeterministicParser.read(in);
            IntentClassifier classifier = IntentClassifier.read(in);
            Map<String, CrfSlotFiller> fillers = new LinkedHashMap<>();
            int nf = in.readInt();
            for (int i = 0; i < nf; i++) {
                fillers.put(in.readUTF(), CrfSlotFiller.read(in));
            }
            Dataset dataset = new Dataset("en", Map.of(), entities, builtins);
            return new IntentParser(dataset, clock, slotEntities, deterministic, classifier, fillers);
        } catch (EOFException e) {
            throw new IOException(file + ": NLU model is truncated");
        }
    }
}
