package dev.hark.runtime.loop;

import dev.hark.asr.GrammarRecognizer;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.GrammarException;
import dev.hark.runtime.config.HarkConfig;
import dev.hark.runtime.feedback.AudioOutput;
import dev.hark.runtime.feedback.Feedback;
import dev.hark.runtime.feedback.ProcessSpeechSynthesizer;
import dev.hark.runtime.feedback.SilentOutput;
import dev.hark.runtime.feedback.SoundCardOutput;
import dev.hark.runtime.feedback.WavFolderOutput;
import dev.hark.runtime.skills.Dispatcher;
import dev.hark.runtime.skills.SkillCatalog;
import dev.hark.runtime.skills.SkillHost;
import dev.hark.runtime.skills.SkillLoadException;
import dev.hark.runtime.stages.ProfileSpeakerStage;
import dev.hark.runtime.stages.SpeechUnderstanding;
import dev.hark.runtime.stages.VadEndpointer;
import dev.hark.runtime.stages.WakeWordScorer;
import dev.hark.runtime.stages.WakeWordStage;
import dev.hark.wakeword.EndOfSpeechDetector;
import dev.hark.wakeword.WakeWordDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Every stage of the assistant, built from one {@link HarkConfig} and owned together: feedback, the
 * skills and their dispatcher, the recogniser compiled from the skills' intents, the wake-word
 * detector, the endpointer and the speaker identifier. Building one loads the models and compiles (or loads the cached)
 * grammar: about a second; closing it releases them in reverse order. A configuration reload builds
 * a new one and closes the old one only when the new one built.
 */
public final class Assistant implements AutoCloseable {
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final HarkConfig config;
    private Feedback feedback;
    private Dispatcher dispatcher;
    private SpeechUnderstanding recognizer;
    private WakeWordStage wake;
    private VadEndpointer endpointer;
    private OwnVoice ownVoice;
    private ProfileSpeakerStage speaker;
    private ZoneId zone;

    private Assistant(HarkConfig config) {
        this.config = config;
    }

    /**
     * Builds every stage. {@code warnings} receives one line per thing a person should know but that
     * does not stop Hark (a word pronounced by letter-to-sound, no speech synthesizer).
     *
     * @throws IOException with a one-line message naming the file, folder or model at fault
     */
    public static Assistant open(HarkConfig config, Path root, Consumer<String> warnings) throws IOException {
        Assistant a = new Assistant(config);
        try {
            a.build(root, warnings);
            return a;
        } catch (IOException | RuntimeException e) {
            a.close();
            throw e;
        }
    }

