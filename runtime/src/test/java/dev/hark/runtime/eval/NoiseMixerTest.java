package dev.hark.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The mixer hits the requested SNR over the whole file, repeatably, with a different segment per seed. */
class NoiseMixerTest {
    /** A second of "speech": a loud burst between stretches of digital silence, like the shared recordings. */
    static short[] speech() {
        short[] s = new short[16000];
        for (int i = 4000; i < 12000; i++) s[i] = (short) (8000 * Math.sin(i * 0.07) * Math.sin(i * 0.0011));
        return s;
    }

    /** Noise whose level changes along the recording, so that the segment chosen matters. */
    static short[] noise(int length, long seed) {
        Random r = new Random(seed);
        short[] n = new short[length];
        for (int i = 0; i < length; i++) n[i] = (short) (r.nextGaussian() * (300 + 2000.0 * i / length));
        return n;
    }

    static double snrDb(short[] speech, short[] mixed) {
        double s = 0, d = 0;
        for (int i = 0; i < speech.length; i++) {
            s += (double) speech[i] * speech[i];
            double e = mixed[i] - speech[i];
            d += e * e;
        }
        return 10 * Math.log10(s / d);
    }

    @Test
    void snrOverTheWholeFileIsWithinATenthOfADecibel() {
        NoiseMixer mixer = new NoiseMixer(List.of(new NoiseMixer.Noise("a", noise(48000, 1)), new NoiseMixer.Noise("b", noise(9000, 2))));
        short[] speech = speech();
        for (double snr : new double[] {24, 18, 12, 6, 0}) {
            for (long seed = 0; seed < 20; seed++) {
                assertEquals(snr, snrDb(speech, mixer.mix(speech, snr, seed)), 0.1, "SNR " + snr + " seed " + seed);
            }
        }
    }

    @Test
    void theSeedPicksTheSegmentRepeatably() {
        NoiseMixer mixer = new NoiseMixer(List.of(new NoiseMixer.Noise("a", noise(48000, 1))));
        short[] speech = speech();
        assertArrayEquals(mixer.mix(speech, 12, 7), mixer.mix(speech, 12, 7));
        assertFalse(Arrays.equals(mixer.mix(speech, 12, 7), mixer.mix(speech, 12, 8)));
        assertArrayEquals(speech, speech(), "the input is not modified");
    }

    @Test
    void silenceCannotBeMixedAtAnSnrAndIsLeftAlone() {
        NoiseMixer mixer = new NoiseMixer(List.of(new NoiseMixer.Noise("a", noise(4000, 1))));
        assertArrayEquals(new short[800], mixer.mix(new short[800], 6, 1));
        assertThrows(IllegalArgumentException.class, () -> new NoiseMixer(List.of(new NoiseMixer.Noise("quiet", new short[100]))));
    }
}
