package dev.hark.runtime.feedback;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.skill.Earcon;
import org.junit.jupiter.api.Test;

class EarconsTest {
    private final Earcons earcons = new Earcons();

    /** Frequency from zero crossings over samples [from, to). */
    private static double frequency(short[] s, int from, int to, int rate) {
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if ((s[i - 1] < 0) != (s[i] < 0)) {
                crossings++;
            }
        }
        return crossings / 2.0 / ((to - from) / (double) rate);
    }

    @Test
    void listeningRisesAndDoneFalls() {
        AudioClip listening = earcons.get(Earcon.LISTENING);
        int rate = listening.sampleRate();
        int note1 = (int) (0.08 * rate);
        assertEquals(660, frequency(listening.samples(), 100, note1 - 100, rate), 25);
        assertEquals(880, frequency(listening.samples(), note1 + 100, listening.samples().length - 100, rate), 25);
        AudioClip done = earcons.get(Earcon.DONE);
        assertEquals(880, frequency(done.samples(), 100, note1 - 100, rate), 25);
        assertEquals(660, frequency(done.samples(), note1 + 100, done.samples().length - 100, rate), 25);
    }

    @Test
    void everyEarconFadesInAndOutAtHalfVolume() {
        for (Earcon e : Earcon.values()) {
            short[] s = earcons.get(e).samples();
            assertTrue(s.length > 0, e.name());
            assertTrue(Math.abs(s[0]) < 100 && Math.abs(s[s.length - 1]) < 100, e + " starts and ends silent (no click)");
            int peak = 0;
            for (short v : s) {
                peak = Math.max(peak, Math.abs(v));
            }
            assertTrue(peak > 15000 && peak <= 16384, e + " peak " + peak);
        }
    }

    @Test
    void theAlarmLastsLongEnoughToNotice() {
        assertTrue(earcons.get(Earcon.ALARM).seconds() > 1.5);
        assertTrue(earcons.get(Earcon.LISTENING).seconds() < 0.3, "the listening sound must not delay the command");
    }
}
