package dev.hark.wakeword.training;

import dev.hark.audio.Fft;
import dev.hark.audio.PcmFormat;
import dev.hark.audio.Resampler;
import dev.hark.audio.WavReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The signal operations that turn one synthetic utterance into many training clips (and the reading of
 * real recordings as the same float signals): silence trimming,
 * speed and vocal-tract-length change by resampling, room reverberation by FFT convolution with a
 * measured impulse response, noise mixing at a signal-to-noise ratio, gain, and conversion to PCM.
 * Each costs time linear in the clip (the convolution n log n) and returns a new array.
 */
final class Signals {
    private static final int RATE = PcmFormat.SAMPLE_RATE;

    private Signals() {
    }

    /** A recording as 16 kHz samples in [-1, 1] (costs its decoding and resampling). */
    static float[] read(Path file) throws IOException {
        return SpeechSynthesizer.toFloat(WavReader.readPcm16k(file));
    }

    /** {@code x} without the leading and trailing samples quieter than -50 dBFS (20 ms of margin kept). */
    static float[] trimSilence(float[] x) {
        float floor = 0.00316f;
        int start = 0;
        while (start < x.length && Math.abs(x[start]) < floor) {
            start++;
        }
        int end = x.length;
        while (end > start && Math.abs(x[end - 1]) < floor) {
            end--;
        }
        int margin = RATE / 50;
        start = Math.max(0, start - margin);
        end = Math.min(x.length, end + margin);
        float[] out = new float[end - start];
        System.arraycopy(x, start, out, 0, out.length);
        return out;
    }

    /**
     * {@code x} played {@code factor} times faster, pitch and formants raised alike (a tape speed
     * change): resampled from {@code 16000 * factor} Hz to 16 kHz. Combined with a synthesiser pitch of
     * {@code 1 / factor} it leaves the pitch and moves only the formants, i.e. a shorter or longer vocal
     * tract.
     */
    static float[] speed(float[] x, double factor) {
        int from = (int) Math.round(RATE * factor / 100) * 100;
        return from == RATE ? x : new Resampler(from, RATE).process(x);
    }

    /** {@code x} convolved with the room impulse response {@code rir}, scaled back to x's peak. */
    static float[] reverberate(float[] x, float[] rir) {
        float[] y = Fft.convolve(x, rir);
        return scale(y, peak(x) / Math.max(1e-9f, peak(y)));
    }

    /**
     * Adds {@code noise} (looped from {@code offset}) to {@code x} in place, scaled so that
     * {@code speechPower} stands {@code snrDb} above the noise's mean power.
     */
    static void mix(float[] x, float[] noise, int offset, double speechPower, double snrDb) {
        double pn = 0;
        for (int i = 0; i < x.length; i++) {
            double v = noise[(offset + i) % noise.length];
            pn += v * v;
        }
        pn /= Math.max(1, x.length);
        if (pn <= 0 || speechPower <= 0) {
            return;
        }
        double g = Math.sqrt(speechPower / (pn * Math.pow(10, snrDb / 10)));
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (g * noise[(offset + i) % noise.length]);
        }
    }

    /** The recordings one after the other. */
    static float[] concat(java.util.List<float[]> parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Mean square of {@code x[from, to)}. */
    static double power(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return to > from ? s / (to - from) : 0;
    }

    static float peak(float[] x) {
        float p = 0;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    static float[] scale(float[] x, double g) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] * g);
        }
        return y;
    }

    /** 16-bit PCM of {@code x}, clipped. */
    static short[] toPcm(float[] x) {
        short[] pcm = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i] * 32768)));
        }
        return pcm;
    }
}
