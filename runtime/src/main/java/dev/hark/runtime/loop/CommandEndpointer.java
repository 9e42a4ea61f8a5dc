package dev.hark.runtime.loop;

/**
 * The loop's view of command capture after a wake word: voice activity decides when the command
 * starts and ends. Implemented over hark-wakeword's Silero end-of-speech detector.
 */
public interface CommandEndpointer extends AutoCloseable {

    /** Where the command stands after a frame. */
    enum Status {
        /** No speech yet, still inside the start timeout. */
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

    /** Starts a new command. */
    void reset();

    @Override
    void close();
}
