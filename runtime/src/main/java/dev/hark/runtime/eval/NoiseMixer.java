package dev.hark.runtime.eval;

import dev.hark.audio.WavReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mixes a recording with a segment of real noise at a given signal-to-noise ratio. The SNR is
 * measured over the whole file: the mean power of the recording (pauses and digital silence
 * included, as the shared evaluation protocol defines it) against the mean power of the noise
 * segment added to it. The seed picks the noise recording and the segment's start (a segment
 * longer than the recording's rest wraps around), so a run is repeatable and every file gets its
 * own segment. Samples are rounded and clipped to 16 bits. Costs one pass over the recording.
 */
public final class NoiseMixer {
    /** One noise recording, 16 kHz mono. */
    public record Noise(String name, short[] pcm) {
    }

    private final List<Noise> noises;

    /** A mixer over these noise recordings; each must hold some non-zero sample. */
    public NoiseMixer(List<Noise> noises) {
        if (noises.isEmpty()) throw new IllegalArgumentException("no noise recordings");
        for (Noise n : noises) {
            if (power(n.pcm(), 0, n.pcm().length) == 0) throw new IllegalArgumentException(n.name() + ": the noise recording is silent");
        }
        this.noises = List.copyOf(noises);
    }

    /** Reads the noise recordings (any WAV that {@link WavReader} converts to 16 kHz mono). */
    public static NoiseMixer load(List<Path> files) throws IOException {
        List<Noise> noises = new ArrayList<>();
        for (Path f : files) noises.add(new Noise(f.getFileName().toString(), WavReader.readPcm16k(f)));
        try {
            return new NoiseMixer(noises);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    /**
     * {@code speech} plus a noise segment scaled to {@code snrDb}; a recording with no energy at all is
     * returned unchanged (no SNR can be defined for it).
     */
    public short[] mix(short[] speech, double snrDb, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Noise noise = noises.get(rnd.nextInt(noises.size()));
        short[] n = noise.pcm();
        int offset = rnd.nextInt(n.length);
        double speechPower = power(speech, 0, speech.length);
        short[] out = speech.clone();
        if (speechPower == 0 || speech.length == 0) return out;
        double noisePower = circularPower(n, offset, speech.length);
        if (noisePower == 0) {
            // a digitally silent stretch of the noise recording: start where its energy is
            offset = 0;
            noisePower = circularPower(n, 0, speech.length);
            if (noisePower == 0) return out;
        }
        double gain = Math.sqrt(speechPower / (noisePower * Math.pow(10, snrDb / 10)));
        for (int i = 0, j = offset; i < out.length; i++, j = j + 1 == n.length ? 0 : j + 1) {
            long v = Math.round(speech[i] + gain * n[j]);
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
        return out;
    }

    /** Mean power of {@code length} samples from {@code from}. */
    static double power(short[] pcm, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) sum += (double) pcm[i] * pcm[i];
        return length == 0 ? 0 : sum / length;
    }

    private static double circularPower(short[] pcm, int from, int length) {
        double sum = 0;
        for (int i = 0, j = from; i < length; i++, j = j + 1 == pcm.length ? 0 : j + 1) sum += (double) pcm[j] * pcm[j];
        return sum / length;
    }
}
