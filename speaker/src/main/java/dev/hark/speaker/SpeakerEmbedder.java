package dev.hark.speaker;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns an utterance (16 kHz mono 16-bit PCM) into a unit-length speaker embedding: the model's
 * log-mel frontend ({@link FbankFrontend}), then the embedding network on ONNX Runtime. Without
 * options it runs Hark's built-in model, shipped inside this jar, so it works with no download.
 *
 * <p>Cost: about 1 ms of frontend and a few ms of network per second of audio on a desktop core
 * (docs/benchmarks/speaker.md has measured figures); the session holds the model (about 2.5 MB float,
 * 0.7 MB int8) plus ONNX Runtime's working memory. One call allocates the feature array of the
 * utterance. Not thread-safe: use one embedder per thread. {@link #close()} frees the native session.
 *
 * <pre>{@code
 * try (SpeakerEmbedder embedder = SpeakerEmbedder.builder().build()) {
 *     float[] voicePrint = embedder.embed(pcm16k);
 * }
 * }</pre>
 */
public final class SpeakerEmbedder implements AutoCloseable {
    /** Loudest-frame level below which audio counts as silent. */
    public static final double SILENCE_DBFS = -50.0;
    /** The least speech (non-silent frames) an utterance needs to be embedded at all. */
    public static final double MIN_SPEECH_SECONDS = 0.3;

    /** Which of the model's two files to run. */
    public enum Variant { FP32, INT8 }

    private final SpeakerModelDescription description;
    private final Variant variant;
    private final FbankFrontend frontend;
    private final OrtEnvironment env;
    private final OrtSession session;

    private SpeakerEmbedder(Builder b) throws IOException {
        description = b.description != null ? b.description : SpeakerModelDescription.builtIn();
        variant = b.variant;
        frontend = new FbankFrontend(description.frontend());
        byte[] model = b.modelFile != null ? readModel(b.modelFile) : builtInModel(description, variant);
        checkSha256(model, variant == Variant.INT8 ? description.int8Sha256() : description.fp32Sha256(),
                b.modelFile != null ? b.modelFile.toString() : description.name() + " (" + variant.name().toLowerCase() + ")");
        // one environment per process: asked for with the wake-word models' level and name, so that ONNX
        // Runtime does not warn that another was asked for, and logs only errors
        env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "hark");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(b.threads);
            options.setInterOpNumThreads(1);
            // No CPU arena: it keeps the largest tensors a command ever needed (it grows by powers of
            // two) for as long as the loop runs; malloc serves them as fast (the same CPU over 156
            // commands, and the listening loop's peak RSS ~0.5 MB lower: docs/benchmarks/asr.md). The
            // memory pattern stays: without it the embedding costs ~3 % more.
            options.setCPUArenaAllocator(false);
            session = env.createSession(model, options);
        } catch (OrtException e) {
            throw new IOException((b.modelFile != null ? b.modelFile.toString() : description.name())
                    + ": cannot load speaker model (" + e.getMessage() + ")", e);
        }
    }

    private static void checkSha256(byte[] model, String expected, String source) throws IOException {
        if (expected == null) {
            return;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(model);
            String actual = java.util.HexFormat.of().formatHex(digest);
            if (!actual.equalsIgnoreCase(expected)) {
                throw new IOException(source + ": corrupt speaker model (sha256 " + actual + ", expected " + expected + ")");
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readModel(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(file + ": no such speaker model file");
        }
    }

    private static byte[] builtInModel(SpeakerModelDescription d, Variant v) throws IOException {
        String file = v == Variant.INT8 ? d.int8File() : d.fp32File();
        if (file == null) {
            throw new IOException(d.name() + ": no " + v.name().toLowerCase() + " variant is described");
        }
        try (InputStream in = SpeakerEmbedder.class.getResourceAsStream("/dev/hark/speaker/" + file)) {
            if (in == null) {
                throw new IOException("hark-speaker is missing its built-in model " + file);
            }
            return in.readAllBytes();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public SpeakerModelDescription description() {
        return description;
    }

    public Variant variant() {
        return variant;
    }

    /** The frontend's features of {@code pcm16k}, for callers that check input before embedding. */
    public FbankFrontend.Features features(short[] pcm16k) {
        return frontend.compute(pcm16k);
    }

    /**
     * The unit-length embedding of {@code pcm16k}. Refuses silent audio and audio with less than
     * {@code minSpeechSeconds} of speech with a {@link SpeakerInputException} saying which.
     */
    public float[] embed(short[] pcm16k, double minSpeechSeconds) {
        FbankFrontend.Features f = frontend.compute(pcm16k);
        check(f, minSpeechSeconds);
        return embed(f);
    }

    /** {@link #embed(short[], double)} with the least speech any embedding needs ({@value #MIN_SPEECH_SECONDS} s). */
    public float[] embed(short[] pcm16k) {
        return embed(pcm16k, MIN_SPEECH_SECONDS);
    }

    /** Refuses features that cannot give a trustworthy embedding. */
    public void check(FbankFrontend.Features f, double minSpeechSeconds) {
        double seconds = f.totalFrames() * (double) description.frontend().frameShift() / description.frontend().sampleRate();
        if (f.totalFrames() == 0 || f.loudestFrameDbfs() < SILENCE_DBFS) {
            throw new SpeakerInputException(f.totalFrames() == 0 ? "too short (not one complete "
                    + 1000 * description.frontend().frameLength() / description.frontend().sampleRate() + " ms frame)"
                    : String.format(java.util.Locale.ROOT, "silent (loudest frame %.0f dBFS, speech needs above %.0f dBFS)",
                    f.loudestFrameDbfs(), SILENCE_DBFS));
        }
        double speech = f.speechSeconds(description.frontend());
        if (speech < minSpeechSeconds) {
            throw new SpeakerInputException(String.format(java.util.Locale.ROOT,
                    "too short (%.2f s of speech in %.2f s of audio; at least %.1f s is needed)",
                    speech, seconds, minSpeechSeconds));
        }
    }

    /** Runs the network on already computed features; normalises the result to unit length. */
    public float[] embed(FbankFrontend.Features f) {
        long[] shape = {1, f.frames(), f.melBins()};
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(f.values()), shape);
             OrtSession.Result result = session.run(Map.of(description.input(), input))) {
            float[][] out = (float[][]) result.get(0).getValue();
            float[] e = out[0];
            if (e.length != description.embeddingDim()) {
                throw new IllegalStateException(description.name() + ": model gave " + e.length
                        + " values, its description says " + description.embeddingDim());
            }
            return Embeddings.normalise(e);
        } catch (OrtException e) {
            throw new IllegalStateException(description.name() + ": inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options of a {@link SpeakerEmbedder}; every one has a working default. */
    public static final class Builder {
        private SpeakerModelDescription description;
        private Path modelFile;
        private Variant variant = Variant.FP32;
        private int threads = 1;

        private Builder() {
        }

        /** A model other than the built-in one: its description and ONNX file. */
        public Builder model(SpeakerModelDescription description, Path onnxFile) {
            this.description = description;
            this.modelFile = onnxFile;
            return this;
        }

        /** Which built-in file to run (default {@link Variant#FP32}). */
        public Builder variant(Variant variant) {
            this.variant = variant;
            return this;
        }

        /** ONNX Runtime intra-op threads (default 1: a Pi's cores are shared with the rest of the loop). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /** Loads the model; fails with an IOException naming the model if it cannot. */
        public SpeakerEmbedder build() throws IOException {
            return new SpeakerEmbedder(this);
        }
    }
}
