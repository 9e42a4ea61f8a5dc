package dev.hark.skill;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a skill answers: say something and end, ask a follow-up question and keep listening for one more
 * command restricted to given intents (Snips "continue session"), or end silently.
 */
public final class Response {
    private static final Response SILENT = new Response(null, Set.of(), false);

    private final String text;
    private final Set<String> followUpIntents;
    private final boolean continueSession;

    private Response(String text, Set<String> followUpIntents, boolean continueSession) {
        this.text = text;
        this.followUpIntents = followUpIntents;
        this.continueSession = continueSession;
    }

    /** Say this text, then the conversation ends. */
    public static Response say(String text) {
        return new Response(requireText(text), Set.of(), false);
    }

    /**
     * Say this question, then listen for one more command without the wake word; only the given intents
     * are accepted as the answer (any of the skill's or other skills' intents may be named).
     */
    public static Response ask(String question, String... intents) {
        if (intents.length == 0) {
            throw new IllegalArgumentException("a follow-up question needs at least one intent to accept");
        }
        return new Response(requireText(question), Set.of(intents), true);
    }

    /** End without saying anything (the "done" sound still plays). */
    public static Response silent() {
        return SILENT;
    }

    private static String requireText(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("text to say is blank; use Response.silent()");
        }
        return text;
    }

    /** The text to speak, if any. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** True when Hark should listen for a follow-up command without the wake word. */
    public boolean continueSession() {
        return continueSession;
    }

    /** The intents accepted as the follow-up; empty unless {@link #continueSession()}. */
    public Set<String> followUpIntents() {
        return followUpIntents;
    }

    @Override
    public String toString() {
        if (text == null) {
            return "Response[silent]";
        }
        return "Response[" + (continueSession ? "ask \"" + text + "\" " + followUpIntents : "say \"" + text + "\"") + "]";
    }
}
