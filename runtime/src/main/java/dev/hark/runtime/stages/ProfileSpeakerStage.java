package dev.hark.runtime.stages;

import dev.hark.runtime.loop.SpeakerStage;
import dev.hark.speaker.ProfileStore;
import dev.hark.speaker.SpeakerEmbedder;
import dev.hark.speaker.SpeakerIdentifier;
import dev.hark.speaker.SpeakerInputException;
import dev.hark.speaker.SpeakerMatch;
import dev.hark.speaker.SpeakerModelDescription;
import dev.hark.speaker.VoiceProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The loop's speaker stage over hark-speaker's {@link SpeakerIdentifier} and the household's voice
 * profiles. With no profile enrolled it loads no model and every command's speaker is unknown.
 * The speaker model is loaded at the first command, not at start-up: a device that listens without
 * being spoken to never holds it (its ONNX session is about 5 MB of the 128 MB budget; see
 * docs/benchmarks/runtime.md), and the first command pays its load once (about 0.14 s on the build machine).
 * The loop runs the model's int8 variant: on the held-out test speakers and FSDD it identifies as the
 * float one does (docs/benchmarks/speaker.md) and holds about 6 MB less.
 * Cost per command: one embedding of the wake word and command audio (a few milliseconds per second).
 */
public final class ProfileSpeakerStage implements SpeakerStage {
    private final List<VoiceProfile> profiles;
    private final Consumer<String> warnings;
    private SpeakerIdentifier identifier;
    private boolean modelBroken;

    private ProfileSpeakerStage(List<VoiceProfile> profiles, Consumer<String> warnings) {
        this.profiles = profiles;
        this.warnings = warnings;
    }

    /**
     * Loads the profiles of {@code store}; corrupt ones are reported to {@code warnings} and skipped.
     * The store is read against the built-in model's description first, so that with nobody enrolled
     * (the default) no ONNX session is created at start-up only to be thrown away.
     */
    public static ProfileSpeakerStage open(Path store, Consumer<String> warnings) throws IOException {
        ProfileStore profiles = new ProfileStore(store);
        SpeakerModelDescription model = SpeakerModelDescription.builtIn();
        ProfileStore.Contents contents = profiles.load(model.profileModel(), model.embeddingDim());
        contents.problems().forEach(p -> warnings.accept("voice profile skipped: " + p));
        return new ProfileSpeakerStage(contents.profiles(), warnings);
    }

    /** Whether anyone is enrolled; when nobody is, identification has nothing to tell. */
    public boolean hasProfiles() {
        return !profiles.isEmpty();
    }

    /**
     * Synchronized: a base with satellites shares one identifier among its sites' loops. If the
     * built-in speaker model cannot be loaded (a broken installation), that is reported once to the
     * warnings and every speaker is unknown from then on: commands still reach their skills.
     */
    @Override
    public synchronized Match identify(short[] pcm, int length) {
        if (profiles.isEmpty() || modelBroken) {
            return new Match(null, 0);
        }
        if (identifier == null) {
            try {
                identifier = SpeakerIdentifier.builder().profiles(profiles).variant(SpeakerEmbedder.Variant.INT8).build();
            } catch (IOException e) {
                modelBroken = true;
                warnings.accept("speaker identification off: cannot load the speaker model: " + e.getMessage());
                return new Match(null, 0);
            }
        }
        try {
            SpeakerMatch m = identifier.identify(Arrays.copyOf(pcm, length));
            return new Match(m.speaker(), Double.isNaN(m.score()) ? 0 : m.score());
        } catch (SpeakerInputException tooLittleSpeech) {
            return new Match(null, 0);
        }
    }

    @Override
    public synchronized void close() {
        if (identifier != null) {
            identifier.close();
        }
    }
}