    private void build(Path root, Consumer<String> warnings) throws IOException {
        zone = config.skills.timeZone == null ? ZoneId.systemDefault() : ZoneId.of(config.skills.timeZone);
        Clock clock = Clock.system(zone);
        Path modelsDir = HarkConfig.path(root, config.models.dir);

        WakeWordDetector.Builder wb = wakeDetector(modelsDir, root);
        // a second detector of the same keywords scores Hark's own answers, to tell its voice from a person's
        ownVoice = new OwnVoice(own(new WakeWordScorer(wakeDetector(modelsDir, root).voiceActivityGate(0).build())));
        feedback = own(Feedback.builder().output(output(root, warnings)).speech(speech(warnings))
                .playbackListener(ownVoice).build());
        SkillCatalog catalog;
        try {
            catalog = own(SkillCatalog.load(HarkConfig.path(root, config.skills.folder)));
        } catch (SkillLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
        SkillHost host = own(SkillHost.start(catalog, new SkillHost.Options(
                HarkConfig.path(root, config.skills.stateFolder), clock, config.skills.settings, feedback)));
        dispatcher = own(new Dispatcher(host, Duration.ofMillis(config.skills.timeLimitMs)));

        Path skillsFolder = HarkConfig.path(root, config.skills.folder);
        Path pronunciations = config.skills.pronunciations != null
                ? HarkConfig.path(root, config.skills.pronunciations)
                : Files.isRegularFile(skillsFolder.resolve("pronunciations.dict")) ? skillsFolder.resolve("pronunciations.dict") : null;
        try {
            recognizer = own(SpeechUnderstanding.build(host.assistant(), GrammarRecognizer.Builder.DEFAULT_MODEL,
                    GrammarRecognizer.Builder.DEFAULT_DICTIONARY, pronunciations, HarkConfig.path(root, config.models.cache),
                    FrontendConfig.CmnMode.LIVE, clock));
        } catch (GrammarException e) {
            throw new IOException("the installed skills' intents: " + e.getMessage(), e);
        }
        if (!recognizer.guessedWords().isEmpty()) {
            warnings.accept("not in the dictionary, pronounced by letter-to-sound: " + String.join(", ", recognizer.guessedWords()));
        }

        wake = own(new WakeWordStage(wb.build()));
        endpointer = own(new VadEndpointer(EndOfSpeechDetector.builder().modelDirectory(modelsDir)
                .startTimeoutMillis(config.command.startTimeoutMs).endSilenceMillis(config.command.endSilenceMs)
                .maxLengthMillis(config.command.maxLengthMs).build()));
        if (config.speaker.enabled) {
            ProfileSpeakerStage stage = ProfileSpeakerStage.open(HarkConfig.path(root, config.speaker.store), warnings);
            // with nobody enrolled, commands carry no speaker event rather than a meaningless "unknown"
            speaker = stage.hasProfiles() ? own(stage) : null;
        }
    }

    /** A detector builder for the configured keyword models. */
    private WakeWordDetector.Builder wakeDetector(Path modelsDir, Path root) {
        WakeWordDetector.Builder wb = WakeWordDetector.builder().modelDirectory(modelsDir)
                .refractorySeconds(config.wake.refractorySeconds).voiceActivityGate((float) config.wake.vadGate);
        for (HarkConfig.WakeModel m : config.wake.models) {
            if (m.name.endsWith(".onnx")) {
                Path file = HarkConfig.path(root, m.name);
                wb.keyword(file.getFileName().toString().replaceFirst("\\.onnx$", ""), file, (float) m.threshold);
            } else {
                wb.pretrainedKeyword(m.name, (float) m.threshold);
            }
        }
        return wb;
    }

    private AudioOutput output(Path root, Consumer<String> warnings) throws IOException {
        return switch (config.feedback.output) {
            case "wav" -> new WavFolderOutput(HarkConfig.path(root, config.feedback.wavFolder));
            case "none" -> new SilentOutput();
            default -> {
                if (SoundCardOutput.available()) {
                    yield new SoundCardOutput();
                }
                warnings.accept("no sound output device: responses are shown, not played"
                        + " (set feedback.output to \"wav\" to keep them as files)");
                yield new SilentOutput();
            }
        };
    }

    private ProcessSpeechSynthesizer speech(Consumer<String> warnings) {
        ProcessSpeechSynthesizer found = switch (config.feedback.tts) {
            case "none" -> null;
            case "espeak-ng" -> ProcessSpeechSynthesizer.find(ProcessSpeechSynthesizer.Engine.ESPEAK_NG).orElse(null);
            case "flite" -> ProcessSpeechSynthesizer.find(ProcessSpeechSynthesizer.Engine.FLITE).orElse(null);
            default -> ProcessSpeechSynthesizer.find().orElse(null);
        };
        if (found == null && !config.feedback.tts.equals("none")) {
            warnings.accept("no text-to-speech program (" + (config.feedback.tts.equals("auto") ? "espeak-ng or flite"
                    : config.feedback.tts) + ") found: responses are shown, not spoken");
        }
        return found;
    }

    private <T extends AutoCloseable> T own(T resource) {
        opened.push(resource);
        return resource;
    }

    /** A loop over {@code source} with these stages, its stream clock starting at {@code startSamples}. */
    public AssistantLoop loop(dev.hark.audio.AudioSource source, EventLog events, long startSamples) {
        return AssistantLoop.builder().source(source).events(events).wake(wake).endpointer(endpointer)
                .recognizer(recognizer).speaker(speaker).dispatcher(dispatcher).feedback(feedback).ownVoice(ownVoice).zone(zone)
                .maxCommandSeconds(config.command.maxLengthMs / 1000.0).startSamples(startSamples).build();
    }

    /** The configuration these stages were built from. */
    public HarkConfig config() {
        return config;
    }

    /** Waits until queued responses have been played (files end before the last answer is spoken). */
    public void awaitFeedback(Duration timeout) throws InterruptedException {
        if (feedback != null) {
            feedback.awaitIdle(timeout);
        }
    }

    @Override
    public void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                System.getLogger(Assistant.class.getName()).log(System.Logger.Level.WARNING, "closing: " + e);
            }
        }
    }
}
