package dev.hark.skill;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One understood command handed to a skill: the intent, its slots with typed values, who spoke (when the
 * household's voices are enrolled), what was heard and how sure the recogniser was. Immutable; build one
 * with {@link #builder(String)} (Hark does, and so do a skill's tests).
 */
public final class IntentRequest {
    private final String intentName;
    private final List<Slot> slots;
    private final String transcript;
    private final double confidence;
    private final String speaker;

    private IntentRequest(Builder b) {
        this.intentName = b.intentName;
        this.slots = List.copyOf(b.slots);
        this.transcript = b.transcript;
        this.confidence = b.confidence;
        this.speaker = b.speaker;
    }

    /** Starts a request for the named intent. */
    public static Builder builder(String intentName) {
        return new Builder(intentName);
    }

    /** The intent name as declared in the skill's dataset ({@code "setTimer"}). */
    public String intentName() {
        return intentName;
    }

    /** All filled slots, in the order they were heard. */
    public List<Slot> slots() {
        return slots;
    }

    /** The first slot with this name, if it was filled. */
    public Optional<Slot> slot(String name) {
        for (Slot s : slots) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The numeric value of a number, ordinal, percentage or temperature slot. */
    public OptionalDouble number(String name) {
        Optional<Number> n = typed(name, Number.class);
        return n.isPresent() ? OptionalDouble.of(n.get().doubleValue()) : OptionalDouble.empty();
    }

    /** The value of a {@code snips/duration} slot. */
    public Optional<Duration> duration(String name) {
        return typed(name, Duration.class);
    }

    /** The value of a {@code snips/datetime} slot. */
    public Optional<ZonedDateTime> dateTime(String name) {
        return typed(name, ZonedDateTime.class);
    }

    /** The value of a custom-entity slot (its canonical value), or the raw words of any other slot. */
    public Optional<String> text(String name) {
        return slot(name).map(s -> s.value() instanceof String v ? v : s.rawValue());
    }

    private <T> Optional<T> typed(String name, Class<T> type) {
        return slot(name).map(Slot::value).filter(type::isInstance).map(type::cast);
    }

    /** What the recogniser heard, in lower-case words; empty when the command came as text. */
    public String transcript() {
        return transcript;
    }

    /** How sure the recogniser and parser were, 0 to 1. */
    public double confidence() {
        return confidence;
    }

    /** The enrolled person who spoke, or empty when unknown or not enrolled. */
    public Optional<String> speaker() {
        return Optional.ofNullable(speaker);
    }

    @Override
    public String toString() {
        return "IntentRequest[" + intentName + " " + slots + " \"" + transcript + "\" " + confidence
                + (speaker == null ? "" : " by " + speaker) + "]";
    }

    /** Builds an {@link IntentRequest}; confidence defaults to 1, transcript to empty, speaker to none. */
    public static final class Builder {
        private final String intentName;
        private final List<Slot> slots = new ArrayList<>();
        private String transcript = "";
        private double confidence = 1.0;
        private String speaker;

        private Builder(String intentName) {
            this.intentName = Objects.requireNonNull(intentName, "intentName");
        }

        /** Adds a filled slot. */
        public Builder slot(Slot slot) {
            slots.add(Objects.requireNonNull(slot, "slot"));
            return this;
        }

        /** Adds a filled slot from its parts. */
        public Builder slot(String name, String entity, String rawValue, Object value) {
            return slot(new Slot(name, entity, rawValue, value));
        }

        /** Sets what was heard. */
        public Builder transcript(String transcript) {
            this.transcript = Objects.requireNonNull(transcript, "transcript");
            return this;
        }

        /** Sets the confidence, 0 to 1. */
        public Builder confidence(double confidence) {
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
            }
            this.confidence = confidence;
            return this;
        }

        /** Sets who spoke; null for unknown. */
        public Builder speaker(String speaker) {
            this.speaker = speaker;
            return this;
        }

        /** The request. */
        public IntentRequest build() {
            return new IntentRequest(this);
        }
    }
}
