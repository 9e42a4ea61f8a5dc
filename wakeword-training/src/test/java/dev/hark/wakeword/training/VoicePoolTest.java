package dev.hark.wakeword.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Engines drawn equally often however many voices each has; held-out voices taken from every engine that can spare one. */
class VoicePoolTest {
    private static List<Voice> voices(int espeak, int flite, int festival) {
        List<Voice> v = new ArrayList<>();
        for (int i = 0; i < espeak; i++) {
            v.add(new Voice(Voice.ESPEAK, "en+v" + i));
        }
        for (int i = 0; i < flite; i++) {
            v.add(new Voice(Voice.FLITE, "f" + i));
        }
        for (int i = 0; i < festival; i++) {
            v.add(new Voice(Voice.FESTIVAL, "d" + i));
        }
        return v;
    }

    @Test
    void eachEngineIsDrawnAboutEquallyOften() {
        VoicePool pool = VoicePool.of(voices(800, 5, 1));
        Map<String, Integer> drawn = new HashMap<>();
        Random r = new Random(3);
        for (int i = 0; i < 3000; i++) {
            drawn.merge(pool.pick(r).engine(), 1, Integer::sum);
        }
        for (String engine : List.of(Voice.ESPEAK, Voice.FLITE, Voice.FESTIVAL)) {
            assertTrue(Math.abs(drawn.get(engine) - 1000) < 100, engine + " drawn " + drawn.get(engine) + " times of 3000");
        }
        assertEquals(806, pool.size());
        assertEquals(5, pool.count(Voice.FLITE));
    }

    @Test
    void heldOutVoicesComeFromEveryEngineWithTwoOrMore() {
        VoicePool[] split = VoicePool.split(voices(100, 5, 1), 0.2, new Random(1));
        assertEquals(20, split[1].count(Voice.ESPEAK));
        assertEquals(1, split[1].count(Voice.FLITE));
        assertEquals(0, split[1].count(Voice.FESTIVAL), "a single voice stays in training");
        assertEquals(80, split[0].count(Voice.ESPEAK));
        assertEquals(4, split[0].count(Voice.FLITE));
        assertEquals(1, split[0].count(Voice.FESTIVAL));
        Set<Voice> seen = new HashSet<>();
        Random r = new Random(2);
        for (int i = 0; i < 2000; i++) {
            seen.add(split[1].pick(r));
        }
        for (int i = 0; i < 2000; i++) {
            assertTrue(!seen.contains(split[0].pick(r)), "a training voice is not held out");
        }
        assertNull(VoicePool.split(voices(0, 1, 1), 0.2, new Random(1))[1], "no engine can spare a voice");
    }
}
