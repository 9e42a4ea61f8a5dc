package dev.hark.nlu.parser;

import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Intent accuracy and slot precision/recall/F1 (exact span, slot name and value) of a parser on test sentences. */
final class Evaluation {
    int sentences;
    int intentCorrect;
    int goldSlots;
    int predictedSlots;
    int correctSlots;
    final List<String> errors = new ArrayList<>();

    static Evaluation of(IntentParser parser, List<AnnotatedSentence> tests) {
        Evaluation e = new Evaluation();
        for (AnnotatedSentence t : tests) {
            ParseResult r = parser.parse(t.text());
            e.sentences++;
            boolean intentOk = Objects.equals(t.intent(), r.intentName());
            if (intentOk) {
                e.intentCorrect++;
            } else {
                e.errors.add("intent " + r.intentName() + " (" + String.format("%.2f", r.probability()) + ") instead of "
                        + t.intent() + ": " + t.text());
            }
            e.goldSlots += t.slots().size();
            e.predictedSlots += r.slots().size();
            for (AnnotatedSentence.Expected g : t.slots()) {
                boolean found = false;
                for (Slot s : r.slots()) {
                    if (s.start() == g.start() && s.end() == g.end() && s.slotName().equals(g.slotName())
                            && (g.value() == null ? !(s.value() instanceof dev.hark.nlu.SlotValue.Custom c) || c.value().equals(s.rawValue())
                            : g.value().equals(AnnotatedSentence.render(s.value())))) {
                        found = true;
                    }
                }
                if (found) {
                    e.correctSlots++;
                } else {
                    e.errors.add("slot " + g.slotName() + "=" + t.text().substring(g.start(), g.end())
                            + (g.value() == null ? "" : " (" + g.value() + ")") + " missed in: " + t.text() + " -> " + describe(r));
                }
            }
        }
        return e;
    }

    private static String describe(ParseResult r) {
        StringBuilder sb = new StringBuilder(String.valueOf(r.intentName()));
        for (Slot s : r.slots()) {
            sb.append(" [").append(s.rawValue()).append("](").append(s.slotName()).append(':')
                    .append(AnnotatedSentence.render(s.value())).append(')');
        }
        return sb.toString();
    }

    double intentAccuracy() {
        return intentCorrect / (double) sentences;
    }

    double slotF1() {
        double p = predictedSlots == 0 ? 1 : correctSlots / (double) predictedSlots;
        double r = goldSlots == 0 ? 1 : correctSlots / (double) goldSlots;
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
        return String.format("%d sentences, intent accuracy %.3f, slot F1 %.3f (%d gold, %d predicted, %d correct)",
                sentences, intentAccuracy(), slotF1(), goldSlots, predictedSlots, correctSlots);
    }
}
