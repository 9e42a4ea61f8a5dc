package dev.hark.asr.model;

/**
 * Search settings an acoustic model's scores were tuned with, where they differ from the decoder's
 * defaults (which were tuned for the GMM): silence penalty (nats per silence entered) and the two
 * rejection thresholds (nats per frame, nats per recognised phone), each {@code NaN} where the
 * default stands. A model whose scores have another scale (the fused neural model's weights add up
 * to more or less than one) shifts the balance between its scores and these fixed numbers.
 * Immutable.
 *
 * @param silencePenalty  penalty for entering silence, or NaN
 * @param rejectThreshold per-frame rejection threshold, or NaN
 * @param rejectPerPhone  per-phone rejection threshold, or NaN
 */
public record SearchSettings(float silencePenalty, float rejectThreshold, float rejectPerPhone) {
    /** No change: the decoder's defaults. */
    public static final SearchSettings DEFAULTS = new SearchSettings(Float.NaN, Float.NaN, Float.NaN);
}
