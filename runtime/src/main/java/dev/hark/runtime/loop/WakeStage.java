package dev.hark.runtime.loop;

/**
 * The loop's view of the wake-word stage: one 80 ms frame in, a detection or nothing out. Implemented
 * over hark-wakeword's detector; tests script it.
 */
public interface WakeStage extends AutoCloseable {

    /**
     * A wake word heard {@code lateFrames} frames before this one (0: in this frame; a time-batching
     * detector reports up to K - 1 frames late).
     */
    record Detection(String keyword, double score, int lateFrames) {
        /** A wake word heard in this frame. */
        public Detection(String keyword, double score) {
            this(keyword, score, 0);
        }
    }

    /** Processes one frame; returns the detection it completed, or null. Must not allocate per frame. */
    Detection process(short[] frame);

    /** Forgets buffered audio, e.g. after a command, so the command's own audio cannot fire. */
    void reset();

    @Override
    void close();
}
