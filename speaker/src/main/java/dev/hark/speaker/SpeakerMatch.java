package dev.hark.speaker;

import java.util.Map;

/**
 * The outcome of identifying (or verifying) one utterance.
 *
 * @param speaker   the best-scoring enrolled person when their score reaches the threshold, else null (unknown)
 * @param score     the best score (0..1 with the built-in model's normalised scoring, a cosine -1..1 for a
 *                  model without cohort; see {@link SpeakerIdentifier}); NaN when no one is enrolled
 * @param threshold the threshold the decision used
 * @param scores    every enrolled person's score, in name order
 */
public record SpeakerMatch(String speaker, double score, double threshold, Map<String, Double> scores) {
    /** Whether an enrolled person was recognised. */
    public boolean known() {
        return speaker != null;
    }
}
