package dev.hark.speaker;

import java.util.regex.Pattern;

/**
 * One enrolled household member: the unit-length mean of their enrollment embeddings, which
 * identification scores against, plus each enrollment embedding, so that a profile can be rescored
 * or re-averaged without the original audio. Embeddings belong to one model ({@link #model()}):
 * profiles of another model are not comparable. Immutable; the arrays must not be modified.
 *
 * @param name        the person's name as it appears in the {@code speaker} event
 * @param model       the embedding model that made the embeddings: its name and weights digest
 *                    ({@link SpeakerModelDescription#profileModel()})
 * @param mean        unit-length mean embedding
 * @param enrollments one unit-length embedding per enrollment utterance
 * @param speechSeconds seconds of speech the enrollment utterances held
 */
public record VoiceProfile(String name, String model, float[] mean, float[][] enrollments, double speechSeconds) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}");

    public VoiceProfile {
        checkName(name);
        if (enrollments.length == 0) {
            throw new IllegalArgumentException("a profile needs at least one enrollment embedding");
        }
        for (float[] e : enrollments) {
            if (e.length != mean.length) {
                throw new IllegalArgumentException("enrollment embeddings of " + e.length + " values, mean of " + mean.length);
            }
        }
    }

    /** A profile from enrollment embeddings (each unit length). */
    public static VoiceProfile of(String name, String model, float[][] enrollments, double speechSeconds) {
        return new VoiceProfile(name, model, Embeddings.mean(enrollments), enrollments, speechSeconds);
    }

    /** Refuses names that could not be a file name in a profile store (or would hide the file). */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.endsWith(".") || name.endsWith(" ")) {
            throw new IllegalArgumentException("bad speaker name \"" + name + "\": use 1-64 letters, digits, "
                    + "spaces, '_', '-' or '.', starting with a letter or digit");
        }
    }
}
