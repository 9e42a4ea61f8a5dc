package dev.hark.runtime.skills;

import dev.hark.skill.Response;
import java.util.Optional;

/**
 * What came of handing one intent to a skill: the response to play (the skill's own, or an apology) and
 * how it went, for the assistant's event log.
 *
 * @param skill     the skill that was called; empty when no skill declares the intent
 * @param outcome   how the call ended
 * @param response  what to say: the skill's response when {@link Outcome#HANDLED}, else a short apology
 * @param error     what went wrong, one line; empty when handled
 * @param elapsedMs how long the call took, in milliseconds
 */
public record DispatchResult(Optional<String> skill, Outcome outcome, Response response, Optional<String> error,
                             double elapsedMs) {

    /** How a dispatch ended. */
    public enum Outcome {
        /** The skill answered in time. */
        HANDLED,
        /** The skill threw an exception. */
        FAILED,
        /** The skill did not answer within the time limit. */
        TIMED_OUT,
        /** No running skill declares the intent. */
        NO_SKILL
    }
}
