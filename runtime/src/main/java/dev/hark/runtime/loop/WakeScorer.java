package dev.hark.runtime.loop;

/**
 * Scores audio heard alone for one wake word, the way the wake stage would score it in a stream: the
 * loop asks it what Hark's own answer scores, to tell Hark's voice from a person's. Implemented over a
 * wake-word detector of its own; tests script it.
 */
public interface WakeScorer extends AutoCloseable {

    /**
     * The highest score {@code keyword} reaches at the 80 ms frames of {@code pcm} (16 kHz) that end
     * within [{@code from}, {@code to}), having heard the audio before them as context; 0 for an unknown
     * keyword.
     */
    double maxScore(String keyword, short[] pcm, int from, int to);

    @Override
    void close();
}
