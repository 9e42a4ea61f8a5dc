package dev.hark.audio;

/**
 * A decoded WAV file: mono samples in [-1, 1] at the file's own rate, plus what the file held.
 *
 * @param samples      mono samples (channels averaged), nominal range [-1, 1]
 * @param sampleRate   the file's sample rate
 * @param channels     channels in the file before the downmix
 * @param bitsPerSample bits per sample in the file
 * @param floatingPoint whether the file stored IEEE floats
 */
public record WavAudio(float[] samples, int sampleRate, int channels, int bitsPerSample, boolean floatingPoint) {

    /** Duration in seconds. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }

    /**
     * This audio in Hark's stream format: resampled to 16 kHz with a band-limited filter and quantised
     * to 16-bit with clipping. Allocates the result; costs O(n * filter taps) when resampling.
     */
    public short[] toPcm16k() {
        float[] mono = sampleRate == PcmFormat.SAMPLE_RATE
                ? samples
                : new Resampler(sampleRate, PcmFormat.SAMPLE_RATE).process(samples);
        short[] out = new short[mono.length];
        for (int i = 0; i < mono.length; i++) {
            out[i] = toShort(mono[i]);
        }
        return out;
    }

    /** One sample in [-1, 1] as 16-bit, rounded and clipped. */
    static short toShort(float sample) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(sample * 32768f)));
    }
}
