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
 * hysteresis as silero-vad's own segmenter, so a breathy syllable does not end the command.
 *
 * <pre>{@code
 * try (EndOfSpeechDetector eos = EndOfSpeechDetector.builder().build()) {
 *     while (eos.process(nextFrame()).isActive()) { ... }
 *     double end = eos.speechEndSeconds();
 * }
 * }</pre>
 *
 * <p>Cost: 2 or 3 VAD inferences per 80 ms frame; no allocation per frame. Not thread-safe.
 */
public final class EndOfSpeechDetector implements AutoCloseable {

    /** Where a command capture stands after a frame. */
    public enum Status {
        /** No speech yet, still within the start timeout. */
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
    private final float speechThreshold;
    private final float silenceThreshold;

    private Status status;
    private long speechStart;
    private long silenceStart;
    private long speechEnd;
    private long samples;

    private EndOfSpeechDetector(Builder b) throws ModelLoadException {
        this.vad = b.vad.build();
        this.startTimeoutSamples = millisToSamples(b.startTimeoutMillis);
        this.endSilenceSamples = millisToSamples(b.endSilenceMillis);
        this.maxLengthSamples = millisToSamples(b.maxLengthMillis);
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
            step(windowing.probability(i), windowing.windowEndSample(i));
        }
        samples += frame.length;
        return status;
    }

    private void step(float p, long end) {
        long start = end - VoiceActivityDetector.WINDOW_SAMPLES;
        if (status == Status.WAITING_FOR_SPEECH) {
            if (p >= speechThreshold) {
                status = Status.SPEAKING;
                speechStart = start;
                silenceStart = -1;
            } else if (end >= startTimeoutSamples) {
                status = Status.NO_SPEECH;
            }
            return;
        }
        if (p >= speechThreshold) {
            silenceStart = -1;
        } else if (p < silenceThreshold && silenceStart < 0) {
            silenceStart = start;
        }
        if (silenceStart >= 0 && end - silenceStart >= endSilenceSamples) {
            status = Status.ENDED;
            speechEnd = silenceStart;
        } else if (end - speechStart >= maxLengthSamples) {
            status = Status.MAX_LENGTH;
            speechEnd = end;
        }
    }

    /** The status after the last frame. */
    public Status status() {
        return status;
    }

    /** Stream time in seconds where speech started, or -1 before it has. */
    public double speechStartSeconds() {
        return status == Status.WAITING_FOR_SPEECH || status == Status.NO_SPEECH ? -1 : PcmFormat.seconds(speechStart);
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

    /** Starts a new capture: status back to waiting, times from zero, VAD state cleared. */
    public void reset() {
        vad.reset();
        windowing.reset();
        status = Status.WAITING_FOR_SPEECH;
        speechStart = -1;
        silenceStart = -1;
        speechEnd = -1;
        samples = 0;
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
