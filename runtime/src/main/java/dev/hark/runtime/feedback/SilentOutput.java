package dev.hark.runtime.feedback;

/**
 * Audio output that plays nothing: for headless machines and {@code feedback.output: "none"}, where
 * responses reach the user only as text in the event log.
 */
public final class SilentOutput implements AudioOutput {
    @Override
    public void play(AudioClip clip) {
    }

    @Override
    public void stop() {
    }

    @Override
    public void close() {
    }
}
