package dev.hark.nlu.evaluation;

import dev.hark.nlu.ParseResult;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.Intent;
import dev.hark.nlu.dataset.Utterance;
import dev.hark.nlu.parser.IntentParser;
import dev.hark.nlu.template.Template;
import dev.hark.nlu.template.TemplateExpander;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures the text intent parser on labelled sentences: k-fold cross-validation over one dataset (folds
 * stratified by intent and fixed by the seed: each intent's sentences are shuffled, then dealt to the
 * folds in turn; each fold is parsed by a parser trained on the other folds), or training on one dataset
 * and parsing another's sentences. A dataset's sentences are its utterances and, for template intents,
 * up to 300 sentences sampled from each template. Entities keep the values their definitions list;
 * values that only the held-out sentences use are not added to them (unlike snips-nlu-metrics, whose
 * cross-validation adds every utterance's values to the entities before splitting).
 *
 * <p>Each model is saved and loaded back before it parses, so the figures are those of the model a device
 * would run. Costs k trainings (seconds each for thousands of sentences) and one parse per sentence.
 */
public final class NluEvaluation {
    private static final int TEMPLATE_SAMPLES = 300;

    private final Builder options;

    private NluEvaluation(Builder options) {
        this.options = options;
    }

    /** What to evaluate and how. */
    public static final class Builder {
        private Dataset dataset;
        private Dataset testSet;
        private int folds = 5;
        private long seed = 42;
        private Clock clock = Clock.systemDefaultZone();
        private int examples = 5;

        private Builder() {
        }

        /** The dataset to train on (required); with no test set, the one cross-validated. */
        public Builder dataset(Dataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /** Train on the whole dataset and parse this one's sentences instead of cross-validating. */
        public Builder testSet(Dataset testSet) {
            this.testSet = testSet;
            return this;
        }

        /** Number of cross-validation folds, at least 2 (default 5). */
        public Builder folds(int folds) {
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be at least 2, got " + folds);
            }
            this.folds = folds;
            return this;
        }

        /** Seed of the folds and of training (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The clock dates resolve against. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Example sentences kept per confusion and per slot error kind (default 5). */
        public Builder examples(int examples) {
            this.examples = examples;
            return this;
        }

        public NluEvaluation build() {
            if (dataset == null) {
                throw new IllegalStateException("dataset is required");
            }
            return new NluEvaluation(this);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains and parses. Throws IllegalArgumentException when cross-validation has fewer sentences than
     * folds; IOException when the temporary model used to measure the model size cannot be written.
     */
    public EvaluationReport run() throws IOException {
        Random random = new Random(options.seed);
        if (options.testSet != null) {
            EvaluationReport report = new EvaluationReport("train/test", options.examples);
            List<LabelledSentence> test = sentences(options.testSet, random);
            evaluate(options.dataset, test, report);
            return report;
        }
        List<LabelledSentence> all = sentences(options.dataset, random);
        int k = options.folds;
        if (all.size() < k) {
            throw new IllegalArgumentException(k + "-fold cross-validation needs at least " + k + " sentences, the dataset has "
                    + all.size());
        }
        List<List<LabelledSentence>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        int dealt = 0;
        for (List<LabelledSentence> ofIntent : byIntent(all).values()) {
            Collections.shuffle(ofIntent, random);
            for (LabelledSentence s : ofIntent) {
                // dealing continues across intents so that small intents do not all land in the first folds
                folds.get(dealt++ % k).add(s);
            }
        }
        EvaluationReport report = new EvaluationReport("cross-validation, " + k + " folds", options.examples);
        for (int f = 0; f < k; f++) {
            List<LabelledSentence> train = new ArrayList<>();
            for (int g = 0; g < k; g++) {
                if (g != f) {
                    train.addAll(folds.get(g));
                }
            }
            evaluate(datasetOf(options.dataset, train), folds.get(f), report);
        }
        return report;
    }

    private void evaluate(Dataset train, List<LabelledSentence> test, EvaluationReport report) throws IOException {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long cpu0 = bean.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        IntentParser trained = IntentParser.builder().dataset(train).seed(options.seed).clock(options.clock).build();
        report.addTraining(sentenceCount(train), (bean.getCurrentThreadCpuTime() - cpu0) / 1e9,
                (System.nanoTime() - wall0) / 1e9);
        IntentParser parser = saveAndLoad(trained, report);
        for (LabelledSentence s : test) {
            long t0 = System.nanoTime();
            ParseResult r = parser.parse(s.text());
            report.add(s, r, System.nanoTime() - t0);
        }
    }

    /** The parser as written and read back (what a device runs), its file size recorded in the report. */
    private IntentParser saveAndLoad(IntentParser parser, EvaluationReport report) throws IOException {
        Path dir = Files.createTempDirectory("hark-nlu-eval");
        try {
            parser.save(dir);
            report.modelBytes(Math.max(report.modelBytes(), Files.size(dir.resolve(IntentParser.MODEL_FILE))));
            return IntentParser.load(dir, options.clock);
        } finally {
            Files.deleteIfExists(dir.resolve(IntentParser.MODEL_FILE));
            Files.deleteIfExists(dir);
        }
    }

    private static int sentenceCount(Dataset d) {
        int n = 0;
        for (Intent i : d.intents().values()) {
            n += i.utterances().size();
        }
        return n;
    }

    /** The labelled sentences of a dataset: utterances, then samples of each template, intent by intent. */
    static List<LabelledSentence> sentences(Dataset d, Random random) {
        TemplateExpander expander = new TemplateExpander(d);
        List<LabelledSentence> out = new ArrayList<>();
        for (Intent intent : d.intents().values()) {
            for (Utterance u : intent.utterances()) {
                out.add(new LabelledSentence(intent.name(), u));
            }
            for (Template t : intent.templates()) {
                for (Utterance u : expander.sample(t, TEMPLATE_SAMPLES, random)) {
                    out.add(new LabelledSentence(intent.name(), u));
                }
            }
        }
        return out;
    }

    private static Map<String, List<LabelledSentence>> byIntent(List<LabelledSentence> sentences) {
        Map<String, List<LabelledSentence>> out = new LinkedHashMap<>();
        for (LabelledSentence s : sentences) {
            out.computeIfAbsent(s.intent(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** {@code d}'s entities with these sentences as its intents' only utterances. */
    private static Dataset datasetOf(Dataset d, List<LabelledSentence> sentences) {
        Map<String, Intent> intents = new LinkedHashMap<>();
        byIntent(sentences).forEach((name, list) ->
                intents.put(name, new Intent(name, list.stream().map(LabelledSentence::utterance).toList(), List.of())));
        return new Dataset(d.language(), intents, d.customEntities(), d.builtinEntities());
    }
}
