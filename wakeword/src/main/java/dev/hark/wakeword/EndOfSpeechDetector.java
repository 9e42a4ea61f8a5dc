package dev.hark.wakeword;

import dev.hark.audio.PcmFormat;
import java.nio.file.Path;

/**
 * Decides when a spoken command starts and ends, from Silero VAD probabilities: after a wake word,
 * wait for speech (giving up after the start timeout, default 4 s), then end the command once a
 * stretch of silence lasts the end-silence time (default 700 ms), or cut it at the maximum length
 * (default 10 s of speech).
 *
 * <p>A window counts as speech at probability {@code >= speechThreshold} (default 0.5) and as silence
 * below {@code silenceThreshold} (default 0.35); in between it continues whatever came before. The same
 * hysteresis as silero-vad's own segmenter, so a breathy syllable does not end the command. A pause is
 * silence lasting at least {@code minPause} (default 128 ms). As in silero-vad's segmenter, speech
 * shorter than {@code minSpeech} (default 250 ms) before a pause is not a command (a click, a breath,
 * the end of the wake word): the detector goes on waiting.
 *
 * <p><b>After a wake word</b> ({@link #resetAfter}) the detector first listens to the last second of the
 * audio before the capture, so that it knows whether speech is still under way when the capture starts.
 * Speech under way then belongs to the wake word (its last syllable: the detector fires before the
 * word is over), and the command is the next speech after a pause. Two exceptions: speech that began,
 * after a pause, at most {@code lateOnset} (default 320 ms) before the capture is a command said before
 * the wake word was detected (detection comes up to 0.3 s after the phrase); and speech under way that
 * runs on for {@code maxTail} (default 800 ms) without a pause is a command said straight after the wake
 * word ("alexa set a timer"), taken from the start of the capture. A plain {@link #reset} (the answer to
 * a follow-up question) takes the first speech.
 *
 * <p>{@link #commandStartSample()} says where the command's audio begins: its first speech window, less
 * up to {@code lead} (default 320 ms, the VAD's onset lag and a word's soft start) of the quiet before
 * it, never reaching back into speech heard before the pause.
 *
 * <pre>{@code
 * try (EndOfSpeechDetector eos = EndOfSpeechDetector.builder().build()) {
 *     eos.resetAfter(preRoll, 0, preRoll.length);     // audio up to the wake word
 *     while (eos.process(nextFrame()).isActive()) { ... }
 *     double end = eos.speechEndSeconds();
 * }
 * }</pre>
 *
 * <p>Cost: 2 or 3 VAD inferences per 80 ms frame, no allocation per frame; {@link #resetAfter} runs
 * about 31 more (one second of audio) once per wake word. Not thread-safe.
 */
public final class EndOfSpeechDetector implements AutoCloseable {

    private static final long NONE = Long.MIN_VALUE;

    /** Audio before the capture that {@link #resetAfter} listens to: enough for the VAD's state to settle. */
    static final int PRIME_SAMPLES = PcmFormat.SAMPLE_RATE;

    /** Where a command capture stands after a frame. */
    public enum Status {
        /** No speech yet (or only the wake word's own), still within the start timeout. */
        WAITING_FOR_SPEECH(true),
        /** Speech started and has not ended. */
        SPEAKING(true),
        /** Speech ended: silence lasted the end-silence time. Final until reset. */
        ENDED(false),
        /** No speech started within the start timeout. Final until reset. */
        NO_SPEECH(false),
        /** Speech went on past the maximum length and was cut. Final until reset. */
        MAX_LENGTH(false);

        private final boolean active;

        Status(boolean active) {
            this.active = active;
        }

        /** Whether the capture goes on (more frames are wanted). */
        public boolean isActive() {
            return active;
        }
    }

