package dev.hark.wakeword;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.hark.audio.PcmFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Silero VAD v5 on ONNX Runtime: the probability that a 32 ms window (512 samples at 16 kHz) holds
 * speech, with the model's recurrent state carried from one window to the next.
 *
 * <p>As in the silero-vad reference wrapper, each call feeds the model 576 samples: the last 64 samples
 * of the previous window (zeros after a reset) followed by the new 512, scaled to [-1, 1], together
 * with the {@code [2, 1, 128]} state the previous call returned and the sample rate.
 *
 * <pre>{@code
 * try (VoiceActivityDetector vad = VoiceActivityDetector.builder().build()) {
 *     float p = vad.process(pcm, offset);   // 512 samples from offset
 * }
 * }</pre>
 *
 * <p>Cost: one inference per window (see docs/benchmarks/wakeword.md); no Java allocation beyond
 * ONNX Runtime's result bookkeeping. Not thread-safe; one instance per stream.
 */
public final class VoiceActivityDetector implements AutoCloseable {
    /** Samples per window at 16 kHz. */
    public static final int WINDOW_SAMPLES = 512;
    /** Samples of the previous window the v5 model sees before each new window. */
    static final int CONTEXT_SAMPLES = 64;
    private static final int STATE_SIZE = 2 * 128;

    private final OnnxModel model;
    private final FloatTensor input;
    private final OnnxTensor sampleRate;
    private final FloatTensor probability;
    private final FloatTensor[] state = new FloatTensor[2];
    /** Inputs and pinned outputs for even and odd calls: the state ping-pongs between two tensors. */
    private final Map<String, OnnxTensor>[] inputs;
    private final Map<String, OnnxTensor>[] outputs;
    private final float[] context = new float[CONTEXT_SAMPLES];
    private int parity;

    private VoiceActivityDetector(Builder b) throws ModelLoadException {
        Path file = b.model != null ? b.model : ModelFiles.require(b.modelDirectory, ModelFiles.SILERO_VAD);
        OnnxModel m = OnnxModel.open(file, b.threads, "Silero VAD model");
        try {
            String what = "a Silero VAD v5 model";
            m.requireShape(true, 0, OnnxJavaType.FLOAT, what, OnnxModel.ANY, OnnxModel.ANY);
            m.requireShape(true, 1, OnnxJavaType.FLOAT, what, 2, OnnxModel.ANY, 128);
            m.requireShape(true, 2, OnnxJavaType.INT64, what);
            m.requireShape(false, 0, OnnxJavaType.FLOAT, what, OnnxModel.ANY, 1);
            m.requireShape(false, 1, OnnxJavaType.FLOAT, what, OnnxModel.ANY, OnnxModel.ANY, OnnxModel.ANY);
            input = new FloatTensor(1, CONTEXT_SAMPLES + WINDOW_SAMPLES);
            state[0] = new FloatTensor(2, 1, 128);
            state[1] = new FloatTensor(2, 1, 128);
            probability = new FloatTensor(1, 1);
            sampleRate = OnnxTensor.createTensor(OnnxModel.environment(),
                    ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer()
                            .put(0, PcmFormat.SAMPLE_RATE),
                    new long[0]);
            String in = m.inputName(0);
            String st = m.inputName(1);
            String sr = m.inputName(2);
            String out = m.outputName(0);
            String stOut = m.outputName(1);
            @SuppressWarnings("unchecked")
            Map<String, OnnxTensor>[] ins = new Map[] {
                    Map.of(in, input.tensor(), st, state[0].tensor(), sr, sampleRate),
                    Map.of(in, input.tensor(), st, state[1].tensor(), sr, sampleRate)};
            @SuppressWarnings("unchecked")
            Map<String, OnnxTensor>[] outs = new Map[] {
                    Map.of(out, probability.tensor(), stOut, state[1].tensor()),
                    Map.of(out, probability.tensor(), stOut, state[0].tensor())};
            inputs = ins;
            outputs = outs;
        } catch (OrtException e) {
            m.close();
            throw new ModelLoadException(file + ": cannot prepare tensors (" + e.getMessage() + ")", e);
        } catch (ModelLoadException | RuntimeException e) {
            m.close();
            throw e;
        }
        model = m;
        reset();
    }

    /** A builder reading {@code silero_vad_v5.onnx} from {@link ModelFiles#defaultDirectory()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The speech probability of the 512 samples of {@code pcm} from {@code offset}, given every
     * window before it since the last reset.
     */
    public float process(short[] pcm, int offset) {
        FloatBuffer in = input.buffer();
        for (int i = 0; i < CONTEXT_SAMPLES; i++) {
            in.put(i, context[i]);
        }
        for (int i = 0; i < WINDOW_SAMPLES; i++) {
            in.put(CONTEXT_SAMPLES + i, pcm[offset + i] / 32768f);
        }
        for (int i = 0; i < CONTEXT_SAMPLES; i++) {
            context[i] = in.get(WINDOW_SAMPLES + i);
        }
        try (OrtSession.Result ignored = model.session().run(inputs[parity], outputs[parity])) {
            parity ^= 1;
            return probability.buffer().get(0);
        } catch (OrtException e) {
            throw new IllegalStateException(model.file() + ": VAD inference failed: " + e.getMessage(), e);
        }
    }

    /** Forgets all audio: zero state and context, as at construction. */
    public void reset() {
        parity = 0;
        FloatBuffer s = state[0].buffer();
        for (int i = 0; i < STATE_SIZE; i++) {
            s.put(i, 0f);
        }
        Arrays.fill(context, 0f);
    }

    @Override
    public void close() {
        input.close();
        state[0].close();
        state[1].close();
        probability.close();
        sampleRate.close();
        model.close();
    }

    /** Configures a {@link VoiceActivityDetector}. */
    public static final class Builder {
        private Path modelDirectory = ModelFiles.defaultDirectory();
        private Path model;
        private int threads = 1;

        private Builder() {
        }

        /** Folder holding {@code silero_vad_v5.onnx} (default: {@link ModelFiles#defaultDirectory()}). */
        public Builder modelDirectory(Path directory) {
            this.modelDirectory = directory;
            return this;
        }

        /** An explicit model file, overriding the folder. */
        public Builder model(Path file) {
            this.model = file;
            return this;
        }

        /** ONNX Runtime intra-op threads (default 1). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Loads the model; refuses a missing file or one whose inputs are not Silero VAD v5's. */
        public VoiceActivityDetector build() throws ModelLoadException {
            return new VoiceActivityDetector(this);
        }
    }
}
