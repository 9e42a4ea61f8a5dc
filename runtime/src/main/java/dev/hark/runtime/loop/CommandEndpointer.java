package dev.hark.runtime.loop;

/**
 * The loop's view of command capture after a wake word: voice activity decides when the command
 * starts and ends. Speech still under way when the wake word fires is the wake word's own; the command
 * is the next speech after a pause, or speech that runs on from the wake word without one. Implemented
 * over hark-wakeword's Silero end-of-speech detector.
 */
public interface CommandEndpointer extends AutoCloseable {

    /** Where the command stands after a frame. */
    enum Status {
        /** No speech yet (or only the wake word's), still inside the start timeout. */
        WAITING,
        /** Speech is under way, or silence shorter than the end-of-speech stretch. */
        SPEAKING,
        /** Speech ended with the configured stretch of silence. */
        ENDED,
        /** No speech started before the start timeout. */
        NO_SPEECH,
        /** Speech reached the maximum command length. */
        TOO_LONG
    }

    /** Processes one 80 ms frame. */
    Status process(short[] frame);

    /** Starts a new command with nothing heard before it (a follow-up question's answer). */
    void reset();

    /**
     * Starts a new command right after {@code length} samples of {@code pcm} from {@code offset}: the
     * audio up to the wake word's detection, which tells whether the wake word's speech is still under way.
     */
    void resetAfter(short[] pcm, int offset, int length);

    /**
     * Once speech has started: the sample, counted from the (re)set, where the command's audio begins,
     * with a little lead before its first word; negative when it lies in the audio given to
     * {@link #resetAfter}.
     */
    long commandStartSample();

    @Override
    void close();
}
