package dev.hark.speaker;

/** The stated fp32/int8 tolerance (docs/benchmarks/speaker.md): cosine between the two variants' embeddings. */
final class SpeakerModelParity {
    static final double MIN_COSINE = 0.999;

    private SpeakerModelParity() {
    }
}
