package dev.hark.runtime.loop;

/**
 * The loop's view of speaker identification: who, of the enrolled household, said the wake word and
 * command. Implemented over hark-speaker.
 */
public interface SpeakerStage extends AutoCloseable {

    /** The best enrolled speaker ({@code speaker} null when nobody clears the threshold) and its score. */
    record Match(String speaker, double score) {
    }

    /** Identifies the speaker of {@code pcm[0..length)} (16 kHz mono). */
    Match identify(short[] pcm, int length);

    @Override
    void close();
}
