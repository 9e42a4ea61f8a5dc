package dev.hark.wakeword;

import dev.hark.audio.PcmFormat;

/**
 * Cuts a stream of 80 ms frames into the VAD's 512-sample windows (1280 is not a multiple of 512, so
 * the remainder of each frame waits for the next) and keeps the probabilities of the windows each frame
 * completed. No allocation for frames of up to 1280 samples. Not thread-safe.
 */
final class VadWindowing {
    private final short[] pending = new short[VoiceActivityDetector.WINDOW_SAMPLES];
    private int pendingCount;
    private float[] probabilities = new float[windowsFor(PcmFormat.FRAME_SAMPLES)];
    private int completed;
    private long windows;

    private static int windowsFor(int samples) {
        return (VoiceActivityDetector.WINDOW_SAMPLES - 1 + samples) / VoiceActivityDetector.WINDOW_SAMPLES;
    }

    /** Feeds {@code frame} through {@code vad}; returns how many windows it completed. */
    int push(VoiceActivityDetector vad, short[] frame) {
        return push(vad, frame, 0, frame.length);
    }

    /** Feeds {@code length} samples of {@code pcm} from {@code offset} through {@code vad}; returns how many windows it completed. */
    int push(VoiceActivityDetector vad, short[] pcm, int offset, int length) {
        if (probabilities.length < windowsFor(length)) {
            probabilities = new float[windowsFor(length)];
        }
        completed = 0;
        int at = 0;
        while (at < length) {
            int n = Math.min(length - at, VoiceActivityDetector.WINDOW_SAMPLES - pendingCount);
            System.arraycopy(pcm, offset + at, pending, pendingCount, n);
            pendingCount += n;
            at += n;
            if (pendingCount == VoiceActivityDetector.WINDOW_SAMPLES) {
                probabilities[completed++] = vad.process(pending, 0);
                pendingCount = 0;
                windows++;
            }
        }
        return completed;
    }

    /** Speech probability of the {@code i}-th window completed by the last push. */
    float probability(int i) {
        return probabilities[i];
    }

    /** Highest probability among the windows the last push completed, 0 when it completed none. */
    float maxProbability() {
        float max = 0f;
        for (int i = 0; i < completed; i++) {
            max = Math.max(max, probabilities[i]);
        }
        return max;
    }

    /**
     * Stream sample index just past the {@code i}-th window completed by the last push, counted from
     * the last reset.
     */
    long windowEndSample(int i) {
        return (windows - completed + i + 1) * VoiceActivityDetector.WINDOW_SAMPLES;
    }

    /** Drops the pending samples and the count: the next frame starts a new stream. */
    void reset() {
        pendingCount = 0;
        completed = 0;
        windows = 0;
    }
}
