package dev.hark.speaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects a person's enrollment recordings and makes their {@link VoiceProfile}. Short recordings
 * count together: each must hold at least {@link #MIN_RECORDING_SPEECH_SECONDS} of speech and must not
 * be silent, and all of them together at least {@link #MIN_TOTAL_SPEECH_SECONDS}. A bad recording is
 * refused with a {@link SpeakerInputException} naming it and the problem, and the enrollment goes on
 * without it only if the caller chooses so; {@link #missingSeconds()} says how much more speech is
 * needed. Costs one embedding per recording.
 */
public final class Enrollment {
    /** Speech one enrollment recording needs (about one short word). */
    public static final double MIN_RECORDING_SPEECH_SECONDS = 0.3;
    /** Speech all recordings together need: less gives a voice print too noisy to name people by. */
    public static final double MIN_TOTAL_SPEECH_SECONDS = 3.0;

    private final SpeakerEmbedder embedder;
    private final String name;
    private final List<float[]> embeddings = new ArrayList<>();
    private double speechSeconds;

    public Enrollment(SpeakerEmbedder embedder, String name) {
        VoiceProfile.checkName(name);
        this.embedder = embedder;
        this.name = name;
    }

    /**
     * Embeds one recording; {@code source} names it in a refusal ("alice-1.wav: silent (...)").
     *
     * @return the seconds of speech it held
     */
    public double add(String source, short[] pcm16k) {
        FbankFrontend.Features f = embedder.features(pcm16k);
        try {
            embedder.check(f, MIN_RECORDING_SPEECH_SECONDS);
        } catch (SpeakerInputException e) {
            throw new SpeakerInputException(source + ": " + e.getMessage());
        }
        embeddings.add(embedder.embed(f));
        double seconds = f.speechSeconds(embedder.description().frontend());
        speechSeconds += seconds;
        return seconds;
    }

    /** The person being enrolled. */
    public String name() {
        return name;
    }

    /** Recordings accepted so far. */
    public int size() {
        return embeddings.size();
    }

    /** Seconds of speech in the accepted recordings. */
    public double speechSeconds() {
        return speechSeconds;
    }

    /** Seconds of speech still needed before {@link #profile()} can be made (0 when enough). */
    public double missingSeconds() {
        return Math.max(0, MIN_TOTAL_SPEECH_SECONDS - speechSeconds);
    }

    /**
     * The profile of the accepted recordings; refuses, saying how much more speech is needed, while
     * they hold less than {@link #MIN_TOTAL_SPEECH_SECONDS}.
     */
    public VoiceProfile profile() {
        if (missingSeconds() > 0) {
            throw new SpeakerInputException(String.format(Locale.ROOT,
                    "not enough speech to enroll %s: %.1f s in %d recording%s, %.1f s are needed (about %.1f s more)",
                    name, speechSeconds, embeddings.size(), embeddings.size() == 1 ? "" : "s",
                    MIN_TOTAL_SPEECH_SECONDS, Math.max(0.1, missingSeconds())));
        }
        return VoiceProfile.of(name, embedder.description().profileModel(), embeddings.toArray(new float[0][]), speechSeconds);
    }
}
