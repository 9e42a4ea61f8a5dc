package dev.hark.asr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.TestData;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Senones scored as estimates (the rejection phone loop's) keep top densities from frame to frame;
 * after {@link AcousticModel#reset()} an utterance scores exactly as on a fresh model, whatever
 * came before it.
 */
class EstimatedSenoneResetTest {
    @Test
    void anUtteranceScoresTheSameAfterResetAsOnAFreshModel() throws Exception {
        SphinxAcousticModel fresh = SphinxAcousticModel.load(TestData.MODEL);
        SphinxAcousticModel used = SphinxAcousticModel.load(TestData.MODEL);
        int n = fresh.senoneCount();
        int[] senones = new int[n];
        for (int s = 0; s < n; s++) senones[s] = s;
        Random random = new Random(3);
        float[][] before = frames(random, 37), utterance = frames(random, 25);
        float[] scratch = new float[n];
        for (float[] f : before) {
            used.setFrame(f);
            used.score(senones, 0, n, scratch);
        }
        used.reset();
        float[] a = new float[n], b = new float[n];
        boolean differsWithoutReset = false;
        for (float[] f : utterance) {
            fresh.setFrame(f);
            fresh.score(senones, 0, n, a);
            used.setFrame(f);
            used.score(senones, 0, n, b);
            assertArrayEquals(a, b);
        }
        // without the reset the same frames, after others, score otherwise
        SphinxAcousticModel carried = SphinxAcousticModel.load(TestData.MODEL);
        for (float[] f : before) {
            carried.setFrame(f);
            carried.score(senones, 0, n, scratch);
        }
        fresh.reset();
        for (float[] f : utterance) {
            fresh.setFrame(f);
            fresh.score(senones, 0, n, a);
            carried.setFrame(f);
            carried.score(senones, 0, n, b);
            differsWithoutReset |= !Arrays.equals(a, b);
        }
        assertTrue(differsWithoutReset, "the carried-over model scores some frame differently");
    }

    private static float[][] frames(Random random, int count) {
        float[][] out = new float[count][39];
        for (float[] f : out) {
            for (int i = 0; i < f.length; i++) f[i] = (float) random.nextGaussian() * (i < 13 ? 3 : 0.5f);
        }
        return out;
    }
}
