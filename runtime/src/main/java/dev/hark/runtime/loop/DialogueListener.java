package dev.hark.runtime.loop;

import dev.hark.nlu.ParseResult;

/**
 * What the assistant loop tells the world outside it about each conversation (a <em>session</em>: from
 * the wake word, or a start request, until Hark listens for the wake word again). The Hermes bridge
 * publishes these steps on MQTT. Every method is called on the pipeline thread, so an implementation
 * only hands the news on (queues it, publishes without waiting for the network) and never blocks.
 * Called a few times per command, never per frame; every method does nothing by default.
 */
public interface DialogueListener {
    /** Listens to nothing. */
    DialogueListener NONE = new DialogueListener() {
    };

    /** How a session ended (the Hermes termination reasons). */
    enum Ending {
        /** As planned: answered, or ended by request. */
        NOMINAL,
        /** The command matched no intent (or none of those allowed) and nobody asked to handle that. */
        INTENT_NOT_RECOGNIZED,
        /** No speech after the wake word, or no answer from an outside action in time. */
        TIMEOUT,
        /** A skill failed, the command was too long, or no skill handles the intent. */
        ERROR
    }

    /** The wake word {@code keyword} was heard with {@code score}; the session it opens starts next. */
    default void wakeWord(String sessionId, String keyword, double score) {
    }

    /** A session started (after the wake word, or from a {@link DialogueRequest.StartSession}). */
    default void sessionStarted(String sessionId) {
    }

    /** A start request waits for the session under way to end. */
    default void sessionQueued(String sessionId) {
    }

    /** What the recogniser heard, its confidence, and the seconds finishing recognition took. */
    default void transcript(String sessionId, String text, double confidence, double seconds) {
    }

    /**
     * A command understood as an intent; {@code speaker} is who said it (null when no voice is enrolled).
     * {@code awaitingAnswer}: no Java skill handles it, so the loop now waits for an outside answer
     * ({@link DialogueRequest.ContinueSession} or {@link DialogueRequest.EndSession}).
     */
    default void intent(String sessionId, ParseResult parse, double asrConfidence, SpeakerStage.Match speaker,
                        boolean awaitingAnswer) {
    }

    /**
     * A command that matched no intent. {@code awaitingAnswer}: the session asked to be told (and the loop
     * waits for its answer) rather than have Hark apologise.
     */
    default void notUnderstood(String sessionId, String text, boolean awaitingAnswer) {
    }

    /** The session ended; {@code error} says what went wrong when {@code ending} is ERROR, else null. */
    default void sessionEnded(String sessionId, Ending ending, String error) {
    }
}
