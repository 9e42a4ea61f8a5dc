package dev.hark.wakeword.training;

/**
 * The speech embeddings of one training or calibration clip, as {@code SpeechEmbeddings} computes
 * them (row {@code i} for stream frame {@code i + 9}), and what the clip holds.
 *
 * @param rows        {@code n x 96} embeddings
 * @param phraseEnd   for a clip of the phrase, the first row whose window ends after the phrase has
 *                    ended; -1 for a clip without it (every window is a negative)
 * @param heldOut     kept out of training, for calibration and the recall estimate
 * @param kind        the clip's origin, for the report (e.g. "synthetic", "own", "confusable", "real")
 * @param weight      how much the clip counts in training (own recordings count more)
 */
record Sequence(float[] rows, int phraseEnd, boolean heldOut, String kind, float weight) {
    /** Rows held. */
    int length() {
        return rows.length / KeywordMlp.DIM;
    }

    boolean positive() {
        return phraseEnd >= 0;
    }
}
