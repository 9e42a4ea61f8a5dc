package dev.hark.audio;

/**
 * The one audio format every Hark stage consumes: 16 kHz, mono, signed 16-bit PCM, pushed in frames
 * of 80 ms (1280 samples). Constants only; costs nothing.
 */
public final class PcmFormat {
    /** Samples per second of every stream inside Hark. */
    public static final int SAMPLE_RATE = 16_000;
    /** Samples in one pipeline frame (80 ms), the unit openWakeWord and the runtime step by. */
    public static final int FRAME_SAMPLES = 1280;
    /** Bytes in one frame of little-endian 16-bit PCM. */
    public static final int FRAME_BYTES = FRAME_SAMPLES * 2;

    private PcmFormat() {
    }

    /** Seconds of stream time covered by {@code samples} samples at {@link #SAMPLE_RATE}. */
    public static double seconds(long samples) {
        return samples / (double) SAMPLE_RATE;
    }
}