    private final VoiceActivityDetector vad;
    private final VadWindowing windowing = new VadWindowing();
    private final long startTimeoutSamples;
    private final long endSilenceSamples;
    private final long maxLengthSamples;
    private final long minPauseSamples;
    private final long minSpeechSamples;
    private final long lateOnsetSamples;
    private final long maxTailSamples;
    private final long leadSamples;
    private final float speechThreshold;
    private final float silenceThreshold;

    private Status status;
    /** Whether the speech heard is still the wake word's (after {@link #resetAfter}). */
    private boolean wakeTail;
    /** Onset of speech not yet long enough to be a command, or NONE; and the quiet before it. */
    private long candidate;
    private long candidateQuiet;
    /** Positions in samples from the start of the capture; negative ones lie in the audio before it. */
    private long speechStart;
    private long silenceStart;
    private long lastSpeechEnd;
    private long speechEnd;
    /** Where the quiet before the command began: its audio never starts earlier. */
    private long quietStart;
    /** Samples of audio before the capture that the windows' positions count from. */
    private long origin;
    private long samples;

    private EndOfSpeechDetector(Builder b) throws ModelLoadException {
        this.vad = b.vad.build();
        this.startTimeoutSamples = millisToSamples(b.startTimeoutMillis);
        this.endSilenceSamples = millisToSamples(b.endSilenceMillis);
        this.maxLengthSamples = millisToSamples(b.maxLengthMillis);
        this.minPauseSamples = millisToSamples(b.minPauseMillis);
        this.minSpeechSamples = millisToSamples(b.minSpeechMillis);
        this.lateOnsetSamples = millisToSamples(b.lateOnsetMillis);
        this.maxTailSamples = millisToSamples(b.maxTailMillis);
        this.leadSamples = millisToSamples(b.leadMillis);
        this.speechThreshold = b.speechThreshold;
        this.silenceThreshold = b.silenceThreshold;
        reset();
    }

    private static long millisToSamples(long millis) {
        return millis * PcmFormat.SAMPLE_RATE / 1000;
    }

    /** A builder with the defaults above, reading the VAD model from {@link ModelFiles#defaultDirectory()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Feeds one frame of 16 kHz PCM (normally 1280 samples) and returns the status after it. */
    public Status process(short[] frame) {
        if (!status.isActive()) {
            return status;
        }
        int n = windowing.push(vad, frame);
        for (int i = 0; i < n && status.isActive(); i++) {
            step(windowing.probability(i), windowing.windowEndSample(i) - origin);
        }
        samples += frame.length;
        return status;
    }

    private void step(float p, long end) {
        long start = end - VoiceActivityDetector.WINDOW_SAMPLES;
        if (p >= speechThreshold) {
            silenceStart = NONE;
            lastSpeechEnd = end;
        } else if (p < silenceThreshold && silenceStart == NONE) {
            silenceStart = silenceFrom(start);
        }
        long silent = silenceStart == NONE ? 0 : end - silenceStart;
        if (status == Status.SPEAKING) {
            if (silent >= endSilenceSamples) {
                status = Status.ENDED;
                speechEnd = silenceStart;
            } else if (end - speechStart >= maxLengthSamples) {
                status = Status.MAX_LENGTH;
                speechEnd = end;
            }
        } else if (wakeTail) {
            if (silent >= minPauseSamples) {
                wakeTail = false;
                quietStart = silenceStart;
            } else if (end >= maxTailSamples) {
                // no pause: the command was said straight after the wake word
                wakeTail = false;
                // from the detection: even 160 ms of the wake word's end costs the recogniser more than
                // the command's first sounds do when the detection came late (measured on commands-dev)
                startSpeech(0, 0);
            }
        } else if (candidate != NONE) {
            if ((silenceStart == NONE ? end : silenceStart) - candidate >= minSpeechSamples) {
                startSpeech(candidate, candidateQuiet);
            } else if (silent >= minPauseSamples) {
                candidate = NONE; // too short for a command: not one
                quietStart = silenceStart;
            }
        } else if (p >= speechThreshold) {
            candidate = start;
            candidateQuiet = quietStart;
        } else if (end >= startTimeoutSamples) {
            status = Status.NO_SPEECH;
        }
    }

