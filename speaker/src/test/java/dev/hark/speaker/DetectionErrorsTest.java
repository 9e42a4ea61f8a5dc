package dev.hark.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DetectionErrorsTest {
    @Test
    void ratesCountRejectedTargetsBelowAndAcceptedNonTargetsFromTheThreshold() {
        DetectionErrors e = new DetectionErrors(new double[] {0.9, 0.3, 0.7, 0.6}, new double[] {0.1, 0.6, 0.2, 0.4, 0.5});
        assertEquals(0.25, e.falseRejectRate(0.6), 1e-12);   // 0.3 only: a score equal to the threshold is accepted
        assertEquals(0.2, e.falseAcceptRate(0.6), 1e-12);    // 0.6 only
        assertEquals(0.0, e.falseRejectRate(0.3), 1e-12);
        assertEquals(0.6, e.falseAcceptRate(0.3), 1e-12);
        assertEquals(1.0, e.falseRejectRate(1.0), 1e-12);
        assertEquals(0.0, e.falseAcceptRate(1.0), 1e-12);
        assertEquals(4, e.targetTrials());
        assertEquals(5, e.nonTargetTrials());
    }

    @Test
    void equalErrorRateIsWhereBothRatesMeet() {
        // separable: no error at the lowest target score
        assertArrayEquals(new double[] {0.0, 0.5}, new DetectionErrors(new double[] {0.5, 0.8}, new double[] {0.1, 0.4}).equalErrorRate(), 1e-12);
        // one target below one non-target of four each: both rates are 1/4 at 0.55
        double[] eer = new DetectionErrors(new double[] {0.9, 0.8, 0.7, 0.2}, new double[] {0.1, 0.3, 0.4, 0.55}).equalErrorRate();
        assertEquals(0.25, eer[0], 1e-12);
        assertEquals(0.55, eer[1], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new DetectionErrors(new double[0], new double[] {1}));
    }
}
