package dev.hark.runtime.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.hark.runtime.stages.AcousticModelChoice;
import dev.hark.runtime.stages.WakeModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hark's whole configuration, one JSON file. Every field has a default, so {@code hark run} works
 * with no file; {@link ConfigLoader} overlays a file on these defaults and {@link #validate} reports
 * bad values by JSON path. Public fields because Jackson binds them and nothing else writes them.
 */
@JsonPropertyOrder({"audio", "wake", "command", "asr", "skills", "feedback", "speaker", "models", "mqtt"})
public final class HarkConfig {
    public Audio audio = new Audio();
    public Wake wake = new Wake();
    public Command command = new Command();
    public Asr asr = new Asr();
    public Skills skills = new Skills();
    public Feedback feedback = new Feedback();
    public Speaker speaker = new Speaker();
    public Models models = new Models();
    public Mqtt mqtt = new Mqtt();

    /** Audio capture. */
    @JsonPropertyOrder({"microphone", "device", "ringBufferFrames"})
    public static final class Audio {
        /** Listen to a local microphone; false for a base that only serves satellites ({@link Mqtt#satellites}). */
        public boolean microphone = true;
        /** Part of the capture device's name; null for the system default microphone. */
        public String device;
        /** 80 ms frames buffered between capture and pipeline before the oldest is dropped. */
        public int ringBufferFrames = 64;
    }

    /** Wake words: which openWakeWord models listen, and how eagerly. */
    @JsonPropertyOrder({"models", "refractorySeconds", "gate", "vadGate", "precision", "embeddingBatch"})
    public static final class Wake {
        /**
         * Keyword models: Hark's own (hello_hark), a pre-trained openWakeWord name (hey_jarvis, alexa,
         * hey_mycroft, hey_rhasspy), a trained head's .json description or an .onnx path.
         */
        public List<WakeModel> models = new ArrayList<>(List.of(new WakeModel()));
        /** Seconds a keyword stays muted after it fired, so one utterance gives one detection. */
        public double refractorySeconds = 2.0;
        /**
         * What gates the embedding and keyword models: "level" (only within 1.28 s of a frame 6 dB above
         * the background level), "vad" (the level gate wakes Silero VAD, and they run only while it
         * hears speech at {@link #vadGate}) or "none". "level" is the default: in speech the VAD gate
         * is open anyway and Silero cost about as much as the int8 embedding it saves
         * (docs/benchmarks/runtime.md).
         */
        public String gate = "level";
        /** With gate "vad": the speech probability that opens it (0 turns the gate off). */
        public double vadGate = 0.5;
        /** Which variant of each front-end model runs: "fp32" (as fetched), "int8" (derived at fetch) or "auto". */
        public Precision precision = new Precision();
        /**
         * Frames whose embeddings are computed in one run of the time-batched embedding model (1 to
         * 8): the same detections and scores, each reported up to (K - 1) x 80 ms later, for about
         * 0.33x the embedding CPU at 4 (docs/benchmarks/wakeword.md, "time batching"). 1: one run per frame.
         */
        public int embeddingBatch = DEFAULT_EMBEDDING_BATCH;
    }

    /** {@link Wake#embeddingBatch}'s default, the measured choice. */
    public static final int DEFAULT_EMBEDDING_BATCH = 4;

    /**
     * The shared front end's model variants. The defaults are the measured choice
     * (docs/benchmarks/wakeword.md, "int8 front end" and "screening"): the embedding is "auto": int8
     * (about 0.6x the CPU) when every configured keyword is one whose detections int8 left unchanged
     * on real recordings ({@link #INT8_UNCHANGED}); else "screened" (int8 on every frame, the fp32
     * embeddings recomputed for a keyword's window where its int8 score reaches
     * {@link #SCREEN_THRESHOLD}, so fp32 decides) when every keyword is one for which no frame fp32
     * scored at or above its threshold fell below the screen threshold ({@link #SCREENED_UNCHANGED});
     * fp32 otherwise. The mel spectrogram is computed in Java ("java": equal to the fp32 model within
     * 1.2e-4 dB, at about a fifth of its CPU); "fp32" and "int8" run the model and its int8 variant.
     */
    @JsonPropertyOrder({"melspectrogram", "embedding"})
    public static final class Precision {
        /**
         * Keywords whose fire/no-fire decisions the int8 embedding changed on none of the recordings it
         * was compared on (528 real ones, 64 synthetic wake phrases in real noise).
         */
        public static final List<String> INT8_UNCHANGED = List.of("hey_jarvis");
        /**
         * Keywords for which every frame that fp32 scored at or above the keyword's threshold scored at
         * least {@link #SCREEN_THRESHOLD} with int8, on the recordings compared (695 real ones and
         * synthetic wake phrases in real noise), so that screening leaves their decisions as fp32's.
         */
        public static final List<String> SCREENED_UNCHANGED = List.of("hello_hark");
        /** The int8 score at which a screened keyword's window is scored again on fp32 embeddings. */
        public static final float SCREEN_THRESHOLD = 0.05f;
        /** How the mel spectrogram may be computed: in Java, or by openWakeWord's model or its int8 variant. */
        public static final List<String> MEL_SETTINGS = List.of("java", "fp32", "int8");
        /** The embedding settings: chosen per keyword ("auto"), or one variant for all. */
        public static final List<String> EMBEDDING_SETTINGS = List.of("auto", "screened", "fp32", "int8");

        public String melspectrogram = "java";
        public String embedding = "auto";

        /** The embedding variant that runs for these keyword models (names or paths): "fp32", "int8" or "screened". */
        public String embeddingVariant(List<String> keywords) {
            return resolve(embedding, keywords);
        }

        /** What {@code setting} ("auto", "fp32", "int8" or "screened") means for these keyword models. */
        public static String resolve(String setting, List<String> keywords) {
            if (!setting.equals("auto")) {
                return setting;
            }
            if (INT8_UNCHANGED.containsAll(keywords)) {
                return "int8";
            }
            return keywords.stream().allMatch(k -> INT8_UNCHANGED.contains(k) || SCREENED_UNCHANGED.contains(k))
                    ? "screened" : "fp32";
        }
    }

    /** One keyword model and its threshold. */
    @JsonPropertyOrder({"name", "threshold"})
    public static final class WakeModel {
        public String name = dev.hark.wakeword.KeywordDescription.DEFAULT;
        /** Null: the model's own (calibrated for Hark's own and trained heads, 0.5 for the others). */
        public Double threshold;
    }

    /** Command capture after the wake word. */
    @JsonPropertyOrder({"startTimeoutMs", "endSilenceMs", "maxLengthMs"})
    public static final class Command {
        /** How long to wait for speech to start after the wake word. */
        public int startTimeoutMs = 4000;
        /** Silence that ends a command. */
        public int endSilenceMs = 700;
        /** Longest command. */
        public int maxLengthMs = 10_000;
    }

    /** Speech recognition. */
    @JsonPropertyOrder({"acousticModel"})
    public static final class Asr {
        /**
         * "sphinx" (the CMU Sphinx en-us GMM) or "neural" (Hark's noise-robust network fused with it;
         * see docs/asr.md for what each wins and costs).
         */
        public String acousticModel = AcousticModelChoice.DEFAULT_NAME;
    }

    /** Skills: plugin folder, state, limits and per-skill settings. */
    @JsonPropertyOrder({"folder", "stateFolder", "pronunciations", "timeLimitMs", "timeZone", "settings"})
    public static final class Skills {
        /** Folder of plugin jars; a missing folder means built-in skills only. Relative paths: see {@link HarkConfig#path}. */
        public String folder = "~/.local/share/hark/skills";
        /** Where skills keep their stores (timers...). */
        public String stateFolder = "~/.local/state/hark/skills";
        /**
         * Extra pronunciations (CMU dictionary format) for names and brands in the skills' sentences;
         * null: {@code pronunciations.dict} in the skills folder when it exists.
         */
        public String pronunciations;
        /** A skill that takes longer is cut off with an apology. */
        public int timeLimitMs = 5000;
        /** Time zone for times and dates; null for the system's. */
        public String timeZone;
        /** Settings per skill name: {@code {"gpio": {"output.lamp": "17"}}}. */
        public Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    }

    /** What the user hears. */
    @JsonPropertyOrder({"output", "wavFolder", "tts"})
    public static final class Feedback {
        /** "soundcard", "wav" (numbered files in wavFolder) or "none" (text in the event log only). */
        public String output = "soundcard";
        /** Folder for "wav" output. */
        public String wavFolder = "~/.local/state/hark/responses";
        /** "auto" (espeak-ng, else flite), "espeak-ng", "flite" or "none". */
        public String tts = "auto";
    }

    /** Speaker identification. */
    @JsonPropertyOrder({"enabled", "store"})
    public static final class Speaker {
        /** Identify who speaks when voice profiles are enrolled. */
        public boolean enabled = true;
        /** Folder of enrolled voice profiles. */
        public String store = "~/.local/share/hark/voices";
    }

    /** Where models are found, and where what is derived from them is cached. */
    @JsonPropertyOrder({"dir", "cache"})
    public static final class Models {
        /** Folder of the fetched npm model files; relative paths are resolved against the Hark root. */
        public String dir = "models/files";
        /** Folder for compiled grammars and the letter-to-sound table; must be writable. */
        public String cache = "models/cache";
    }

    /**
     * The Hermes protocol over MQTT (off by default): the broker, this site's id, the intents that
     * actions on the bus handle, satellites whose microphones stream to this base, and how long an
     * action has to answer an intent no Java skill handles.
     */
    @JsonPropertyOrder({"enabled", "host", "port", "tls", "caFile", "username", "passwordFile", "siteId", "clientId",
            "intents", "satellites", "actionTimeoutMs"})
    public static final class Mqtt {
        /** Speak Hermes on the broker. */
        public boolean enabled;
        /** The broker's host name or address. */
        public String host = "localhost";
        /** The broker's port (1883 plain, usually 8883 with TLS). */
        public int port = 1883;
        /** Connect with TLS. */
        public boolean tls;
        /** PEM file of the certificate authority that signed the broker's certificate; null: the JVM's trusted ones. */
        public String caFile;
        /** User name for the broker; null: connect anonymously. */
        public String username;
        /** File holding the password (its first line); kept out of the configuration so the file can be private. */
        public String passwordFile;
        /** This device's Hermes site id: its microphone, speaker and messages. */
        public String siteId = "default";
        /** MQTT client id; null: {@code hark-<siteId>}. Stable, so the broker keeps the session across reconnects. */
        public String clientId;
        /** Dataset file or folder (Snips JSON, templates) of intents that Hermes actions handle, not Java skills. */
        public String intents;
        /** Site ids of satellites whose audio frames this base listens to, each with its own wake word and command stages. */
        public List<String> satellites = new ArrayList<>();
        /** How long an intent no Java skill handles waits for an action's continueSession or endSession. */
        public int actionTimeoutMs = 5000;

        /** The client id in use: the configured one or {@code hark-<siteId>}. */
        public String effectiveClientId() {
            return clientId != null ? clientId : "hark-" + siteId;
        }
    }

    /**
     * A path from the configuration: {@code ~/} is the user's home, a relative path is resolved
     * against {@code root} (the Hark installation or checkout).
     */
    public static java.nio.file.Path path(java.nio.file.Path root, String value) {
        if (value.equals("~") || value.startsWith("~/")) {
            return java.nio.file.Path.of(System.getProperty("user.home") + value.substring(1));
        }
        return root.resolve(value);
    }

    /** Adds a "$.path: problem" line to {@code problems} for every value out of range. */
    public void validate(List<String> problems) {
        if (audio.ringBufferFrames < 2 || audio.ringBufferFrames > 10_000) {
            problems.add("$.audio.ringBufferFrames: must be between 2 and 10000 frames, got " + audio.ringBufferFrames);
        }
        if (audio.device != null && audio.device.isBlank()) {
            problems.add("$.audio.device: must be null (default device) or part of a device name, got \"\"");
        }
        if (wake.models == null || wake.models.isEmpty()) {
            problems.add("$.wake.models: needs at least one keyword model");
        } else {
            for (int i = 0; i < wake.models.size(); i++) {
                WakeModel m = wake.models.get(i);
                if (m == null || m.name == null || m.name.isBlank()) {
                    problems.add("$.wake.models[" + i + "].name: must name a model");
                } else if (!WakeModels.isKnown(m.name)) {
                    problems.add("$.wake.models[" + i + "].name: unknown wake word '" + m.name + "'; known: "
                            + WakeModels.knownNames());
                } else if (m.threshold != null && !(m.threshold > 0 && m.threshold <= 1)) {
                    problems.add("$.wake.models[" + i + "].threshold: must be in (0, 1], got " + m.threshold);
                }
            }
        }
        if (wake.refractorySeconds < 0 || wake.refractorySeconds > 60) {
            problems.add("$.wake.refractorySeconds: must be between 0 and 60, got " + wake.refractorySeconds);
        }
        if (wake.precision == null) {
            problems.add("$.wake.precision: must be an object");
        } else {
            if (!Precision.MEL_SETTINGS.contains(wake.precision.melspectrogram)) {
                problems.add("$.wake.precision.melspectrogram: must be \"java\", \"fp32\" or \"int8\", got "
                        + (wake.precision.melspectrogram == null ? "null" : "\"" + wake.precision.melspectrogram + "\""));
            }
            if (!Precision.EMBEDDING_SETTINGS.contains(wake.precision.embedding)) {
                problems.add("$.wake.precision.embedding: must be \"auto\", \"screened\", \"fp32\" or \"int8\", got "
                        + (wake.precision.embedding == null ? "null" : "\"" + wake.precision.embedding + "\""));
            }
        }
        range(problems, "$.wake.embeddingBatch", wake.embeddingBatch, 1, dev.hark.wakeword.WakeWordDetector.MAX_BATCH);
        if (!List.of("level", "vad", "none").contains(wake.gate)) {
            problems.add("$.wake.gate: must be \"level\", \"vad\" or \"none\", got "
                    + (wake.gate == null ? "null" : "\"" + wake.gate + "\""));
        }
        if (wake.vadGate < 0 || wake.vadGate >= 1) {
            problems.add("$.wake.vadGate: must be in [0, 1), got " + wake.vadGate);
        }
        range(problems, "$.command.startTimeoutMs", command.startTimeoutMs, 500, 60_000);
        range(problems, "$.command.endSilenceMs", command.endSilenceMs, 100, 10_000);
        range(problems, "$.command.maxLengthMs", command.maxLengthMs, 1000, 60_000);
        if (asr == null || AcousticModelChoice.named(asr.acousticModel) == null) {
            problems.add("$.asr.acousticModel: must be \"sphinx\" or \"neural\", got "
                    + (asr == null ? "null" : asr.acousticModel == null ? "null" : "\"" + asr.acousticModel + "\""));
        }
        range(problems, "$.skills.timeLimitMs", skills.timeLimitMs, 10, 600_000);
        if (skills.timeZone != null) {
            try {
                java.time.ZoneId.of(skills.timeZone);
            } catch (java.time.DateTimeException e) {
                problems.add("$.skills.timeZone: unknown time zone \"" + skills.timeZone + "\"");
            }
        }
        if (!List.of("soundcard", "wav", "none").contains(feedback.output)) {
            problems.add("$.feedback.output: must be \"soundcard\", \"wav\" or \"none\", got \"" + feedback.output + "\"");
        }
        if (!List.of("auto", "espeak-ng", "flite", "none").contains(feedback.tts)) {
            problems.add("$.feedback.tts: must be \"auto\", \"espeak-ng\", \"flite\" or \"none\", got \"" + feedback.tts + "\"");
        }
        if (models.dir == null || models.dir.isBlank()) {
            problems.add("$.models.dir: must name a folder");
        }
        if (models.cache == null || models.cache.isBlank()) {
            problems.add("$.models.cache: must name a folder");
        }
        validateMqtt(problems);
    }

    private void validateMqtt(List<String> problems) {
        if (mqtt.host == null || mqtt.host.isBlank()) {
            problems.add("$.mqtt.host: must name the broker's host");
        }
        range(problems, "$.mqtt.port", mqtt.port, 1, 65_535);
        if (mqtt.caFile != null && !mqtt.tls) {
            problems.add("$.mqtt.caFile: a certificate authority needs \"tls\": true");
        }
        if (mqtt.passwordFile != null && mqtt.username == null) {
            problems.add("$.mqtt.passwordFile: a password needs a username");
        }
        siteId(problems, "$.mqtt.siteId", mqtt.siteId);
        if (mqtt.clientId != null && (mqtt.clientId.isBlank() || mqtt.clientId.length() > 65_535)) {
            problems.add("$.mqtt.clientId: must be null (hark-<siteId>) or a non-blank id");
        }
        if (mqtt.satellites == null) {
            problems.add("$.mqtt.satellites: must be a list of site ids");
        } else {
            for (int i = 0; i < mqtt.satellites.size(); i++) {
                String site = mqtt.satellites.get(i);
                String path = "$.mqtt.satellites[" + i + "]";
                siteId(problems, path, site);
                if (site != null && (site.equals(mqtt.siteId) || mqtt.satellites.indexOf(site) < i)) {
                    problems.add(path + ": site \"" + site + "\" is already listed (or is this device's own siteId)");
                }
            }
        }
        range(problems, "$.mqtt.actionTimeoutMs", mqtt.actionTimeoutMs, 100, 600_000);
    }

    /** A site id appears in topics ({@code hermes/audioServer/<siteId>/...}), so MQTT's special characters are refused. */
    private static void siteId(List<String> problems, String path, String id) {
        if (id == null || id.isBlank() || id.contains("/") || id.contains("+") || id.contains("#")) {
            problems.add(path + ": must be a non-blank site id without '/', '+' or '#', got "
                    + (id == null ? "null" : "\"" + id + "\""));
        }
    }

    /** The embedding ({@code embedding} true) may also be "auto" or "screened"; the mel model only fp32 or int8. */
    private static void range(List<String> problems, String path, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(path + ": must be between " + min + " and " + max + ", got " + value);
        }
    }
}
