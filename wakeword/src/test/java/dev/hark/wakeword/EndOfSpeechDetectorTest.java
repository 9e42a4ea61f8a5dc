package dev.hark.wakeword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.audio.PcmFormat;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a command starts after a wake word, on real speech from pocketsphinx-testdata (Silero finds
 * speech in goforward.raw from 0.51 to 2.17 s, numbers.raw from 0.51 to 3.30 s with a click at 0.06 s,
 * something.raw from 0.48 to 2.14 s) in the room of something.raw (its first 0.44 s, looped).
 */
class EndOfSpeechDetectorTest {
    private static EndOfSpeechDetector eos;
    private static short[] goForward;
    private static short[] numbers;
    private static short[] something;

    @BeforeAll
    static void load() throws Exception {
        eos = EndOfSpeechDetector.builder().modelDirectory(TestAudio.MODELS).build();
        goForward = TestAudio.pocketsphinx("goforward.raw");
        numbers = TestAudio.pocketsphinx("numbers.raw");
        something = TestAudio.pocketsphinx("something.raw");
    }

    @AfterAll
    static void close() {
        eos.close();
    }

    private static int at(double seconds) {
        return (int) Math.round(seconds * PcmFormat.SAMPLE_RATE);
    }

    private static short[] cut(short[] pcm, double from, double to) {
        return Arrays.copyOfRange(pcm, at(from), at(to));
    }

    private static short[] room(double seconds) {
        short[] loop = cut(something, 0, 0.44);
        short[] out = new short[at(seconds)];
        for (int i = 0; i < out.length; i++) {
            out[i] = loop[i % loop.length];
        }
        return out;
    }

    /** Streams {@code after} until the capture ends; returns the final status. */
    private static EndOfSpeechDetector.Status capture(short[] after) {
        EndOfSpeechDetector.Status status = eos.status();
        for (short[] frame : TestAudio.frames(TestAudio.concat(after, room(5)))) {
            status = eos.process(frame);
            if (!status.isActive()) {
                break;
            }
        }
        return status;
    }

    @Test
    void speechUnderWayWhenTheWakeWordFiresIsTheWakeWordsNotTheCommand() {
        // the "wake word" is still being said at the detection, 0.69 s into its speech; 0.25 s more of it,
        // a second's pause, then the command: something.raw's speech, which starts 1.43 s into the capture
        short[] before = cut(goForward, 0, 1.2);
        short[] after = TestAudio.concat(cut(goForward, 1.2, 1.45), room(1.0), cut(something, 0.3, 2.6));

        eos.reset();
        assertEquals(EndOfSpeechDetector.Status.ENDED, capture(after));
        assertTrue(eos.speechStartSeconds() < 0.1, "with nothing heard before, the tail is taken as the command: "
                + eos.speechStartSeconds());

        eos.resetAfter(before, 0, before.length);
        assertEquals(EndOfSpeechDetector.Status.ENDED, capture(after));
        assertEquals(1.43, eos.speechStartSeconds(), 0.1, "the command starts at the next speech after the pause");
        assertEquals(1.25 + 2.14 - 0.3, eos.speechEndSeconds(), 0.15, "and ends with it");
        long start = eos.commandStartSample();
        assertTrue(start >= at(0.25) && start <= at(1.43), "its audio keeps some of the pause, none of the tail: " + start);
    }

    @Test
    void commandSaidStraightAfterTheWakeWordIsTakenFromTheDetection() {
        // no pause at all: the speech under way at the detection runs on for another 1.17 s
        short[] before = cut(goForward, 0, 1.0);
        eos.resetAfter(before, 0, before.length);
        assertEquals(EndOfSpeechDetector.Status.ENDED, capture(cut(goForward, 1.0, goForward.length)));
        assertEquals(0, eos.speechStartSeconds(), 1e-9);
        assertEquals(0, eos.commandStartSample());
        assertEquals(2.17 - 1.0, eos.speechEndSeconds(), 0.15);
    }

    @Test
    void commandBegunJustBeforeALateDetectionIsHeardFromItsStart() {
        // the wake word (something.raw's speech) ends, a 0.5 s pause, then the command starts 0.09 s
        // before the detection
        short[] before = TestAudio.concat(cut(something, 0, 2.3), room(0.5), cut(numbers, 0.4, 0.6));
        eos.resetAfter(before, 0, before.length);
        assertEquals(EndOfSpeechDetector.Status.ENDED, capture(cut(numbers, 0.6, numbers.length)));
        assertTrue(eos.speechStartSeconds() < 0 && eos.speechStartSeconds() > -0.2, "started " + eos.speechStartSeconds());
        long start = eos.commandStartSample();
        assertTrue(start < at(-0.1) && start >= -at(0.2 + 0.5 + 0.1), "its audio begins in the pause: " + start);
    }

    @Test
    void aClickIsNotACommand() {
        // numbers.raw begins with a click (one window of speech); a second later comes the command
        short[] before = room(1.0);
        short[] after = TestAudio.concat(room(0.3), cut(numbers, 0, 0.3), room(1.0), cut(something, 0.3, 2.6));
        eos.resetAfter(before, 0, before.length);
        assertEquals(EndOfSpeechDetector.Status.ENDED, capture(after));
        assertEquals(0.3 + 0.3 + 1.0 + 0.18, eos.speechStartSeconds(), 0.1, "the command is the speech, not the click");
    }
}
