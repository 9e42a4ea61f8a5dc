package dev.hark.runtime.eval;

import dev.hark.audio.PcmFormat;
import dev.hark.runtime.loop.CommandEndpointer;
import java.util.Arrays;

/**
 * Cuts a recording as the assistant loop cuts a command captured after a plain reset (the answer to a
 * follow-up question: the first speech is the command): the loop's {@link CommandEndpointer} hears the
 * recording one 80 ms frame at a time, and the recogniser would get the audio from where the endpointer
 * says the command began to the end of the frame in which it said the command ended, as
 * {@code AssistantLoop} hands it over. No speech before the start timeout, or speech past the maximum
 * length, is a command the loop gives up on ("Sorry..."): nothing is recognised. A recording that ends
 * while the endpointer still hears speech is cut at its end and marked {@link Ending#UNENDED} (a
 * microphone would have gone on hearing the room). Cost: the endpointer's (2 or 3 Silero VAD inferences
 * per frame); one frame buffer per instance. Not thread-safe.
 */
public final class LoopEndpointing {

    /** How the endpointer ended the capture. */
    public enum Ending {
        /** Silence after speech ended the command. */
        ENDED(true),
        /** The recording ran out while the endpointer heard speech. */
        UNENDED(true),
        /** No speech began within the start timeout (or before the recording ran out): rejected. */
        NO_SPEECH(false),
        /** Speech ran past the maximum length: rejected. */
        TOO_LONG(false);

        private final boolean recognised;

        Ending(boolean recognised) {
            this.recognised = recognised;
        }

        /** Whether the loop hands the cut audio to the recogniser (otherwise it gives up on the command). */
        public boolean recognised() {
            return recognised;
        }
    }

    /** The audio {@code [from, to)} of a recording the recogniser gets, in samples, and how the capture ended. */
    public record Cut(int from, int to, Ending ending) {
        /** The cut audio of {@code pcm}, or null when the loop recognises nothing. */
        public short[] of(short[] pcm) {
            return ending.recognised() ? Arrays.copyOfRange(pcm, from, to) : null;
        }
    }

    private final CommandEndpointer endpointer;
    private final short[] frame = new short[PcmFormat.FRAME_SAMPLES];

    /** Cuts with {@code endpointer} (not closed here). */
    public LoopEndpointing(CommandEndpointer endpointer) {
        this.endpointer = endpointer;
    }

    /** Where the loop would cut the command in {@code pcm}. */
    public Cut cut(short[] pcm) {
        endpointer.reset();
        int from = -1;
        for (int at = 0; at < pcm.length; at += PcmFormat.FRAME_SAMPLES) {
            int n = Math.min(PcmFormat.FRAME_SAMPLES, pcm.length - at);
            System.arraycopy(pcm, at, frame, 0, n);
            Arrays.fill(frame, n, frame.length, (short) 0);
            CommandEndpointer.Status status = endpointer.process(frame);
            if (from < 0 && status != CommandEndpointer.Status.WAITING && status != CommandEndpointer.Status.NO_SPEECH) {
                // as AssistantLoop: from where the endpointer says the command began, never before the capture
                from = (int) Math.max(0, Math.min(at, endpointer.commandStartSample()));
            }
            int end = at + n;
            switch (status) {
                case ENDED -> {
                    return new Cut(from, end, Ending.ENDED);
                }
                case TOO_LONG -> {
                    return new Cut(from, end, Ending.TOO_LONG);
                }
                case NO_SPEECH -> {
                    return new Cut(0, end, Ending.NO_SPEECH);
                }
                default -> {
                }
            }
        }
        return from < 0 ? new Cut(0, pcm.length, Ending.NO_SPEECH) : new Cut(from, pcm.length, Ending.UNENDED);
    }
}
