package dev.hark.speaker;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a person's enrollment utterances and makes their {@link VoiceProfile}. Each utterance
 * must hold at least {@link #MIN_SPEECH_SECONDS} of speech and must not be silent; a bad one is
 * refused with a {@link SpeakerInputException} naming the utterance and the problem, and the
 * enrollment goes on without it only if the caller chooses so. Costs one embedding per utterance.
 */
public final class Enrollment {
    /** Speech an enrollment utterance needs: shorter ones give noisy voice prints. */
    public static final double MIN_SPEECH_SECONDS = 1.0;

    private final SpeakerEmbedder embedder;
    private final String name;
    private final List<float[]> embeddings = new ArrayList<>();
    private double speechSeconds;

    public Enrollment(SpeakerEmbedder embedder, String name) {
        VoiceProfile.checkName(name);
        this.embedder = embedder;
        this.name = name;
    }

    /** Embeds one utterance; {@code source} names it in a refusal ("alice-1.wav: silent (...)"). */
    public void add(String source, short[] pcm16k) {
        FbankFrontend.Features f = embedder.features(pcm16k);
        try {
            embedder.check(f, MIN_SPEECH_SECONDS);
        } catch (SpeakerInputException e) {
            throw new SpeakerInputException(source + ": " + e.getMessage());
        }
        embeddings.add(embedder.embed(f));
        speechSeconds += f.speechSeconds(embedder.description().frontend());
    }

    /** Utterances accepted so far. */
    public int size() {
        return embeddings.size();
    }

    /** The profile of the accepted utterances. */
    public VoiceProfile profile() {
        if (embeddings.isEmpty()) {
            throw new IllegalStateException("no enrollment utterance was accepted");
        }
        return VoiceProfile.of(name, embedder.description().name(), embeddings.toArray(new float[0][]), speechSeconds);
    }
}
