package dev.hark.runtime.stages;

import dev.hark.runtime.loop.SpeakerStage;
import dev.hark.speaker.ProfileStore;
import dev.hark.speaker.SpeakerIdentifier;
import dev.hark.speaker.SpeakerInputException;
import dev.hark.speaker.SpeakerMatch;
import dev.hark.speaker.SpeakerModelDescription;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The loop's speaker stage over hark-speaker's {@link SpeakerIdentifier} and the household's voice
 * profiles. With no profile enrolled it loads no model and every command's speaker is unknown.
 * Cost per command: one embedding of the wake word and command audio (a few milliseconds per second).
 */
public final class ProfileSpeakerStage implements SpeakerStage {
    private final SpeakerIdentifier identifier;

    private ProfileSpeakerStage(SpeakerIdentifier identifier) {
        this.identifier = identifier;
    }

    /**
     * Loads the profiles of {@code store}; corrupt ones are reported to {@code warnings} and skipped.
     * The store is read against the built-in model's description first, so that with nobody enrolled
     * (the default) no ONNX session is created at start-up only to be thrown away.
     */
    public static ProfileSpeakerStage open(Path store, Consumer<String> warnings) throws IOException {
        ProfileStore profiles = new ProfileStore(store);
        SpeakerModelDescription model = SpeakerModelDescription.builtIn();
        ProfileStore.Contents contents = profiles.load(model.name(), model.embeddingDim());
        contents.problems().forEach(p -> warnings.accept("voice profile skipped: " + p));
        if (contents.profiles().isEmpty()) {
            return new ProfileSpeakerStage(null);
        }
        return new ProfileSpeakerStage(SpeakerIdentifier.builder().profiles(contents.profiles()).build());
    }

    /** Whether anyone is enrolled; when nobody is, identification has nothing to tell. */
    public boolean hasProfiles() {
        return identifier != null;
    }

    /** Synchronized: a base with satellites shares one identifier among its sites' loops. */
    @Override
    public synchronized Match identify(short[] pcm, int length) {
        if (identifier == null) {
            return new Match(null, 0);
        }
        try {
            SpeakerMatch m = identifier.identify(Arrays.copyOf(pcm, length));
            return new Match(m.speaker(), Double.isNaN(m.score()) ? 0 : m.score());
        } catch (SpeakerInputException tooLittleSpeech) {
            return new Match(null, 0);
        }
    }

    @Override
    public void close() {
        if (identifier != null) {
            identifier.close();
        }
    }
}
