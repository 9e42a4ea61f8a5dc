package dev.hark.asr.neural;

import dev.hark.audio.Resampler;
import dev.hark.audio.WavFiles;
import dev.hark.audio.WavReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the noisy copies the student network learns from: speed change, level change, digital
 * silence at the ends, room reverberation, band limiting to 8 kHz, and real recorded noise from a
 * folder at a given SNR (computed over the whole file, speech power against noise power, as the
 * commands-dev protocol mixes), optionally with a second source and a slow level drift. Every choice
 * comes from the caller's random generator, so copies are reproducible. Training tool only.
 */
final class Augmenter {
    /** One recipe; {@code snrDb} is NaN for no noise. */
    record Recipe(double speed, double gainDb, int padStartFrames, int padEndFrames, int rir, boolean narrowband,
                  double snrDb, int noise, long noiseOffset, int noise2, double noise2Db, double driftDb) {
    }

    /**
     * How {@link #random} draws a recipe: one copy in {@code cleanShare} without noise, the others at an
     * SNR uniform in [snrLow, snrHigh) dB; digital silence before and after the speech (noise fills it
     * in noisy copies), each end with probability {@code padChance}, uniform 0 .. max-1 frames long.
     */
    record Draws(double cleanShare, double snrLow, double snrHigh, double padChance, int leadMaxFrames, int trailMaxFrames) {
        /** What the first copies were made with: one in six clean, -3..30 dB, one end in four padded up to 1.5 s. */
        static final Draws DEFAULT = new Draws(1.0 / 6, -3, 30, 0.25, 150, 150);

        Draws withSnr(double low, double high) {
            return new Draws(cleanShare, low, high, padChance, leadMaxFrames, trailMaxFrames);
        }

        Draws withCleanShare(double share) {
            return new Draws(share, snrLow, snrHigh, padChance, leadMaxFrames, trailMaxFrames);
        }

        /** Every copy padded, each end up to the given number of frames. */
        Draws withPadding(int leadMax, int trailMax) {
            return new Draws(cleanShare, snrLow, snrHigh, 1.0, leadMax, trailMax);
        }
    }

    private final List<short[]> noises = new ArrayList<>();
    private final List<String> noiseNames = new ArrayList<>();
    private final List<RoomResponse> rirs = new ArrayList<>();
    private final Draws draws;

    Augmenter(Path noiseDir, Path rirDir, Draws draws) throws IOException {
        this.draws = draws;
        for (Path p : WavFiles.under(noiseDir)) {
            noises.add(WavReader.readPcm16k(p));
            noiseNames.add(p.getFileName().toString());
        }
        if (rirDir != null) {
            for (Path p : WavFiles.under(rirDir)) rirs.add(new RoomResponse(directPathFirst(WavReader.readPcm16k(p))));
        }
        if (noises.isEmpty()) throw new IOException(noiseDir + ": no noise WAV files");
    }

    String noiseName(int i) {
        return i < 0 ? "-" : noiseNames.get(i);
    }

    int noiseCount() {
        return noises.size();
    }

    /** A random training recipe, drawn as {@link Draws} says. */
    Recipe random(SplittableRandom r) {
        double u = r.nextDouble();
        double speed = u < 0.25 ? 0.9 : u < 0.5 ? 1.1 : 1.0;
        double gain = -20 + 30 * r.nextDouble();
        int padStart = r.nextDouble() < draws.padChance ? r.nextInt(draws.leadMaxFrames) : 0;
        int padEnd = r.nextDouble() < draws.padChance ? r.nextInt(draws.trailMaxFrames) : 0;
        int rir = !rirs.isEmpty() && r.nextDouble() < 0.3 ? r.nextInt(rirs.size()) : -1;
        boolean narrow = r.nextDouble() < 0.1;
        if (r.nextDouble() < draws.cleanShare) {
            return new Recipe(speed, gain, padStart, padEnd, rir, narrow, Double.NaN, -1, 0, -1, 0, 0);
        }
        double snr = draws.snrLow + (draws.snrHigh - draws.snrLow) * r.nextDouble();
        int noise = r.nextInt(noises.size());
        long offset = r.nextLong(Long.MAX_VALUE);
        int noise2 = r.nextDouble() < 0.3 ? r.nextInt(noises.size()) : -1;
        double noise2Db = -10 * r.nextDouble();
        double drift = r.nextDouble() < 0.5 ? -6 + 12 * r.nextDouble() : 0;
        return new Recipe(speed, gain, padStart, padEnd, rir, narrow, snr, noise, offset, noise2, noise2Db, drift);
    }

