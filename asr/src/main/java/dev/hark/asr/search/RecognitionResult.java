package dev.hark.asr.search;

import java.util.List;

/**
 * The outcome of one utterance: the best grammar path's words (with the tags met along it, in
 * order), a confidence in [0, 1] from the per-frame log-likelihood ratio between the grammar path
 * and an unconstrained phone loop, and whether that ratio fell below the rejection threshold
 * (out-of-grammar speech or noise). {@code words} is empty when nothing was recognised.
 */
public record RecognitionResult(List<String> words, List<String> tags, List<TaggedWord> path,
                                float confidence, boolean rejected, double score, double phoneLoopScore,
                                int frames) {
    /** A recognised word with the tags reported just before it, and its end frame. */
    public record TaggedWord(String word, List<String> tagsBefore, int endFrame) {
    }

    /** The words separated by spaces. */
    public String transcript() {
        return String.join(" ", words);
    }

    /** Per-frame log-likelihood ratio of the grammar path against the phone loop (0 = as good). */
    public double ratioPerFrame() {
        return frames == 0 ? Double.NEGATIVE_INFINITY : (score - phoneLoopScore) / frames;
    }
}
