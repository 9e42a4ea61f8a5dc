package dev.hark.wakeword;

import ai.onnxruntime.OrtException;
import dev.hark.audio.PcmFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Listens for one or more wake words in a 16 kHz stream, the way openWakeWord does: a shared front end
 * (mel spectrogram, then Google's speech embedding, one 96-dimensional embedding per 80 ms frame) feeds
 * every keyword model, which scores its window of the latest embeddings. A keyword fires when its score
 * reaches its threshold, and is then muted for a refractory period so that one utterance gives one
 * detection.
 *
 * <p>A fresh or reset detector fires nothing until its windows hold real audio only: the first
 * embedding needs 76 mel frames (10 frames, 0.8 s) and a 16-embedding keyword window 15 more, so
 * scoring starts at frame {@link #warmUpFrames()} (the 25th frame, 2.0 s, for the pre-trained models).
 *
 * <pre>{@code
 * try (WakeWordDetector detector = WakeWordDetector.builder()
 *         .pretrainedKeyword("alexa", 0.5f)
 *         .build()) {
 *     for (short[] frame : frames) {                 // 1280 samples each
 *         for (Detection d : detector.process(frame)) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>By default two gates save CPU while nobody speaks. A level gate tracks the background level
 * and wakes the Silero VAD only while a frame of the last 1.28 s stood 6 dB above it; the VAD gate
 * then skips the embedding model and the heads while no VAD window of the last 1.28 s reached speech
 * probability 0.5. The mel spectrogram always runs, and the embeddings owed are computed when speech
 * returns, equal to on-time ones, so an open gate scores exactly like no gate. On the flite corpus
 * the gates changed no detection (docs/benchmarks/wakeword.md has CPU with and without them).
 * {@link Builder#voiceActivityGate(float)} with 0 turns both off; {@link Builder#levelGate(boolean)}
 * the first alone. {@link Builder#levelGateOnly()} keeps the level gate and drops the VAD: in speech
 * the VAD gate is open anyway and Silero costs about as much as the int8 embedding it would save.
 *
 * <p>Screening ({@link Builder#screeningEmbedding}) embeds every frame with a cheaper model (the
 * int8 variant) and scores each keyword on those embeddings first; only where that score reaches the
 * screen threshold are the exact model's embeddings of the keyword's window computed (from the
 * buffered mel frames, each frame's at most once) and the keyword scored again on them, and that
 * score decides. So the detections are the exact model's wherever no frame the exact model scores at
 * or above a threshold scores below the screen threshold on the screen embeddings, which
 * docs/benchmarks/wakeword.md measures on real recordings for the keywords Hark screens by default.
 *
 * <p>Time batching ({@link Builder#embeddingBatch(int)} K > 1) computes the embeddings of K frames in
 * one run of a time-batched embedding model, every K-th frame, for about a third of the CPU per
 * embedding at K = 4 (docs/benchmarks/wakeword.md). Every frame is still scored, in order, on the same
 * embeddings, so the detections, their scores and their frame times are those of K = 1; a detection
 * is only returned up to K - 1 frames later, by the call that completes its batch ({@link #flush()}
 * scores the frames still waiting at the end of a stream).
 *
 * <p>Cost per frame: one mel spectrogram (in Java by default) and one embedding inference shared by all keywords, plus one small
 * inference per keyword, plus 2 or 3 VAD windows while the level gate is open. ONNX Runtime runs each model on the
 * calling thread by default (one intra-op thread). In steady state {@code process} allocates nothing
 * of its own: it returns an empty immutable list unless a keyword fires; ONNX Runtime's Java
 * {@code run} allocates about 0.5 kB of bookkeeping per inference. Not thread-safe; one instance per
 * stream.
 */
public final class WakeWordDetector implements AutoCloseable {
    /** Frames the voice-activity gate looks back over (1.28 s, the span of a 16-embedding window). */
    static final int GATE_FRAMES = 16;
    /** The most frames {@link Builder#embeddingBatch(int)} batches. */
    public static final int MAX_BATCH = 8;

    private final SpeechEmbeddingFrontEnd frontEnd;
    private final KeywordHead[] heads;
    private final String[] names;
    private final float[] thresholds;
    private final float[] scores;
    private final int[] muted;
    private final int refractoryFrames;
    private final VoiceActivityDetector gateVad;
    private final VadWindowing gateWindowing;
    private final float gateThreshold;
    /** Per keyword: the screened score at which it is scored again on exact embeddings. */
    private final float[] screenThresholds;
    /**
     * Frames scored exactly, unscreened, after digital silence: the int8 embedding's ranges were
     * calibrated on recorded audio, and on windows reaching into all-zero samples (a padded file, a
     * muted capture) its scores fell far below fp32's. One keyword window plus one embedding's span.
     */
    private final int exactAfterSilence;
    /** Frames since the last all-zero frame, counted up to {@link #exactAfterSilence}. */
    private int framesSinceSilence;
    private final float[] gateHistory;
    private final LevelGate levelGate;
    /** Frames since the level gate last found a loud frame; the VAD runs while this is within the gate's look-back. */
    private int framesSinceLoud = Integer.MAX_VALUE;
    private final int warmUpFrames;
    private long frameIndex;
    private boolean headsRan;
    /** Frames scored per batch of embeddings. */
    private final int batch;
    /** Frames fed but not scored yet (fewer than {@link #batch}), oldest first: whether each was gated open and must be scored exactly. */
    private final boolean[] waitingOpen;
    private final boolean[] waitingExact;
    private int waiting;

    private WakeWordDetector(Builder b) throws ModelLoadException {
        if (b.keywords.isEmpty()) {
            throw new IllegalArgumentException("a WakeWordDetector needs at least one keyword model");
        }
        int n = b.keywords.size();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            heads = new KeywordHead[n];
            names = new String[n];
            thresholds = new float[n];
            int window = 0;
            for (int i = 0; i < n; i++) {
                Keyword k = b.keywords.get(i);
                heads[i] = new KeywordHead(k.file, k.model, b.threads);
                opened.add(heads[i]);
                names[i] = k.name;
                thresholds[i] = k.threshold;
                window = Math.max(window, heads[i].window());
            }
            // the model that embeds every frame is the time-batched variant when batching
            String embeddingFile = b.batch > 1 && b.screenFile == null ? ModelFiles.timeBatched(b.embeddingFile) : b.embeddingFile;
            String screenFile = b.batch > 1 && b.screenFile != null ? ModelFiles.timeBatched(b.screenFile) : b.screenFile;
            // a batch's oldest frame scores a window that ends batch - 1 embeddings before the latest
            frontEnd = new SpeechEmbeddingFrontEnd(
                    b.melFile == null ? null : ModelFiles.require(b.modelDirectory, b.melFile),
                    ModelFiles.require(b.modelDirectory, embeddingFile),
                    screenFile == null ? null : ModelFiles.require(b.modelDirectory, screenFile),
                    window + b.batch - 1, b.batch, b.threads);
            opened.add(frontEnd);
            if (b.gateThreshold > 0) {
                gateVad = VoiceActivityDetector.builder().modelDirectory(b.modelDirectory).threads(b.threads).build();
                gateWindowing = new VadWindowing();
                gateHistory = new float[GATE_FRAMES];
            } else {
                gateVad = null;
                gateWindowing = null;
                gateHistory = null;
            }
            gateThreshold = b.gateThreshold;
            levelGate = b.levelGate ? new LevelGate() : null;
            exactAfterSilence = window + SpeechEmbeddingFrontEnd.firstEmbeddingFrame() + 1;
            framesSinceSilence = exactAfterSilence;
            screenThresholds = new float[n];
            for (int i = 0; i < n; i++) {
                screenThresholds[i] = Math.min(b.screenThreshold, thresholds[i]);
            }
            // a window of N embeddings fills N - 1 frames after the first embedding
            warmUpFrames = SpeechEmbeddingFrontEnd.firstEmbeddingFrame() + window - 1;
        } catch (ModelLoadException | RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        scores = new float[n];
        muted = new int[n];
        batch = b.batch;
        waitingOpen = new boolean[batch];
        waitingExact = new boolean[batch];
        refractoryFrames = (int) Math.round(b.refractorySeconds * PcmFormat.SAMPLE_RATE / PcmFormat.FRAME_SAMPLES);
    }

    /** A builder: add keywords, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Feeds one 80 ms frame (exactly {@link PcmFormat#FRAME_SAMPLES} samples of 16 kHz PCM) and returns
     * the keywords that fired in it, usually none (an empty immutable list, not allocated). When time
     * batching, the frame is scored with the next K - 1, and a detection is returned by the call that
     * completes the batch, carrying its own frame's index and time.
     *
     * @throws IllegalArgumentException if the frame has the wrong length
     */
    public List<Detection> process(short[] frame) {
        if (frame.length != PcmFormat.FRAME_SAMPLES) {
            throw new IllegalArgumentException("a frame must hold " + PcmFormat.FRAME_SAMPLES + " samples, got " + frame.length);
        }
        try {
            boolean open = gateOpen(frame);
            if (frontEnd.screening()) {
                framesSinceSilence = allZero(frame) ? 0 : Math.min(framesSinceSilence + 1, exactAfterSilence);
            }
            frontEnd.process(frame, false);
            waitingOpen[waiting] = open;
            waitingExact[waiting] = framesSinceSilence < exactAfterSilence;
            waiting++;
            frameIndex++;
            return waiting == batch ? scoreWaiting() : List.of();
        } catch (OrtException e) {
            throw new IllegalStateException("wake-word inference failed: " + e.getMessage(), e);
        }
    }

    /**
     * Scores the frames fed but not scored yet (when time batching, the last ones of a stream) and
     * returns their detections; nothing to do without time batching.
     */
    public List<Detection> flush() {
        try {
            return waiting == 0 ? List.of() : scoreWaiting();
        } catch (OrtException e) {
            throw new IllegalStateException("wake-word inference failed: " + e.getMessage(), e);
        }
    }

    /** Computes the embeddings owed (if any waiting frame is gated open), then scores each waiting frame, oldest first. */
    private List<Detection> scoreWaiting() throws OrtException {
        boolean anyOpen = false;
        for (int q = 0; q < waiting; q++) {
            anyOpen |= waitingOpen[q];
        }
        if (anyOpen) {
            frontEnd.embedOwed();
        }
        List<Detection> detections = List.of();
        for (int q = 0; q < waiting; q++) {
            int lag = waiting - 1 - q;
            long index = frameIndex - 1 - lag;
            headsRan = false;
            for (int i = 0; i < heads.length; i++) {
                boolean ready = waitingOpen[q] && frontEnd.embeddingsAvailable() - lag >= heads[i].window();
                scores[i] = ready ? heads[i].score(frontEnd, lag) : 0f;
                if (ready && frontEnd.screening() && (scores[i] >= screenThresholds[i] || waitingExact[q])) {
                    scores[i] = heads[i].scoreExact(frontEnd, lag);
                }
                headsRan |= ready;
                if (muted[i] > 0) {
                    muted[i]--;
                } else if (ready && scores[i] >= thresholds[i]) {
                    muted[i] = refractoryFrames;
                    if (detections.isEmpty()) {
                        detections = new ArrayList<>(1);
                    }
                    detections.add(new Detection(names[i], i, scores[i], index,
                            PcmFormat.seconds((index + 1) * PcmFormat.FRAME_SAMPLES)));
                }
            }
        }
        waiting = 0;
        return detections;
    }

    private static boolean allZero(short[] frame) {
        for (short s : frame) {
            if (s != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean gateOpen(short[] frame) {
        if (gateVad == null && levelGate == null) {
            return true;
        }
        if (levelGate != null && levelGate.loud(frame)) {
            framesSinceLoud = 0;
        } else if (framesSinceLoud < Integer.MAX_VALUE) {
            framesSinceLoud++;
        }
        if (gateVad == null) {
            return framesSinceLoud < GATE_FRAMES;
        }
        float speech = 0f;
        if (levelGate == null || framesSinceLoud < GATE_FRAMES) {
            int n = gateWindowing.push(gateVad, frame);
            speech = n == 0 ? 0f : gateWindowing.maxProbability();
        } else if (framesSinceLoud == GATE_FRAMES) {
            // the VAD sleeps until the level rises again, then starts from a clean state
            gateVad.reset();
            gateWindowing.reset();
        }
        gateHistory[(int) (frameIndex % GATE_FRAMES)] = speech;
        for (float p : gateHistory) {
            if (p >= gateThreshold) {
                return true;
            }
        }
        return false;
    }

    /** Number of keywords, in the builder's order. */
    public int keywordCount() {
        return heads.length;
    }

    /** Name of keyword {@code i}. */
    public String keywordName(int i) {
        return names[i];
    }

    /** Threshold of keyword {@code i}. */
    public float threshold(int i) {
        return thresholds[i];
    }

    /** Embeddings keyword {@code i} scores at once (read from its model's input shape). */
    public int window(int i) {
        return heads[i].window();
    }

    /**
     * Score of keyword {@code i} in the last frame scored (when time batching, the last of the latest
     * batch); 0 when it was not scored (warm-up or gate closed).
     * When screening, the exact model's score where the screen passed, else the screen's (below the
     * screen threshold).
     */
    public float score(int i) {
        return scores[i];
    }

    /** Whether any keyword model ran in the last frame scored (false during warm-up and while the gate is closed). */
    public boolean scoredLastFrame() {
        return headsRan;
    }

    /** Index of the first frame in which every keyword can be scored (24 for 16-embedding models). */
    public int warmUpFrames() {
        return warmUpFrames;
    }

    /**
     * When screening, how many exact embeddings were computed since construction (one per frame
     * would be no saving); 0 otherwise.
     */
    public long exactEmbeddingsComputed() {
        return frontEnd.screening() ? frontEnd.exactEmbeddingsComputed() : 0;
    }

    /** Frames processed since construction or the last reset. */
    public long framesProcessed() {
        return frameIndex;
    }

    /** Forgets all audio and refractory periods: the next frame starts a new stream (and a new warm-up). */
    public void reset() {
        frontEnd.reset();
        frameIndex = 0;
        waiting = 0;
        headsRan = false;
        Arrays.fill(scores, 0f);
        Arrays.fill(muted, 0);
        framesSinceSilence = exactAfterSilence;
        if (gateVad != null) {
            gateVad.reset();
            gateWindowing.reset();
            Arrays.fill(gateHistory, 0f);
        }
        framesSinceLoud = Integer.MAX_VALUE;
        if (levelGate != null) {
            levelGate.reset();
        }
    }

    @Override
    public void close() {
        for (KeywordHead h : heads) {
            h.close();
        }
        frontEnd.close();
        if (gateVad != null) {
            gateVad.close();
        }
    }

    /** A keyword head in {@code file}, or held in {@code model} when not null. */
    private record Keyword(String name, Path file, byte[] model, float threshold) {
    }

    /** Configures a {@link WakeWordDetector}. */
    public static final class Builder {
        private final List<Keyword> keywords = new ArrayList<>();
        private Path modelDirectory = ModelFiles.defaultDirectory();
        private double refractorySeconds = 2.0;
        private int threads = 1;
        private float gateThreshold = 0.5f;
        private boolean levelGate = true;
        /** The mel spectrogram model, or null for the Java one. */
        private String melFile;
        private String embeddingFile = ModelFiles.EMBEDDING;
        private String screenFile;
        private float screenThreshold;
        private int batch = 1;

        private Builder() {
        }

        /**
         * The front end's two model files in the model folder: the mel spectrogram model (default null:
         * the mel spectrogram is computed in Java, equal to {@link ModelFiles#MELSPECTROGRAM} within
         * 1.2e-4 dB at about a fifth of its CPU) and the embedding model (default
         * {@link ModelFiles#EMBEDDING}); {@link ModelFiles#EMBEDDING_INT8} is the int8 variant that
         * {@code hark models fetch} derives (docs/benchmarks/wakeword.md compares them).
         */
        public Builder frontEndFiles(String melFileName, String embeddingFileName) {
            this.melFile = melFileName;
            this.embeddingFile = embeddingFileName;
            return this;
        }

        /**
         * Screens every frame with the embedding model {@code screenFileName} in the model folder
         * (normally {@link ModelFiles#EMBEDDING_INT8}), computing the front end's own embedding model
         * only for the windows of keywords whose screened score reaches {@code threshold} (in (0, 1);
         * a keyword whose own threshold is lower is screened at its own), whose exact score then decides. Saves the exact model's cost
         * on all other frames; what it may change is measured in docs/benchmarks/wakeword.md.
         */
        public Builder screeningEmbedding(String screenFileName, float threshold) {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("screen threshold must be in (0, 1), got " + threshold);
            }
            this.screenFile = screenFileName;
            this.screenThreshold = threshold;
            return this;
        }

        /**
         * Computes the embeddings of {@code frames} frames (1 to 8; default 1) in one run of the
         * time-batched variant of the model that embeds every frame ({@link ModelFiles#timeBatched},
         * which {@code hark models fetch} derives), every {@code frames}-th frame: the same embeddings,
         * scores and detections, at about 0.56x (2), 0.33x (4) of the embedding CPU, each detection
         * returned up to {@code frames} - 1 frames (80 ms each) later (docs/benchmarks/wakeword.md).
         */
        public Builder embeddingBatch(int frames) {
            if (frames < 1 || frames > MAX_BATCH) {
                throw new IllegalArgumentException("embedding batch must be 1 to " + MAX_BATCH + " frames, got " + frames);
            }
            this.batch = frames;
            return this;
        }

        /**
         * Folder holding the front-end models ({@code melspectrogram.onnx}, {@code embedding_model.onnx}),
         * the VAD and the pre-trained keyword models (default: {@link ModelFiles#defaultDirectory()}).
         */
        public Builder modelDirectory(Path directory) {
            this.modelDirectory = directory;
            return this;
        }

        /** Adds a keyword model file, reported as {@code name}, firing at {@code threshold} (in (0, 1]). */
        public Builder keyword(String name, Path file, float threshold) {
            return add(new Keyword(name, file, null, threshold));
        }

        /**
         * Adds a described keyword head ({@code hark wakeword train} output or a bundled wake word),
         * firing at {@code threshold} (in (0, 1]; its calibrated one is {@link KeywordDescription#threshold()}).
         */
        public Builder keyword(KeywordDescription description, float threshold) {
            return add(new Keyword(description.name(), description.source(), description.model(), threshold));
        }

        private Builder add(Keyword k) {
            if (!(k.threshold > 0 && k.threshold <= 1)) {
                throw new IllegalArgumentException("threshold for " + k.name + " must be in (0, 1], got " + k.threshold);
            }
            keywords.add(k);
            return this;
        }

        /**
         * Adds a pre-trained openWakeWord model by name ({@code alexa}, {@code hey_jarvis},
         * {@code hey_mycroft}, {@code hey_rhasspy}), read from the model folder as
         * {@code <name>_v0.1.onnx}.
         */
        public Builder pretrainedKeyword(String name, float threshold) {
            return keyword(name, null, threshold);
        }

        /** How long a keyword stays muted after it fires (default 2 s), rounded to whole frames. */
        public Builder refractorySeconds(double seconds) {
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException("refractory period must be >= 0 s, got " + seconds);
            }
            this.refractorySeconds = seconds;
            return this;
        }

        /** ONNX Runtime intra-op threads per model (default 1: inference on the calling thread). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Runs the embedding model and the keyword models only while Silero VAD has seen speech
         * (probability {@code >= threshold}) within the last 1.28 s; default 0.5. 0 loads no VAD and turns
         * the level gate off too, so they run on every frame (a later {@link #levelGate(boolean) levelGate(true)}
         * keeps the level gate alone, as {@link #levelGateOnly()}). Costs one VAD inference per 32 ms; saves the embedding model and heads
         * in silence; see docs/benchmarks/wakeword.md for CPU and recall with and without it.
         */
        public Builder voiceActivityGate(float threshold) {
            if (!(threshold >= 0 && threshold < 1)) {
                throw new IllegalArgumentException("VAD gate threshold must be in [0, 1), got " + threshold);
            }
            this.gateThreshold = threshold;
            if (threshold == 0) {
                this.levelGate = false;
            }
            return this;
        }

        /**
         * Runs the embedding model and the keyword models only while a frame of the last 1.28 s stood
         * 6 dB above the background level, with no VAD (replaces {@link #voiceActivityGate(float)}).
         * Saves the VAD's CPU in speech, where its gate would be open anyway; costs the embedding in
         * loud non-speech sound that the VAD would have gated. docs/benchmarks/wakeword.md compares.
         */
        public Builder levelGateOnly() {
            this.gateThreshold = 0;
            this.levelGate = true;
            return this;
        }

        /**
         * Whether the level gate runs (default true): in front of the VAD gate it lets the VAD sleep
         * while no frame of the last 1.28 s stood 6 dB above the background level, saving the VAD's CPU
         * in steady background; with no VAD gate it gates the embedding model and the heads itself.
         * See docs/benchmarks/wakeword.md.
         */
        public Builder levelGate(boolean enabled) {
            this.levelGate = enabled;
            return this;
        }

        /**
         * Loads every model. Refuses (with a message naming the file or manifest entry) a missing model,
         * or one whose input or output shape is not what openWakeWord uses.
         */
        public WakeWordDetector build() throws ModelLoadException {
            for (int i = 0; i < keywords.size(); i++) {
                Keyword k = keywords.get(i);
                if (k.file == null) {
                    keywords.set(i, new Keyword(k.name,
                            ModelFiles.require(modelDirectory, ModelFiles.keywordFileName(k.name)), null, k.threshold));
                }
            }
            return new WakeWordDetector(this);
        }
    }
}
