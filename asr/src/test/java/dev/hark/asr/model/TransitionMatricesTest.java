package dev.hark.asr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.TestData;
import org.junit.jupiter.api.Test;

/**
 * The en-us transition_matrices file holds raw counts (rows sum to far more than one); the reader
 * must turn every row into a probability distribution, as Sphinx does, or each frame spent in a
 * state would add the log of its row's count total to the path score.
 */
class TransitionMatricesTest {
    @Test
    void everyRowOfTheRealModelIsADistribution() throws Exception {
        TransitionMatrices t = TransitionMatrices.read(TestData.MODEL.resolve("transition_matrices"), 1e-4f);
        int n = t.emittingStates();
        assertTrue(t.count() > 40, "one matrix per CI phone at least");
        for (int m = 0; m < t.count(); m++) {
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j <= n; j++) {
                    float lp = t.logProb(m, i, j);
                    assertTrue(lp <= 0f, "matrix " + m + " row " + i + " col " + j + ": log prob " + lp);
                    sum += Math.exp(lp);
                }
                assertEquals(1.0, sum, 1e-5, "matrix " + m + " row " + i);
            }
        }
    }

    @Test
    void floorAppliesToNonZeroEntriesOnlyAndKeepsRowsNormalized() {
        float[] row = TransitionMatrices.normalizedLog(new float[] {999_999f, 1f, 0f, 0f}, 1e-4f);
        assertEquals(Float.NEGATIVE_INFINITY, row[2]);
        assertEquals(Float.NEGATIVE_INFINITY, row[3]);
        // 1e-6 floored to 1e-4, then renormalized with the rest
        assertEquals(Math.log(1e-4 / (1 + 1e-4 - 1e-6)), row[1], 1e-4);
        assertEquals(1.0, Math.exp(row[0]) + Math.exp(row[1]), 1e-6);
    }
}
