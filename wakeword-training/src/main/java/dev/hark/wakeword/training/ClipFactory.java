package dev.hark.wakeword.training;

import dev.hark.audio.PcmFormat;
import java.util.List;
import java.util.Random;

/**
 * Lays an utterance into a clip the way a live stream presents it to the detector, and dresses the
 * clip as a room would: 2.1-2.5 s of lead-in before the utterance ends (silence or the end of other
 * speech), 0.4-0.9 s after it (silence or the start of other speech), room reverberation from a
 * measured impulse response, background noise at 0-30 dB SNR, and a level between -26 and -1 dBFS
 * peak. Every choice is drawn from the caller's {@link Random}, so a clip is reproducible from its
 * seed. Cost: linear in the clip (the reverberation n log n). Thread-safe (holds read-only audio).
 */
final class ClipFactory {
    private static final int RATE = PcmFormat.SAMPLE_RATE;

    private final List<float[]> noises;
    private final List<float[]> rirs;

    /**
     * @param noises background recordings (real noise; synthetic noise is used when empty)
     * @param rirs   room impulse responses (none: no reverberation)
     */
    ClipFactory(List<float[]> noises, List<float[]> rirs) {
        this.noises = noises;
        this.rirs = rirs;
    }

    /** A clip and the sample at which its utterance ends. */
    record Clip(float[] audio, int end) {
    }

    /**
     * A clip of {@code utterance}, preceded by the end of {@code before} and followed by the start of
     * {@code after} when they are not null and the draw says so.
     */
    Clip make(float[] utterance, float[] before, float[] after, Random r) {
        int end = (int) (RATE * (2.1 + 0.4 * r.nextDouble()));
        end = Math.max(end, utterance.length + RATE / 10);
        int tail = (int) (RATE * (0.4 + 0.5 * r.nextDouble()));
        float[] speech = new float[end + tail];
        int start = end - utterance.length;
        System.arraycopy(utterance, 0, speech, start, utterance.length);
        if (before != null && r.nextDouble() < 0.6) {
            int gap = (int) (RATE * (0.03 + 0.35 * r.nextDouble()));
            int room = start - gap;
            int n = Math.min(before.length, Math.min(room, (int) (RATE * (0.3 + 1.3 * r.nextDouble()))));
            if (n > 0) {
                System.arraycopy(before, before.length - n, speech, room - n, n);
            }
        }
        if (after != null && r.nextDouble() < 0.4) {
            int gap = (int) (RATE * (0.03 + 0.25 * r.nextDouble()));
            int n = Math.min(after.length, tail - gap);
            if (n > 0) {
                System.arraycopy(after, 0, speech, end + gap, n);
            }
        }
        return new Clip(dress(speech, Signals.power(speech, start, end), r), end);
    }

    /** Reverberation, background noise and level, drawn from {@code r}, over a whole recording. */
    float[] dress(float[] speech, double speechPower, Random r) {
        float[] x = speech;
        if (!rirs.isEmpty() && r.nextDouble() < 0.35) {
            x = Signals.reverberate(x, rirs.get(r.nextInt(rirs.size())));
        } else {
            x = x.clone();
        }
        if (r.nextDouble() < 0.75) {
            double snr = 30 * Math.sqrt(r.nextDouble());
            float[] noise = noises.isEmpty() ? syntheticNoise(r) : noises.get(r.nextInt(noises.size()));
            Signals.mix(x, noise, r.nextInt(noise.length), speechPower, snr);
        }
        // a floor of faint noise, as every microphone has: digital silence is not what a room sounds like
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (r.nextGaussian() * 3e-5);
        }
        double peakDb = -1 - 25 * r.nextDouble();
        return Signals.scale(x, Math.pow(10, peakDb / 20) / Math.max(1e-6f, Signals.peak(x)));
    }

    /** Two seconds of white, pink-ish or brown-ish noise. */
    private static float[] syntheticNoise(Random r) {
        float[] n = new float[2 * RATE];
        int colour = r.nextInt(3);
        double state = 0;
        for (int i = 0; i < n.length; i++) {
            double w = r.nextGaussian();
            state = colour == 0 ? w : colour == 1 ? 0.7 * state + w : 0.98 * state + w;
            n[i] = (float) state;
        }
        return n;
    }
}
