package dev.hark.runtime.loop;

import java.util.Set;

/**
 * A request from outside the assistant loop (the Hermes bridge: an action written in any language),
 * handed to the pipeline thread through the loop's queue and carried out between two frames. Requests
 * that name a session are ignored unless that session is the one under way and can take them, so a
 * request delivered twice (or too late) changes nothing. Small immutable records, a few per command.
 */
public sealed interface DialogueRequest {

    /** Speak {@code text}; {@code done} runs (on the feedback thread) once it has been played or dropped. */
    record Say(String text, Runnable done) implements DialogueRequest {
    }

    /**
     * Start session {@code sessionId} without the wake word: say {@code text} (may be null), then either
     * listen for one command restricted to {@code intents} (empty: any), or end at once when
     * {@code expectCommand} is false (a notification). When another session is under way the request
     * waits for it to end if {@code queueIfBusy}, else the new session ends at once with an error.
     * {@code reportNotUnderstood}: a command matching no intent is reported and answered from outside
     * instead of with Hark's apology.
     */
    record StartSession(String sessionId, String text, Set<String> intents, boolean expectCommand,
                        boolean reportNotUnderstood, boolean queueIfBusy) implements DialogueRequest {
    }

    /**
     * The outside answer to an intent of session {@code sessionId}: say {@code text} (may be null), then
     * listen for one more command, without the wake word, restricted to {@code intents} (empty: any).
     */
    record ContinueSession(String sessionId, String text, Set<String> intents, boolean reportNotUnderstood)
            implements DialogueRequest {
    }

    /** End session {@code sessionId}, saying {@code text} first when it is not null. */
    record EndSession(String sessionId, String text) implements DialogueRequest {
    }

    /** Turn wake-word detection off or on (Hermes hotword toggleOff / toggleOn). */
    record WakeWord(boolean enabled) implements DialogueRequest {
    }
}