    /**
     * Where a silence whose first quiet window starts at {@code start} began: where speech was last heard
     * for sure, not where the VAD's decay ended, but at most two windows earlier.
     */
    private long silenceFrom(long start) {
        return Math.max(lastSpeechEnd, start - 2L * VoiceActivityDetector.WINDOW_SAMPLES);
    }

    private void startSpeech(long at, long quietFrom) {
        status = Status.SPEAKING;
        speechStart = at;
        quietStart = quietFrom;
        candidate = NONE;
    }

    /** The status after the last frame. */
    public Status status() {
        return status;
    }

    /**
     * Stream time in seconds, from the last reset, where the command's speech started (negative: in the
     * audio before the capture), or -1 before it has.
     */
    public double speechStartSeconds() {
        return started() ? PcmFormat.seconds(speechStart) : -1;
    }

    /**
     * Sample, counted from the last reset, where the command's audio begins: the first speech window
     * less up to the lead of the quiet before it, never earlier than the end of the wake word's speech;
     * negative when it lies in the audio given to {@link #resetAfter}. Meaningful once speech started.
     */
    public long commandStartSample() {
        return Math.max(quietStart, speechStart - leadSamples);
    }

    private boolean started() {
        return status != Status.WAITING_FOR_SPEECH && status != Status.NO_SPEECH;
    }

    /**
     * Stream time in seconds where speech ended (the start of the closing silence, or the cut at the
     * maximum length), or -1 while it has not.
     */
    public double speechEndSeconds() {
        return status == Status.ENDED || status == Status.MAX_LENGTH ? PcmFormat.seconds(speechEnd) : -1;
    }

    /** Stream time in seconds consumed since the last reset. */
    public double elapsedSeconds() {
        return PcmFormat.seconds(samples);
    }

    /** Starts a new capture with nothing heard before it: status back to waiting, times from zero, VAD state cleared. */
    public void reset() {
        vad.reset();
        windowing.reset();
        status = Status.WAITING_FOR_SPEECH;
        wakeTail = false;
        candidate = NONE;
        lastSpeechEnd = 0;
        speechStart = -1;
        silenceStart = NONE;
        speechEnd = -1;
        quietStart = 0;
        origin = 0;
        samples = 0;
    }

    /**
     * Starts a new capture right after {@code length} samples of {@code pcm} from {@code offset} (the
     * audio up to the wake word's detection; only its last second is used): the VAD hears them first,
     * and speech still under way at their end is the wake word's, unless it began just before the
     * capture after a pause or runs on into the command without one (see the class comment).
     */
    public void resetAfter(short[] pcm, int offset, int length) {
        reset();
        int primed = Math.min(length, PRIME_SAMPLES);
        origin = primed;
        boolean speech = false;
        long segmentStart = Long.MIN_VALUE; // onset of the speech under way, after a pause
        long pauseStart = -primed;
        silenceStart = -primed; // a fresh VAD has heard nothing: the audio starts in quiet
        lastSpeechEnd = -primed;
        for (int at = 0; at < primed; at += PcmFormat.FRAME_SAMPLES) {
            int n = windowing.push(vad, pcm, offset + length - primed + at, Math.min(PcmFormat.FRAME_SAMPLES, primed - at));
            for (int i = 0; i < n; i++) {
                float p = windowing.probability(i);
                long end = windowing.windowEndSample(i) - origin;
                long start = end - VoiceActivityDetector.WINDOW_SAMPLES;
                if (p >= speechThreshold) {
                    if (!speech && silenceStart != NONE && start - silenceStart >= minPauseSamples) {
                        segmentStart = start;
                        pauseStart = silenceStart;
                    }
                    speech = true;
                    silenceStart = NONE;
                    lastSpeechEnd = end;
                } else if (p < silenceThreshold) {
                    speech = false;
                    if (silenceStart == NONE) {
                        silenceStart = silenceFrom(start);
                    }
                }
            }
        }
        if (!speech) {
            quietStart = silenceStart;
        } else if (segmentStart >= -lateOnsetSamples) {
            candidate = segmentStart;
            candidateQuiet = pauseStart;
        } else {
            wakeTail = true;
        }
        silenceStart = NONE;
    }

