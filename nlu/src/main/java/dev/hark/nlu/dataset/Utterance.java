package dev.hark.nlu.dataset;

import java.util.ArrayList;
import java.util.List;

/** An annotated example sentence of an intent: the concatenation of its chunks, some of which are slots. */
public record Utterance(List<Chunk> chunks) {
    public Utterance {
        chunks = List.copyOf(chunks);
    }

    /** The sentence, chunks concatenated. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Chunk c : chunks) {
            sb.append(c.text());
        }
        return sb.toString();
    }

    /** The slot chunks, in order. */
    public List<Chunk> slots() {
        List<Chunk> out = new ArrayList<>();
        for (Chunk c : chunks) {
            if (c.isSlot()) {
                out.add(c);
            }
        }
        return out;
    }
}
