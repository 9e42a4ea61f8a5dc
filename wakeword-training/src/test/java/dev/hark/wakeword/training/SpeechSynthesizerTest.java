package dev.hark.wakeword.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** festival's voices (installed by scripts/setup.sh) are found and speak at the rate asked. */
class SpeechSynthesizerTest {
    @TempDir
    Path dir;

    @Test
    void festivalVoicesAreListedAndSpeakSlowerWhenAsked() throws Exception {
        List<Voice> voices = SpeechSynthesizer.installedVoices();
        for (String name : List.of("kal_diphone", "ked_diphone", "cmu_us_slt_arctic_hts")) {
            assertTrue(voices.contains(new Voice(Voice.FESTIVAL, name)), "festival voice " + name + " in " + voices.stream()
                    .filter(v -> v.engine().equals(Voice.FESTIVAL)).toList());
        }
        SpeechSynthesizer synth = new SpeechSynthesizer(dir);
        Voice kal = new Voice(Voice.FESTIVAL, "kal_diphone");
        float[] slow = synth.say(kal, "cappuccino", 0.8, 1);
        float[] fast = synth.say(kal, "cappuccino", 1.25, 1);
        assertTrue(fast.length > 8000, "at least half a second of speech: " + fast.length + " samples");
        assertTrue(slow.length > 1.3 * fast.length, "0.8x speed " + slow.length + " vs 1.25x " + fast.length + " samples");
        assertTrue(Signals.peak(synth.say(new Voice(Voice.FESTIVAL, "cmu_us_slt_arctic_hts"), "cappuccino", 1, 1)) > 0.05,
                "the HTS voice speaks");
    }
}
