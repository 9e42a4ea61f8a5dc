package dev.hark.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hark.audio.PcmFormat;
import dev.hark.runtime.loop.CommandEndpointer;
import dev.hark.runtime.loop.CommandEndpointer.Status;
import org.junit.jupiter.api.Test;

/**
 * {@link LoopEndpointing} hands over what the loop would: from the endpointer's command start to the
 * end of the frame in which it ended, nothing when it gives up; with a scripted endpointer, so the
 * bounds are known to the sample.
 */
class LoopEndpointingTest {
    private static final int F = PcmFormat.FRAME_SAMPLES;

    /** Answers the scripted status for each frame (the last one from then on). */
    private static final class Scripted implements CommandEndpointer {
        private final Status[] script;
        private final long start;
        private int frame;
        int resets;

        Scripted(long start, Status... script) {
            this.start = start;
            this.script = script;
        }

        @Override
        public Status process(short[] pcm) {
            assertEquals(F, pcm.length, "whole frames, as the loop reads them");
            return script[Math.min(frame++, script.length - 1)];
        }

        @Override
        public void reset() {
            frame = 0;
            resets++;
        }

        @Override
        public void resetAfter(short[] pcm, int offset, int length) {
            throw new AssertionError("a plain reset: the first speech is the command");
        }

        @Override
        public long commandStartSample() {
            return start;
        }

        @Override
        public void close() {
        }
    }

    private static short[] ramp(int n) {
        short[] pcm = new short[n];
        for (int i = 0; i < n; i++) pcm[i] = (short) i;
        return pcm;
    }

    @Test
    void cutsFromTheCommandStartToTheEndOfTheFrameThatEndedIt() {
        Scripted e = new Scripted(F + 300, Status.WAITING, Status.WAITING, Status.SPEAKING, Status.SPEAKING, Status.ENDED);
        short[] pcm = ramp(10 * F);
        LoopEndpointing.Cut cut = new LoopEndpointing(e).cut(pcm);
        assertEquals(new LoopEndpointing.Cut(F + 300, 5 * F, LoopEndpointing.Ending.ENDED), cut);
        assertArrayEquals(java.util.Arrays.copyOfRange(pcm, F + 300, 5 * F), cut.of(pcm));
        assertEquals(1, e.resets, "each recording starts a new capture");
    }

    @Test
    void neverStartsBeforeTheCaptureNorAfterTheFrameThatStartedSpeech() {
        assertEquals(0, new LoopEndpointing(new Scripted(-500, Status.SPEAKING, Status.ENDED)).cut(ramp(4 * F)).from());
        // a start the endpointer places in the future is clamped to the frame in which speech started, as in the loop
        assertEquals(F, new LoopEndpointing(new Scripted(9 * F, Status.WAITING, Status.SPEAKING, Status.ENDED))
                .cut(ramp(4 * F)).from());
    }

    @Test
    void givesUpWhereTheLoopDoes() {
        LoopEndpointing.Cut none = new LoopEndpointing(new Scripted(0, Status.WAITING, Status.NO_SPEECH)).cut(ramp(6 * F));
        assertEquals(LoopEndpointing.Ending.NO_SPEECH, none.ending());
        assertNull(none.of(ramp(6 * F)), "nothing recognised");
        LoopEndpointing.Cut tooLong = new LoopEndpointing(new Scripted(0, Status.SPEAKING, Status.SPEAKING, Status.TOO_LONG))
                .cut(ramp(6 * F));
        assertEquals(LoopEndpointing.Ending.TOO_LONG, tooLong.ending());
        assertNull(tooLong.of(ramp(6 * F)));
        assertEquals(LoopEndpointing.Ending.NO_SPEECH,
                new LoopEndpointing(new Scripted(0, Status.WAITING)).cut(ramp(3 * F)).ending(), "the recording ran out first");
    }

    @Test
    void aRecordingThatEndsInSpeechIsCutAtItsEnd() {
        int n = 3 * F + 100; // a part-filled last frame
        LoopEndpointing.Cut cut = new LoopEndpointing(new Scripted(200, Status.WAITING, Status.SPEAKING)).cut(ramp(n));
        assertEquals(new LoopEndpointing.Cut(200, n, LoopEndpointing.Ending.UNENDED), cut);
    }
}
