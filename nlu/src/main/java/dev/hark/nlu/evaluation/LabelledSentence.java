package dev.hark.nlu.evaluation;

import dev.hark.nlu.dataset.Chunk;
import dev.hark.nlu.dataset.Utterance;
import java.util.ArrayList;
import java.util.List;

/** A sentence with the intent and slots it should parse to: an utterance of a labelled dataset. */
record LabelledSentence(String intent, Utterance utterance) {
    /** A gold slot: characters {@code [start, end)} of the sentence (the chunk without surrounding spaces). */
    record GoldSlot(String slotName, int start, int end) {
    }

    String text() {
        return utterance.text();
    }

    List<GoldSlot> slots() {
        List<GoldSlot> out = new ArrayList<>();
        int offset = 0;
        for (Chunk c : utterance.chunks()) {
            String t = c.text();
            if (c.isSlot()) {
                int lead = t.length() - t.stripLeading().length();
                int trail = t.length() - t.stripTrailing().length();
                out.add(new GoldSlot(c.slotName(), offset + lead, offset + t.length() - trail));
            }
            offset += t.length();
        }
        return out;
    }
}
