package dev.hark.nlu.parser;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Finds where a sentence names something the gazetteers mostly do not know (a title, an artist, a town:
 * the values of the assistant's open-class entities, {@link TrainingSet#openEntities}), whatever the
 * intent, so that the intent classifier can read "play the song &lt;name&gt;" rather than the title's own
 * words. One {@link CrfSlotFiller} with a single slot, trained on the open-class values of all intents'
 * utterances; finding costs one Viterbi pass over 5 tags on the slot filler's token features.
 */
final class NameFinder {
    private static final String[] SLOTS = {"name"};
    private final CrfSlotFiller tagger;

    private NameFinder(CrfSlotFiller tagger) {
        this.tagger = tagger;
    }

    /** Trains on sentences whose tags ({@link CrfSlotFiller#tags}, slot 0) mark their open-class values. */
    static NameFinder train(Map<String, Integer> features, List<CrfSlotFiller.Example> examples, int epochs,
                            Random random) {
        return new NameFinder(CrfSlotFiller.train(SLOTS, features, examples, epochs, 1e-4, random));
    }

    /** The names in a sentence given its {@link SlotFeatures}, as {@code {from, to}} token ranges. */
    List<int[]> find(List<List<String>> slotFeatures) {
        List<int[]> out = new ArrayList<>();
        for (int[] span : CrfSlotFiller.spans(tagger.tag(slotFeatures))) {
            out.add(new int[] {span[1], span[2]});
        }
        return out;
    }

    void write(DataOutput out) throws IOException {
        tagger.write(out);
    }

    static NameFinder read(DataInput in) throws IOException {
        return new NameFinder(CrfSlotFiller.read(in));
    }
}