    @Override
    public void close() {
        vad.close();
    }

    /** Configures an {@link EndOfSpeechDetector}. */
    public static final class Builder {
        private final VoiceActivityDetector.Builder vad = VoiceActivityDetector.builder();
        private long startTimeoutMillis = 4000;
        private long endSilenceMillis = 700;
        private long maxLengthMillis = 10_000;
        private long minPauseMillis = 128;
        private long minSpeechMillis = 250;
        private long lateOnsetMillis = 320;
        private long maxTailMillis = 800;
        private long leadMillis = 320;
        private float speechThreshold = 0.5f;
        private float silenceThreshold = 0.35f;

        private Builder() {
        }

        /** Folder holding {@code silero_vad_v5.onnx}. */
        public Builder modelDirectory(Path directory) {
            vad.modelDirectory(directory);
            return this;
        }

        /** An explicit VAD model file. */
        public Builder model(Path file) {
            vad.model(file);
            return this;
        }

        /** How long to wait for speech to start (default 4000 ms). */
        public Builder startTimeoutMillis(long millis) {
            this.startTimeoutMillis = positive(millis, "start timeout");
            return this;
        }

        /** Silence that ends the command (default 700 ms). */
        public Builder endSilenceMillis(long millis) {
            this.endSilenceMillis = positive(millis, "end silence");
            return this;
        }

        /** Longest command, counted from the start of speech (default 10000 ms). */
        public Builder maxLengthMillis(long millis) {
            this.maxLengthMillis = positive(millis, "maximum length");
            return this;
        }

        /**
         * The shortest silence that is a pause (default 128 ms) and the shortest speech before a pause
         * that is a command (default 250 ms).
         */
        public Builder segments(long minPauseMillis, long minSpeechMillis) {
            this.minPauseMillis = positive(minPauseMillis, "minimum pause");
            this.minSpeechMillis = positive(minSpeechMillis, "minimum speech");
            return this;
        }

        /**
         * How {@link #resetAfter} tells the wake word's speech from the command's (see the class comment):
         * how long before the capture a command may have started (default 320 ms), and how long speech
         * under way may run on before it is taken as a command said without a pause (default 800 ms).
         */
        public Builder wakeTail(long lateOnsetMillis, long maxTailMillis) {
            this.lateOnsetMillis = positive(lateOnsetMillis, "late onset");
            this.maxTailMillis = positive(maxTailMillis, "maximum wake-word tail");
            return this;
        }

        /** Quiet before the first speech window that the command's audio keeps (default 320 ms; 0 for none). */
        public Builder leadMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("lead must be >= 0, got " + millis + " ms");
            }
            this.leadMillis = millis;
            return this;
        }

        /**
         * Probability at or above which a window is speech (default 0.5), and below which it is silence
         * (default 0.35); must satisfy {@code 0 < silence <= speech <= 1}.
         */
        public Builder thresholds(float speech, float silence) {
            if (!(silence > 0 && silence <= speech && speech <= 1)) {
                throw new IllegalArgumentException("VAD thresholds must satisfy 0 < silence <= speech <= 1, got speech "
                        + speech + ", silence " + silence);
            }
            this.speechThreshold = speech;
            this.silenceThreshold = silence;
            return this;
        }

        private static long positive(long millis, String what) {
            if (millis <= 0) {
                throw new IllegalArgumentException(what + " must be positive, got " + millis + " ms");
            }
            return millis;
        }

        /** Loads the VAD model. */
        public EndOfSpeechDetector build() throws ModelLoadException {
            return new EndOfSpeechDetector(this);
        }
    }
}
