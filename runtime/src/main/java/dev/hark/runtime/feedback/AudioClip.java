package dev.hark.runtime.feedback;

import java.util.Objects;

/**
 * A sound to play: 16-bit mono samples at a sample rate, and a label saying what it is ("say",
 * "listening"...), used to name the file in a WAV folder and in logs.
 *
 * @param label      what the clip is
 * @param samples    16-bit mono PCM
 * @param sampleRate samples per second
 */
public record AudioClip(String label, short[] samples, int sampleRate) {

    /** Checks the parts. */
    public AudioClip {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    /** Duration in seconds. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }
}
