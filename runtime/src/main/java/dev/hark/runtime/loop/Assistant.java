package dev.hark.runtime.loop;

import dev.hark.asr.GrammarRecognizer;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.GrammarException;
import dev.hark.audio.AudioSource;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetException;
import dev.hark.nlu.dataset.DatasetLoader;
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
import dev.hark.runtime.stages.AcousticModelChoice;
import dev.hark.runtime.stages.SpeechUnderstanding;
import dev.hark.runtime.stages.VadEndpointer;
import dev.hark.runtime.stages.WakeModels;
import dev.hark.runtime.stages.WakeWordScorer;
import dev.hark.runtime.stages.WakeWordStage;
import dev.hark.wakeword.EndOfSpeechDetector;
import dev.hark.wakeword.ModelLoadException;
import dev.hark.wakeword.WakeWordDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every stage of the assistant, built from one {@link HarkConfig} and owned together: feedback, the
 * skills and their dispatcher, the recogniser compiled from the skills' intents, the wake-word
 * detector, the endpointer and the speaker identifier. Building one loads the models and compiles (or loads the cached)
 * grammar: about a second; closing it releases them in reverse order. A configuration reload builds
 * a new one and closes the old one only when the new one built.
 *
 * <p>With the Hermes bridge on, the recogniser also hears the intents of {@code mqtt.intents} (handled by
 * actions on the bus), and each satellite of {@code mqtt.satellites} gets its own wake-word detector,
 * endpointer, recogniser (its own acoustic model: the scorer keeps per-stream state) and feedback that
 * plays on the satellite; the skills, the dispatcher and the speaker identifier are shared.
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
    private final Map<String, Site> satellites = new LinkedHashMap<>();

    /** The streaming stages, the loudspeaker and what it says, of one satellite. */
    private record Site(WakeWordStage wake, VadEndpointer endpointer, SpeechUnderstanding recognizer, Feedback feedback,
                        OwnVoice ownVoice) {
    }

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
        return open(config, root, warnings, null);
    }

    /**
     * As {@link #open(HarkConfig, Path, Consumer)}, plus the stages of every satellite of
     * {@code mqtt.satellites}, whose feedback plays on {@code satelliteSpeakers.apply(siteId)}.
     */
    public static Assistant open(HarkConfig config, Path root, Consumer<String> warnings,
                                 Function<String, AudioOutput> satelliteSpeakers) throws IOException {
        Assistant a = new Assistant(config);
        try {
            a.build(root, warnings, satelliteSpeakers);
            return a;
        } catch (IOException | RuntimeException e) {
            a.close();
            throw e;
        }
    }

    private void build(Path root, Consumer<String> warnings, Function<String, AudioOutput> satelliteSpeakers)
            throws IOException {
        zone = config.skills.timeZone == null ? ZoneId.systemDefault() : ZoneId.of(config.skills.timeZone);
        Clock clock = startingAt(System.getProperty("hark.clock"), Clock.system(zone));
        Path modelsDir = HarkConfig.path(root, config.models.dir);

        ProcessSpeechSynthesizer voice = speech(warnings);
        // a second detector of the same keywords scores Hark's own answers, to tell its voice from a person's
        WakeWordScorer ownScorer = own(new WakeWordScorer(wakeDetector(root, modelsDir).voiceActivityGate(0).build()));
        ownVoice = new OwnVoice(ownScorer);
        feedback = own(Feedback.builder().output(output(root, warnings)).speech(voice).playbackListener(ownVoice).build());
        SkillCatalog catalog;
        try {
            catalog = own(SkillCatalog.load(HarkConfig.path(root, config.skills.folder)));
        } catch (SkillLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
        SkillHost host = own(SkillHost.start(catalog, new SkillHost.Options(
                HarkConfig.path(root, config.skills.stateFolder), clock, config.skills.settings, feedback)));
        dispatcher = own(new Dispatcher(host, Duration.ofMillis(config.skills.timeLimitMs)));

        Dataset assistant;
        try {
            assistant = host.assistant(actionIntents(root));
        } catch (IllegalArgumentException e) {
            throw new IOException(HarkConfig.path(root, config.mqtt.intents) + ": " + e.getMessage(), e);
        }
        recognizer = own(recognizer(assistant, root, clock));
        if (!recognizer.guessedWords().isEmpty()) {
            warnings.accept("not in the dictionary, pronounced by letter-to-sound: " + String.join(", ", recognizer.guessedWords()));
        }
        wake = own(wake(root, modelsDir));
        endpointer = own(endpointer(modelsDir));
        if (config.speaker.enabled) {
            ProfileSpeakerStage stage = ProfileSpeakerStage.open(HarkConfig.path(root, config.speaker.store), warnings);
            // with nobody enrolled, commands carry no speaker event rather than a meaningless "unknown"
            speaker = stage.hasProfiles() ? own(stage) : null;
        }
        if (config.mqtt.enabled && satelliteSpeakers != null) {
            for (String site : config.mqtt.satellites) {
                OwnVoice heard = new OwnVoice(ownScorer);
                satellites.put(site, new Site(own(wake(root, modelsDir)), own(endpointer(modelsDir)),
                        own(recognizer(assistant, root, clock)),
                        own(Feedback.builder().output(satelliteSpeakers.apply(site)).speech(voice).playbackListener(heard).build()),
                        heard));
            }
        }
    }

    /** The intents Hermes actions handle ({@code mqtt.intents}), or null when there are none. */
    private Dataset actionIntents(Path root) throws IOException {
        if (!config.mqtt.enabled || config.mqtt.intents == null) {
            return null;
        }
        Path file = HarkConfig.path(root, config.mqtt.intents);
        try {
            return DatasetLoader.load(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(file + ": Hermes actions' intents not found (mqtt.intents)", e);
        } catch (DatasetException e) {
            throw new IOException(file + ": bad Hermes actions' intents (mqtt.intents): " + String.join("; ", e.problems()), e);
        }
    }

    private SpeechUnderstanding recognizer(Dataset assistant, Path root, Clock clock) throws IOException {
        Path skillsFolder = HarkConfig.path(root, config.skills.folder);
        Path pronunciations = config.skills.pronunciations != null
                ? HarkConfig.path(root, config.skills.pronunciations)
                : Files.isRegularFile(skillsFolder.resolve("pronunciations.dict")) ? skillsFolder.resolve("pronunciations.dict") : null;
        try {
            return SpeechUnderstanding.build(assistant, AcousticModelChoice.named(config.asr.acousticModel),
                    GrammarRecognizer.Builder.DEFAULT_MODEL,
                    GrammarRecognizer.Builder.DEFAULT_DICTIONARY, pronunciations, HarkConfig.path(root, config.models.cache),
                    FrontendConfig.CmnMode.LIVE, clock);
        } catch (GrammarException e) {
            throw new IOException("the installed skills' intents: " + e.getMessage(), e);
        }
    }

    private WakeWordStage wake(Path root, Path modelsDir) throws IOException {
        return new WakeWordStage(wakeDetector(root, modelsDir).build());
    }

    /** A detector builder for the configured keyword models and front-end precision. */
    private WakeWordDetector.Builder wakeDetector(Path root, Path modelsDir) throws ModelLoadException {
        WakeWordDetector.Builder wb = WakeWordDetector.builder().modelDirectory(modelsDir)
                .refractorySeconds(config.wake.refractorySeconds).embeddingBatch(config.wake.embeddingBatch);
        switch (config.wake.gate) {
            case "level" -> wb.levelGateOnly();
            case "vad" -> wb.voiceActivityGate((float) config.wake.vadGate);
            default -> wb.voiceActivityGate(0);
        }
        WakeModels.frontEnd(wb,
                WakeModels.melFile(config.wake.precision.melspectrogram),
                config.wake.precision.embeddingVariant(config.wake.models.stream().map(m -> m.name).toList()),
                HarkConfig.Precision.SCREEN_THRESHOLD);
        for (HarkConfig.WakeModel m : config.wake.models) {
            WakeModels.add(wb, m.name, m.threshold == null ? null : m.threshold.floatValue(), v -> HarkConfig.path(root, v));
        }
        return wb;
    }

    private VadEndpointer endpointer(Path modelsDir) throws IOException {
        return endpointer(modelsDir, config.command);
    }

    /** The loop's endpointer with the VAD model in {@code modelsDir} and the given command capture settings. */
    public static VadEndpointer endpointer(Path modelsDir, HarkConfig.Command command) throws IOException {
        return new VadEndpointer(EndOfSpeechDetector.builder().modelDirectory(modelsDir)
                .startTimeoutMillis(command.startTimeoutMs).endSilenceMillis(command.endSilenceMs)
                .maxLengthMillis(command.maxLengthMs).build());
    }

    /**
     * The system clock, or, when {@code start} (the system property {@code hark.clock}, an ISO local
     * date-time such as {@code 2026-01-05T09:30:00}) is given, a clock that stands still at that time:
     * for checks that compare two runs (scripts/arm64-check.sh, where the emulated run takes minutes),
     * whose answers that tell the time must not depend on when each run reached them. Timers set under
     * it never become due.
     */
    static Clock startingAt(String start, Clock system) {
        if (start == null) {
            return system;
        }
        java.time.Instant at;
        try {
            at = java.time.LocalDateTime.parse(start).atZone(system.getZone()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("-Dhark.clock=" + start + ": not a date and time like 2026-01-05T09:30:00");
        }
        return Clock.fixed(at, system.getZone());
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
    public AssistantLoop loop(AudioSource source, EventLog events, long startSamples) {
        return loop(source, events, startSamples, DialogueLink.none());
    }

    /** As {@link #loop(AudioSource, EventLog, long)}, connected to the world outside by {@code link}. */
    public AssistantLoop loop(AudioSource source, EventLog events, long startSamples, DialogueLink link) {
        return loop(source, events, startSamples, link, wake, endpointer, recognizer, feedback, ownVoice);
    }

    /** The loop of satellite {@code siteId} (one of {@code mqtt.satellites}) over its audio, with its own stages. */
    public AssistantLoop satelliteLoop(String siteId, AudioSource source, EventLog events, long startSamples,
                                       DialogueLink link) {
        Site s = satellites.get(siteId);
        if (s == null) {
            throw new IllegalArgumentException("no stages for satellite " + siteId);
        }
        return loop(source, events, startSamples, link, s.wake(), s.endpointer(), s.recognizer(), s.feedback(), s.ownVoice());
    }

    private AssistantLoop loop(AudioSource source, EventLog events, long startSamples, DialogueLink link,
                               WakeStage w, CommandEndpointer e, CommandRecognizer r, Feedback f, OwnVoice o) {
        return AssistantLoop.builder().source(source).events(events).wake(w).endpointer(e)
                .recognizer(r).speaker(speaker).dispatcher(dispatcher).feedback(f).ownVoice(o).zone(zone)
                .maxCommandSeconds(config.command.maxLengthMs / 1000.0).startSamples(startSamples)
                .dialogue(link).build();
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
        for (Site s : satellites.values()) {
            s.feedback().awaitIdle(timeout);
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
