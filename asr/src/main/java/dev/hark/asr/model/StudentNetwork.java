package dev.hark.asr.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams feature frames through the neural acoustic model on ONNX Runtime and hands out one row
 * of class scores per frame, in order. The network sees {@code left} frames before and
 * {@code right} after each scored frame; the first frame of an utterance is repeated {@code left}
 * times before it and the last {@code right} times after it, as in training. Frames are run
 * {@code chunk} at a time, with the convolutions' context carried between runs in cache tensors, so
 * a stream costs the same as the whole utterance at once; a frame's scores are therefore ready
 * {@link #lookahead()} frames after it was pushed.
 *
 * <p>All tensors are direct buffers shared with ONNX Runtime and bound once (the caches ping-pong
 * between two sets), so a run allocates only ONNX Runtime's result handle. Not thread-safe; one
 * per stream. {@link #close()} frees the native session and tensors.
 */
final class StudentNetwork implements AutoCloseable {
    private final NeuralModelDescription d;
    private final OrtSession session;
    private final int dim;
    private final int chunk;
    private final int classes;
    private final int discard;
    private final FloatBuffer input;
    private final FloatBuffer output;
    private final FloatBuffer[][] caches;
    private final OnnxTensor[] owned;
    private final Map<String, OnnxTensor>[] inputs;
    private final Map<String, OnnxTensor>[] outputs;
    private int parity;
    /** ring of scored frames: [slot][class] */
    private final float[][] ring;
    private final float[] last;
    private int pending;
    private long fed;
    private long produced;
    private long consumed;
    private long observed;

    @SuppressWarnings("unchecked")
    StudentNetwork(NeuralModelDescription d, byte[] model, int dim, int threads, String source) throws IOException {
        this.d = d;
        this.dim = dim;
        this.chunk = d.chunk();
        this.classes = d.classes();
        this.discard = d.left() + d.right();
        // one environment per process: asked for with the wake-word models' level and name, so that ONNX
        // Runtime does not warn that another was asked for, and logs only errors
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "hark");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            // No CPU arena: it would hold ~1 MB for tensors of a few kB per run for as long as the loop
            // runs (the listening loop's peak RSS fell by that much). The memory pattern stays: it serves
            // each run's intermediates from one block, and without it the network costs ~7 % more CPU.
            // docs/benchmarks/asr.md measures both.
            options.setCPUArenaAllocator(false);
            session = env.createSession(model, options);
        } catch (OrtException e) {
            throw new IOException(source + ": cannot load the neural acoustic model (" + e.getMessage() + ")", e);
        }
        int n = d.caches().size();
        owned = new OnnxTensor[2 + 2 * n];
        caches = new FloatBuffer[2][n];
        try {
            input = direct(dim * chunk);
            output = direct(classes * chunk);
            owned[0] = OnnxTensor.createTensor(env, input, new long[] {1, dim, chunk});
            owned[1] = OnnxTensor.createTensor(env, output, new long[] {1, classes, chunk});
            inputs = new Map[2];
            outputs = new Map[2];
            for (int p = 0; p < 2; p++) {
                inputs[p] = new HashMap<>();
                outputs[p] = new HashMap<>();
                inputs[p].put(d.input(), owned[0]);
                outputs[p].put(d.output(), owned[1]);
            }
            for (int i = 0; i < n; i++) {
                NeuralModelDescription.Cache c = d.caches().get(i);
                long size = 1;
                for (long s : c.shape()) size *= s;
                for (int p = 0; p < 2; p++) {
                    caches[p][i] = direct((int) size);
                    owned[2 + 2 * i + p] = OnnxTensor.createTensor(env, caches[p][i], c.shape());
                }
                // even runs read set 0 and write set 1; odd runs the other way round
                inputs[0].put(c.input(), owned[2 + 2 * i]);
                outputs[0].put(c.output(), owned[2 + 2 * i + 1]);
                inputs[1].put(c.input(), owned[2 + 2 * i + 1]);
                outputs[1].put(c.output(), owned[2 + 2 * i]);
            }
        } catch (OrtException e) {
            close();
            throw new IOException(source + ": cannot prepare the model's tensors (" + e.getMessage() + ")", e);
        }
        ring = new float[lookahead() + d.left() + 2 * chunk + 1][classes];
        last = new float[dim];
        reset();
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Frames between pushing a frame and its scores being ready: the right context plus a chunk's wait. */
    int lookahead() {
        return d.right() + chunk - 1;
    }

    int classes() {
        return classes;
    }

    /** Pushes the next frame of the utterance. */
    void push(float[] feature) {
        if (observed == 0) {
            for (int i = 0; i < d.left(); i++) enqueue(feature);
        }
        enqueue(feature);
        System.arraycopy(feature, 0, last, 0, dim);
        observed++;
    }

    /** The utterance ended: pads it with its last frame and scores everything pushed. */
    void finish() {
        if (observed == 0) return;
        for (int i = 0; i < d.right(); i++) enqueue(last);
        if (pending > 0) {
            // fill the fixed-size input; outputs past the utterance are never read
            int real = pending;
            while (pending < chunk) put(last);
            run(real);
        }
    }

    /** Whether the next frame's scores are ready. */
    boolean ready() {
        return consumed < produced;
    }

    /** Scores (log posterior minus log prior per class) of the next frame, oldest first; the array is reused. */
    float[] next() {
        if (consumed >= produced) throw new IllegalStateException("no scored frame ready");
        return ring[(int) (consumed++ % ring.length)];
    }

    /** Forgets the utterance. */
    void reset() {
        for (FloatBuffer[] set : caches) {
            for (FloatBuffer b : set) {
                for (int i = 0; i < b.capacity(); i++) b.put(i, 0f);
            }
        }
        parity = 0;
        pending = 0;
        fed = produced = consumed = observed = 0;
    }

    private void enqueue(float[] feature) {
        put(feature);
        if (pending == chunk) run(chunk);
    }

    private void put(float[] feature) {
        for (int c = 0; c < dim; c++) input.put(c * chunk + pending, feature[c]);
        pending++;
    }

    // Runs the network on the full input; keeps the first `real` outputs of this run that belong to
    // the utterance (stream position discard and later).
    private void run(int real) {
        try (OrtSession.Result ignored = session.run(inputs[parity], outputs[parity])) {
            parity ^= 1;
        } catch (OrtException e) {
            throw new IllegalStateException(d.name() + ": inference failed: " + e.getMessage(), e);
        }
        for (int n = 0; n < real; n++) {
            long position = fed + n;
            if (position < discard) continue;
            float[] row = ring[(int) (produced++ % ring.length)];
            for (int c = 0; c < classes; c++) row[c] = output.get(c * chunk + n);
        }
        fed += real;
        pending = 0;
    }

    @Override
    public void close() {
        for (OnnxTensor t : owned) {
            if (t != null) t.close();
        }
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
