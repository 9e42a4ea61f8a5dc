package dev.hark.runtime.stages;

import dev.hark.runtime.loop.CommandEndpointer;
import dev.hark.wakeword.EndOfSpeechDetector;

/** The loop's endpointer over hark-wakeword's Silero {@link EndOfSpeechDetector}. */
public final class VadEndpointer implements CommandEndpointer {
    private final EndOfSpeechDetector detector;

    public VadEndpointer(EndOfSpeechDetector detector) {
        this.detector = detector;
    }

    @Override
    public Status process(short[] frame) {
        return switch (detector.process(frame)) {
            case WAITING_FOR_SPEECH -> Status.WAITING;
            case SPEAKING -> Status.SPEAKING;
            case ENDED -> Status.ENDED;
            case NO_SPEECH -> Status.NO_SPEECH;
            case MAX_LENGTH -> Status.TOO_LONG;
        };
    }

    @Override
    public void reset() {
        detector.reset();
    }

    @Override
    public void resetAfter(short[] pcm, int offset, int length) {
        detector.resetAfter(pcm, offset, length);
    }

    @Override
    public long commandStartSample() {
        return detector.commandStartSample();
    }

    @Override
    public void close() {
        detector.close();
    }
}
