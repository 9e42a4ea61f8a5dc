package dev.hark.runtime.eval;

import java.util.List;

/**
 * How a {@link Hypothesis} compares with its label: whether it is right, what the recogniser did
 * with the recording, and what differed. A slot error has a null {@code expected} for an extra
 * slot and a null {@code heard} for a missing one; a wrong intent is reported as the slot
 * {@code "intent"}.
 */
public record Verdict(boolean right, Outcome outcome, List<SlotError> errors) {
    /** ACCEPTED: an intent came out; REJECTED: a transcript but no intent; EMPTY: no words at all. */
    public enum Outcome { ACCEPTED, REJECTED, EMPTY }

    /** One slot (or the intent) that differs from the label. */
    public record SlotError(String slot, String expected, String heard) {
    }
}
