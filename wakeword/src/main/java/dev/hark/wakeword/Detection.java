package dev.hark.wakeword;

/**
 * One wake-word detection: which keyword, how sure, and when.
 *
 * @param keyword      the keyword's name as given to the builder (e.g. {@code alexa})
 * @param keywordIndex the keyword's position in the builder's order
 * @param score        the head's score in the frame that fired, in [0, 1]
 * @param frameIndex   index of the 80 ms frame that fired, counted from the start or the last reset
 * @param timeSeconds  stream time at the end of that frame, in seconds
 */
public record Detection(String keyword, int keywordIndex, float score, long frameIndex, double timeSeconds) {
}
