package dev.hark.runtime.eval;

import dev.hark.nlu.Slot;
import java.util.List;

/**
 * What one recogniser understood from one recording: its transcript, the intent (null when it
 * rejected the recording or the transcript names none) and the slots with their resolved values.
 */
public record Hypothesis(String transcript, String intent, List<Slot> slots) {
    /** Whether nothing at all was recognised. */
    public boolean empty() {
        return transcript.isBlank();
    }
}
