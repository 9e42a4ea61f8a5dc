package dev.hark.wakeword;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The level gate: quiet in steady background, loud when speech rises above it, and it re-learns the floor. */
class LevelGateTest {
    @Test
    void steadyBackgroundIsQuietAndSpeechStandsOut() throws Exception {
        LevelGate gate = new LevelGate();
        short[][] room = TestAudio.frames(TestAudio.pocketsphinx("goforward.raw"));
        // the first 0.44 s (5 frames) of goforward.raw is the room; speech starts at 0.5 s
        gate.loud(room[0]);
        for (int i = 1; i < 5; i++) {
            assertFalse(gate.loud(room[i]), "room frame " + i + " counted as loud");
        }
        boolean speechLoud = false;
        for (int i = 6; i < 12; i++) {
            speechLoud |= gate.loud(room[i]);
        }
        assertTrue(speechLoud, "speech in goforward.raw never rose 6 dB above the room");
    }

    @Test
    void speechInNoiseAt10dbSnrStandsOut() throws Exception {
        short[] speech = TestAudio.flite("slt", "alexa", 1.0);
        double rms = TestAudio.rms(speech, 0, speech.length) / Math.pow(10, 10 / 20.0);
        short[] clip = TestAudio.concat(TestAudio.silence(1.0), speech);
        short[][] frames = TestAudio.frames(TestAudio.mix(clip, TestAudio.noise(clip.length, rms, 1)));
        LevelGate gate = new LevelGate();
        for (int i = 0; i < 12; i++) {
            assertFalse(gate.loud(frames[i]) && i > 0, "steady noise frame " + i + " counted as loud");
        }
        boolean loud = false;
        for (int i = 13; i < frames.length; i++) {
            loud |= gate.loud(frames[i]);
        }
        assertTrue(loud, "speech at 10 dB SNR did not stand out from the noise");
    }

    @Test
    void aLouderBackgroundIsLearnedWithinSeconds() {
        LevelGate gate = new LevelGate();
        short[][] quiet = TestAudio.frames(TestAudio.noise(16000, 30, 2));
        short[][] louder = TestAudio.frames(TestAudio.noise(16000 * 30, 300, 3)); // +20 dB, e.g. a fan starts
        for (short[] f : quiet) {
            gate.loud(f);
        }
        assertTrue(gate.loud(louder[0]), "a 20 dB step must first count as loud");
        // the floor rises 0.5 dB/s: 20 dB - 6 dB margin takes 28 s to learn
        for (int i = 1; i < louder.length - 1; i++) {
            gate.loud(louder[i]);
        }
        assertFalse(gate.loud(louder[louder.length - 1]), "the louder background was not learned after 30 s");
    }
}
