package dev.hark.runtime.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hark's whole configuration, one JSON file. Every field has a default, so {@code hark run} works
 * with no file; {@link ConfigLoader} overlays a file on these defaults and {@link #validate} reports
 * bad values by JSON path. Public fields because Jackson binds them and nothing else writes them.
 */
@JsonPropertyOrder({"audio", "wake", "command", "asr", "skills", "feedback", "speaker", "models"})
public final class HarkConfig {
    public Audio audio = new Audio();
    public Wake wake = new Wake();
    public Command command = new Command();
    public Asr asr = new Asr();
    public Skills skills = new Skills();
    public Feedback feedback = new Feedback();
    public Speaker speaker = new Speaker();
    public Models models = new Models();

    /** Audio capture. */
    @JsonPropertyOrder({"device", "ringBufferFrames"})
    public static final class Audio {
        /** Part of the capture device's name; null for the system default microphone. */
        public String device;
        /** 80 ms frames buffered between capture and pipeline before the oldest is dropped. */
        public int ringBufferFrames = 64;
    }

    /** Wake words: which openWakeWord models listen, and how eagerly. */
    @JsonPropertyOrder({"models", "refractorySeconds", "vadGate"})
    public static final class Wake {
        /** Keyword models: a pre-trained name (hey_jarvis, alexa, hey_mycroft, hey_rhasspy) or an .onnx path. */
        public List<WakeModel> models = new ArrayList<>(List.of(new WakeModel()));
        /** Seconds a keyword stays muted after it fired, so one utterance gives one detection. */
        public double refractorySeconds = 2.0;
        /** Run the keyword models only while Silero VAD hears speech (0 to turn off). */
        public double vadGate = 0.5;
    }

    /** One keyword model and its threshold. */
    @JsonPropertyOrder({"name", "threshold"})
    public static final class WakeModel {
        public String name = "hey_jarvis";
        public double threshold = 0.5;
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
        public String acousticModel = "sphinx";
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
                } else if (!(m.threshold > 0 && m.threshold <= 1)) {
                    problems.add("$.wake.models[" + i + "].threshold: must be in (0, 1], got " + m.threshold);
                }
            }
        }
        if (wake.refractorySeconds < 0 || wake.refractorySeconds > 60) {
            problems.add("$.wake.refractorySeconds: must be between 0 and 60, got " + wake.refractorySeconds);
        }
        if (wake.vadGate < 0 || wake.vadGate >= 1) {
            problems.add("$.wake.vadGate: must be in [0, 1), got " + wake.vadGate);
        }
        range(problems, "$.command.startTimeoutMs", command.startTimeoutMs, 500, 60_000);
        range(problems, "$.command.endSilenceMs", command.endSilenceMs, 100, 10_000);
        range(problems, "$.command.maxLengthMs", command.maxLengthMs, 1000, 60_000);
        if (asr == null || !List.of("sphinx", "neural").contains(asr.acousticModel)) {
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
    }

    private static void range(List<String> problems, String path, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(path + ": must be between " + min + " and " + max + ", got " + value);
        }
    }
}
