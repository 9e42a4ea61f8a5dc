package dev.hark.wakeword.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Threshold calibration on negative score streams. */
class CalibrationTest {
    @Test
    void refractoryMakesOneActivationOfABurst() {
        float[] s = new float[100];
        s[10] = 0.9f;
        s[11] = 0.95f;
        s[20] = 0.8f;
        s[50] = 0.7f;
        assertEquals(2, Calibration.activations(List.of(s), 0.6f), "10 mutes 11 and 20; 50 fires");
        assertEquals(1, Calibration.activations(List.of(s), 0.75f));
        assertEquals(0, Calibration.activations(List.of(s), 0.96f));
    }

    @Test
    void underTenHoursNoNegativeMayActivate() {
        float[] a = {0.1f, 0.42f, Float.NaN, 0.3f};
        float[] b = {0.61f, 0.2f};
        float t = Calibration.threshold(List.of(a, b), 2.0, 1.0);
        assertTrue(t > 0.61f && t < 0.6102f, "just above the highest negative: " + t);
        assertEquals(0, Calibration.activations(List.of(a, b), t));
    }

    @Test
    void overTenHoursTheTargetRateIsAllowed() {
        float[] a = {0.9f, 0.1f, 0.1f};
        float[] b = {0.5f, 0.1f};
        // 20 h at 1 per 10 h: two activations allowed, so neither 0.9 nor 0.5 needs to be excluded
        assertTrue(Calibration.threshold(List.of(a, b), 20, 1.0) <= 0.5f);
        // 10 h: one allowed, the 0.5 must go
        float t = Calibration.threshold(List.of(a, b), 10, 1.0);
        assertTrue(t > 0.5f && t <= 0.9f, "t " + t);
    }

    @Test
    void recallCountsPeaksAtOrAboveTheThreshold() {
        assertEquals(0.5, Calibration.recall(new float[] {0.2f, 0.7f, 0.5f, 0.1f}, 0.5f));
    }
}
