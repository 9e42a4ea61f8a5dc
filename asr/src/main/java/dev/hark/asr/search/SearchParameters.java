package dev.hark.asr.search;

/**
 * Tunable search settings, in natural-log units. Defaults follow pocketsphinx's fsg search
 * ({@code -beam 1e-48}, {@code -wbeam 7e-29}, {@code -maxhmmpf 30000}) with word, silence and filler
 * penalties scaled for this decoder, and a rejection threshold chosen from the measured
 * false-accept / false-reject curve (docs/benchmarks/asr.md). Immutable; use the withers.
 */
public record SearchParameters(float beam, float wordBeam, int maxActive, float wordPenalty,
                               float silencePenalty, float fillerPenalty, float phoneLoopPenalty,
                               float rejectThreshold, boolean rejection, float phoneLoopBeam) {
    /** The defaults. */
    public static SearchParameters defaults() {
        return new SearchParameters((float) Math.log(1e-48), (float) Math.log(7e-29), 30000,
                -3f, -30f, -120f, -4f, -0.9f, true, (float) Math.log(1e-48));
    }

    public SearchParameters withBeam(float b) {
        return new SearchParameters(b, wordBeam, maxActive, wordPenalty, silencePenalty, fillerPenalty,
                phoneLoopPenalty, rejectThreshold, rejection, phoneLoopBeam);
    }

    public SearchParameters withRejection(boolean on, float threshold) {
        return new SearchParameters(beam, wordBeam, maxActive, wordPenalty, silencePenalty, fillerPenalty,
                phoneLoopPenalty, threshold, on, phoneLoopBeam);
    }

    public SearchParameters withPenalties(float word, float silence, float filler, float phoneLoop) {
        return new SearchParameters(beam, wordBeam, maxActive, word, silence, filler, phoneLoop,
                rejectThreshold, rejection, phoneLoopBeam);
    }

    /** Beam of the rejection phone loop (narrower than the grammar's: it only needs its best path). */
    public SearchParameters withPhoneLoopBeam(float b) {
        return new SearchParameters(beam, wordBeam, maxActive, wordPenalty, silencePenalty, fillerPenalty,
                phoneLoopPenalty, rejectThreshold, rejection, b);
    }

    public SearchParameters withMaxActive(int max) {
        return new SearchParameters(beam, wordBeam, max, wordPenalty, silencePenalty, fillerPenalty,
                phoneLoopPenalty, rejectThreshold, rejection, phoneLoopBeam);
    }
}
