package dev.hark.runtime.skills;

import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.skill.IntentRequest;
import java.time.ZoneId;

/** Builds the request a skill receives from what the intent parser understood. */
public final class IntentRequests {
    private IntentRequests() {
    }

    /**
     * The request for a parse that found an intent: its slots with values as JDK types (times in
     * {@code zone}), the parsed text as transcript, and who spoke ({@code speaker} null: unknown).
     *
     * @throws IllegalArgumentException when the parse matched no intent
     */
    public static IntentRequest from(ParseResult parse, double confidence, String speaker, ZoneId zone) {
        if (parse.intentName() == null) {
            throw new IllegalArgumentException("\"" + parse.input() + "\" matched no intent");
        }
        IntentRequest.Builder b = IntentRequest.builder(parse.intentName())
                .transcript(parse.input())
                .confidence(Math.max(0, Math.min(1, confidence)))
                .speaker(speaker);
        for (Slot s : parse.slots()) {
            b.slot(s.slotName(), s.entity(), s.rawValue(), SlotValues.toJava(s.value(), zone));
        }
        return b.build();
    }
}
