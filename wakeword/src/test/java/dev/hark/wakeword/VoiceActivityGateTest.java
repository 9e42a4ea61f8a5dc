package dev.hark.wakeword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The VAD gate skips the embedding model and the heads in silence, then catches up on the deferred
 * embeddings: whenever it lets the heads run, their scores are those of an ungated detector.
 */
class VoiceActivityGateTest {
    @Test
    void gatedScoresEqualUngatedScoresWheneverTheGateIsOpen() throws Exception {
        short[] room = TestAudio.noise(TestAudio.silence(3.0).length, 60, 3);
        short[] stream = TestAudio.concat(room,
                TestAudio.mix(TestAudio.flite("kal16", "hey jarvis, turn on the light", 1.0),
                        TestAudio.noise(TestAudio.flite("kal16", "hey jarvis, turn on the light", 1.0).length, 60, 4)),
                room, TestAudio.mix(TestAudio.flite("slt", "alexa, what time is it", 1.0),
                        TestAudio.noise(TestAudio.flite("slt", "alexa, what time is it", 1.0).length, 60, 5)), room);
        try (WakeWordDetector gated = WakePhraseCorpus.allModels(0.5f);
             WakeWordDetector levelGated = WakePhraseCorpus.levelGatedModels();
             WakeWordDetector plain = WakePhraseCorpus.allModels(0f)) {
            List<Detection> gatedDetections = new ArrayList<>();
            List<Detection> plainDetections = new ArrayList<>();
            List<Detection> levelDetections = new ArrayList<>();
            int open = 0;
            int closed = 0;
            int levelClosed = 0;
            for (short[] frame : TestAudio.frames(stream)) {
                gatedDetections.addAll(gated.process(frame));
                levelDetections.addAll(levelGated.process(frame));
                plainDetections.addAll(plain.process(frame));
                if (plain.framesProcessed() <= plain.warmUpFrames()) {
                    continue;
                }
                if (levelGated.scoredLastFrame()) {
                    for (int k = 0; k < levelGated.keywordCount(); k++) {
                        assertEquals(plain.score(k), levelGated.score(k), 1e-6, "frame " + levelGated.framesProcessed());
                    }
                } else {
                    levelClosed++;
                }
                if (gated.scoredLastFrame()) {
                    open++;
                    for (int k = 0; k < gated.keywordCount(); k++) {
                        assertEquals(plain.score(k), gated.score(k), 1e-6, "frame " + gated.framesProcessed());
                    }
                } else {
                    closed++;
                    for (int k = 0; k < gated.keywordCount(); k++) {
                        assertEquals(0f, gated.score(k));
                    }
                }
            }
            assertTrue(closed > 40, "the gate should stay closed in room noise; closed for " + closed + " frames");
            assertTrue(open > 20, "the gate should open for speech; open for " + open + " frames");
            assertEquals(List.of("hey_jarvis", "alexa"), plainDetections.stream().map(Detection::keyword).toList());
            assertEquals(plainDetections, gatedDetections);
            assertEquals(plainDetections, levelDetections);
            assertTrue(levelClosed > 40, "the level gate alone should stay closed in steady room noise; closed for "
                    + levelClosed + " frames");
        }
    }
}
