package dev.hark.asr.search;

import dev.hark.asr.model.AcousticModel;
import dev.hark.asr.model.SearchSettings;

/**
 * Tunable search settings, in natural-log units. Defaults follow pocketsphinx's fsg search
 * ({@code -beam 1e-48}, {@code -wbeam 7e-29}, {@code -maxhmmpf 30000}) with word, silence and filler
 * penalties scaled for this decoder, and rejection thresholds chosen from the measured
 * false-accept / false-reject curves (docs/benchmarks/asr.md): a result is rejected when the
 * grammar path's log-likelihood ratio against the phone loop is below {@code rejectThreshold} per
 * frame, or below {@code rejectPerPhone} per phone of the words it recognised (a path that explains
 * much speech with few phones, its silence and filler models soaking up the rest). Immutable; use
 * the withers.
 */
public record SearchParameters(float beam, float wordBeam, int maxActive, float wordPenalty,
                               float silencePenalty, float fillerPenalty, float phoneLoopPenalty,
                               float rejectThreshold, boolean rejection, float phoneLoopBeam,
                               float rejectPerPhone) {
    /** Default per-phone rejection threshold (docs/benchmarks/asr.md, "Rejection per phone"). */
    public static final float PER_PHONE_DEFAULT = -30f;

    /** The defaults. */
    public static SearchParameters defaults() {
        return new SearchParameters((float) Math.log(1e-48), (float) Math.log(7e-29), 30000,
                -3f, -30f, -120f, -4f, -0.9f, true, (float) Math.log(1e-48), PER_PHONE_DEFAULT);
    }

    /** These parameters with an acoustic model's own settings where it has any ({@link AcousticModel#searchSettings()}). */
    public SearchParameters tunedFor(AcousticModel model) {
        SearchSettings s = model.searchSettings();
        SearchParameters p = this;
        if (!Float.isNaN(s.silencePenalty())) p = p.withPenalties(wordPenalty, s.silencePenalty(), fillerPenalty, phoneLoopPenalty);
        if (!Float.isNaN(s.rejectThreshold())) p = p.withRejection(rejection, s.rejectThreshold());
        if (!Float.isNaN(s.rejectPerPhone())) p = p.withRejectPerPhone(s.rejectPerPhone());
        return p;
    }

    public SearchParameters withBeam(float b) {
        return new SearchParameters(b, wordBeam, maxActive, wordPenalty, silencePenalty, fillerPenalty,
                phoneLoopPenalty, rejectThreshold, rejection, phoneLoopBeam, rejectPerPhone);
    }

    /** The per-phone rejection threshold (nats per phone; negative infinity turns that test off). */
    public SearchParameters withRejectPerPhone(float t) {
        return new SearchParameters(beam, wordBeam, maxActive, wordPenalty, silencePenalty, fillerPenalty,
                phoneLoopPenalty, rejectThreshold, rejection, phoneLoopBeam, t);
    }

    public SearchParameters withRejection(boolean on, float threshold) {
        return new SearchParameters(beam, wordBeam, maxActive, wordPenalty, silencePenalty, fillerPenalty,
                phoneLoopPenalty, threshold, on, phoneLoopBeam, rejectPerPhone);
    }

    public SearchParameters withPenalties(float word, float silence, float filler, float phoneLoop) {
        return new SearchParameters(beam, wordBeam, maxActive, word, silence, filler, phoneLoop,
                rejectThreshold, rejection, phoneLoopBeam, rejectPerPhone);
    }

    /** Beam of the rejection phone loop (narrower than the grammar's: it only needs its best path). */
    public SearchParameters withPhoneLoopBeam(float b) {
        return new SearchParameters(beam, wordBeam, maxActive, wordPenalty, silencePenalty, fillerPenalty,
                phoneLoopPenalty, rejectThreshold, rejection, b, rejectPerPhone);
    }

    public SearchParameters withMaxActive(int max) {
        return new SearchParameters(beam, wordBeam, max, wordPenalty, silencePenalty, fillerPenalty,
                phoneLoopPenalty, rejectThreshold, rejection, phoneLoopBeam, rejectPerPhone);
    }
}
