package dev.hark.nlu.evaluation;

import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link NluEvaluation} measured: intent accuracy, the intent confusions with example sentences,
 * slot precision, recall and F1 overall and per slot of each intent (with examples of missed and spurious
 * slots), the training cost of each model and the size of one, and the parse time.
 *
 * <p>Slots follow the snips-nlu-metrics conventions: they are scored only on sentences whose intent was
 * found (a wrong intent counts once, in the intent accuracy); a predicted slot is correct when its slot
 * name and its character span equal a gold slot's (so its raw value is exactly the gold text, spaces
 * around the gold chunk ignored). {@link #toJson()} gives it all as one JSON-ready map.
 */
public final class EvaluationReport {
    /** Score of one slot of one intent. */
    public record SlotScore(String intent, String slot, int gold, int predicted, int correct) {
        public double precision() {
            return predicted == 0 ? 0 : correct / (double) predicted;
        }

        public double recall() {
            return gold == 0 ? 0 : correct / (double) gold;
        }

        public double f1() {
            return f1Of(precision(), recall());
        }
    }

    /** Sentences of intent {@code expected} parsed as {@code predicted} (null: no intent), with examples. */
    public record Confusion(String expected, String predicted, int count, List<String> examples) {
    }

    /** Errors of one slot: sentences where it was missed or wrongly spanned, and where it was spurious. */
    public record SlotErrors(List<String> missed, List<String> spurious) {
    }

    private final String mode;
    private final int examplesKept;
    private int sentences;
    private int intentCorrect;
    private int exactParses;
    private final Map<List<String>, int[]> slotCounts = new LinkedHashMap<>(); // [gold, predicted, correct]
    private final Map<List<String>, SlotErrors> slotErrors = new LinkedHashMap<>();
    private final Map<List<String>, List<String>> confusions = new LinkedHashMap<>();
    private final Map<List<String>, Integer> confusionCounts = new LinkedHashMap<>();
    private final List<Double> trainCpuSeconds = new ArrayList<>();
    private final List<Double> trainWallSeconds = new ArrayList<>();
    private final List<Integer> trainSentences = new ArrayList<>();
    private long modelBytes = -1;
    private long[] parseNanos = new long[256];

    EvaluationReport(String mode, int examplesKept) {
        this.mode = mode;
        this.examplesKept = examplesKept;
    }

    void addTraining(int sentenceCount, double cpuSeconds, double wallSeconds) {
        trainSentences.add(sentenceCount);
        trainCpuSeconds.add(cpuSeconds);
        trainWallSeconds.add(wallSeconds);
    }

    void modelBytes(long bytes) {
        modelBytes = bytes;
    }

    /** Scores one parse of {@code gold}'s text that took {@code nanos}. */
    void add(LabelledSentence gold, ParseResult parsed, long nanos) {
        if (sentences == parseNanos.length) {
            parseNanos = Arrays.copyOf(parseNanos, 2 * sentences);
        }
        parseNanos[sentences++] = nanos;
        String text = gold.text();
        if (!Objects.equals(gold.intent(), parsed.intentName())) {
            List<String> key = Arrays.asList(gold.intent(), parsed.intentName());
            confusionCounts.merge(key, 1, Integer::sum);
            keep(confusions.computeIfAbsent(key, k -> new ArrayList<>()),
                    text + " (" + String.format("%.2f", parsed.probability()) + ")");
            return;
        }
        intentCorrect++;
        boolean exact = true;
        List<LabelledSentence.GoldSlot> goldSlots = gold.slots();
        for (LabelledSentence.GoldSlot g : goldSlots) {
            int[] c = counts(gold.intent(), g.slotName());
            c[0]++;
            if (parsed.slots().stream().anyMatch(s -> matches(s, g))) {
                c[2]++;
            } else {
                exact = false;
                keep(errors(gold.intent(), g.slotName()).missed(),
                        text + " : \"" + text.substring(g.start(), g.end()) + "\" -> " + found(parsed, g.slotName()));
            }
        }
        for (Slot s : parsed.slots()) {
            counts(gold.intent(), s.slotName())[1]++;
            if (goldSlots.stream().noneMatch(g -> matches(s, g))) {
                exact = false;
                keep(errors(gold.intent(), s.slotName()).spurious(), text + " : \"" + s.rawValue() + "\"");
            }
        }
        if (exact) {
            exactParses++;
        }
    }

    private static boolean matches(Slot s, LabelledSentence.GoldSlot g) {
        return s.slotName().equals(g.slotName()) && s.start() == g.start() && s.end() == g.end();
    }

    private static String found(ParseResult parsed, String slotName) {
        List<String> raw = parsed.slots().stream().filter(s -> s.slotName().equals(slotName))
                .map(s -> "\"" + s.rawValue() + "\"").toList();
        return raw.isEmpty() ? "nothing" : String.join(", ", raw);
    }

    private int[] counts(String intent, String slot) {
        return slotCounts.computeIfAbsent(List.of(intent, slot), k -> new int[3]);
    }

    private SlotErrors errors(String intent, String slot) {
        return slotErrors.computeIfAbsent(List.of(intent, slot), k -> new SlotErrors(new ArrayList<>(), new ArrayList<>()));
    }

    private void keep(List<String> examples, String example) {
        if (examples.size() < examplesKept) {
            examples.add(example);
        }
    }

    /** "cross-validation, 5 folds" or "train/test". */
    public String mode() {
        return mode;
    }

    public int sentences() {
        return sentences;
    }

    public double intentAccuracy() {
        return sentences == 0 ? 0 : intentCorrect / (double) sentences;
    }

    /** Sentences whose intent and every slot were right, with no spurious slot. */
    public int exactParses() {
        return exactParses;
    }

    /** Slots of all intents together. */
    public SlotScore slots() {
        int gold = 0;
        int predicted = 0;
        int correct = 0;
        for (int[] c : slotCounts.values()) {
            gold += c[0];
            predicted += c[1];
            correct += c[2];
        }
        return new SlotScore(null, null, gold, predicted, correct);
    }

    /** Each slot of each intent, in the order first met. */
    public List<SlotScore> perSlot() {
        List<SlotScore> out = new ArrayList<>();
        slotCounts.forEach((k, c) -> out.add(new SlotScore(k.get(0), k.get(1), c[0], c[1], c[2])));
        return out;
    }

    /** Examples of the errors of one slot (none: empty lists). */
    public SlotErrors errorsOf(String intent, String slot) {
        return slotErrors.getOrDefault(List.of(intent, slot), new SlotErrors(List.of(), List.of()));
    }

    /** Intent confusions, most frequent first. */
    public List<Confusion> confusions() {
        List<Confusion> out = new ArrayList<>();
        confusionCounts.forEach((k, n) -> out.add(new Confusion(k.get(0), k.get(1), n, confusions.get(k))));
        out.sort(Comparator.comparingInt(Confusion::count).reversed());
        return out;
    }

    /** Training sentences of each model trained (one per fold). */
    public List<Integer> trainingSentences() {
        return List.copyOf(trainSentences);
    }

    /** CPU seconds (of the training thread) each model took to train, in training order. */
    public List<Double> trainingCpuSeconds() {
        return List.copyOf(trainCpuSeconds);
    }

    /** Wall seconds each model took to train. */
    public List<Double> trainingWallSeconds() {
        return List.copyOf(trainWallSeconds);
    }

    /** Bytes of the largest model trained, as saved ({@code nlu-model.bin}); the sentences were parsed by the saved models. */
    public long modelBytes() {
        return modelBytes;
    }

    /** Median wall time of one parse, in microseconds. */
    public double parseMicrosMedian() {
        return median(Arrays.stream(parseNanos, 0, sentences).asDoubleStream().toArray()) / 1e3;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double f1Of(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Everything above as one map of plain values (for a JSON writer). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode);
        m.put("sentences", sentences);
        m.put("intent_accuracy", round(intentAccuracy()));
        m.put("exact_parses", exactParses);
        m.put("slots", scoreJson(slots()));
        List<Object> per = new ArrayList<>();
        for (SlotScore s : perSlot()) {
            Map<String, Object> o = scoreJson(s);
            SlotErrors e = errorsOf(s.intent(), s.slot());
            o.put("missed_examples", e.missed());
            o.put("spurious_examples", e.spurious());
            per.add(o);
        }
        m.put("per_slot", per);
        List<Object> conf = new ArrayList<>();
        for (Confusion c : confusions()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("expected", c.expected());
            o.put("predicted", c.predicted());
            o.put("count", c.count());
            o.put("examples", c.examples());
            conf.add(o);
        }
        m.put("confusions", conf);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("models", trainSentences.size());
        training.put("sentences", trainSentences);
        training.put("cpu_s", trainCpuSeconds.stream().map(EvaluationReport::round).toList());
        training.put("wall_s", trainWallSeconds.stream().map(EvaluationReport::round).toList());
        training.put("cpu_s_median", round(median(trainCpuSeconds.stream().mapToDouble(Double::doubleValue).toArray())));
        m.put("training", training);
        m.put("model_bytes", modelBytes);
        m.put("parse_us_median", round(parseMicrosMedian()));
        return m;
    }

    private static Map<String, Object> scoreJson(SlotScore s) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (s.intent() != null) {
            o.put("intent", s.intent());
            o.put("slot", s.slot());
        }
        o.put("gold", s.gold());
        o.put("predicted", s.predicted());
        o.put("correct", s.correct());
        o.put("precision", round(s.precision()));
        o.put("recall", round(s.recall()));
        o.put("f1", round(s.f1()));
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