    /** A fixed measuring condition: only noise (a random source and segment) at {@code snrDb}. */
    Recipe fixed(SplittableRandom r, double snrDb) {
        if (Double.isNaN(snrDb)) return new Recipe(1.0, 0, 0, 0, -1, false, Double.NaN, -1, 0, -1, 0, 0);
        return new Recipe(1.0, 0, 0, 0, -1, false, snrDb, r.nextInt(noises.size()), r.nextLong(Long.MAX_VALUE), -1, 0, 0);
    }

    /** The speech at the recipe's speed (the teacher aligns this, without the other effects). */
    static float[] speed(short[] pcm, double speed) {
        float[] x = new float[pcm.length];
        for (int i = 0; i < x.length; i++) x[i] = pcm[i];
        if (speed == 1.0) return x;
        return new Resampler(16000, (int) Math.round(16000 / speed)).process(x);
    }

    /** Applies everything but the speed change to {@code speech} (already at the recipe's speed). */
    short[] apply(float[] speech, Recipe rc, int frameShift) {
        double g = Math.pow(10, rc.gainDb / 20);
        float[] x = new float[speech.length + (rc.padStartFrames + rc.padEndFrames) * frameShift];
        int start = rc.padStartFrames * frameShift;
        float[] s = rc.rir >= 0 ? rirs.get(rc.rir).reverberate(speech) : speech;
        for (int i = 0; i < speech.length; i++) x[start + i] = (float) (s[i] * g);
        if (rc.narrowband) {
            x = new Resampler(8000, 16000).process(new Resampler(16000, 8000).process(x));
            x = java.util.Arrays.copyOf(x, speech.length + (rc.padStartFrames + rc.padEndFrames) * frameShift);
        }
        if (!Double.isNaN(rc.snrDb)) {
            double speechPower = power(x);
            float[] n = segment(noises.get(rc.noise), rc.noiseOffset, x.length);
            if (rc.noise2 >= 0) {
                float[] n2 = segment(noises.get(rc.noise2), rc.noiseOffset * 31 + 7, x.length);
                double k = Math.sqrt(power(n) / Math.max(power(n2), 1e-9)) * Math.pow(10, rc.noise2Db / 20);
                for (int i = 0; i < n.length; i++) n[i] += (float) (k * n2[i]);
            }
            for (int i = 0; i < n.length; i++) {
                n[i] *= (float) Math.pow(10, rc.driftDb * ((double) i / n.length - 0.5) / 20);
            }
            double k = Math.sqrt(speechPower / Math.max(power(n), 1e-9) / Math.pow(10, rc.snrDb / 10));
            for (int i = 0; i < x.length; i++) x[i] += (float) (k * n[i]);
        }
        double peak = 1;
        for (float v : x) peak = Math.max(peak, Math.abs(v));
        double scale = peak > 32000 ? 32000 / peak : 1;
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (short) Math.round(x[i] * scale);
        return out;
    }

    private static double power(float[] x) {
        double p = 0;
        for (float v : x) p += (double) v * v;
        return p / Math.max(1, x.length);
    }

    private static float[] segment(short[] noise, long offset, int length) {
        float[] out = new float[length];
        int start = (int) Math.floorMod(offset, (long) noise.length);
        for (int i = 0; i < length; i++) out[i] = noise[(start + i) % noise.length];
        return out;
    }

    // The response from its strongest tap on, scaled so that tap is 1: the reverberant copy stays
    // aligned in time with the clean speech the teacher labelled.
    private static float[] directPathFirst(short[] rir) {
        int peak = 0;
        for (int i = 1; i < rir.length; i++) if (Math.abs(rir[i]) > Math.abs(rir[peak])) peak = i;
        float[] out = new float[rir.length - peak];
        for (int i = 0; i < out.length; i++) out[i] = rir[peak + i] / (float) rir[peak];
        return out;
    }
}
