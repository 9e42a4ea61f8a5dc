package dev.hark.wakeword;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One ONNX Runtime session over a model file, opened with a fixed number of intra-op threads and
 * checked against the input and output shapes the caller expects, so that a wrong file is refused at
 * load with one line naming it. Opening costs the model's parse and graph optimisation (tens of ms);
 * the session's memory is held until the last {@link #close()}.
 *
 * <p>A session holds no per-stream state (the VAD's recurrent state, the front end's history live in
 * their callers' tensors) and ONNX Runtime sessions may run from several threads, so the same file
 * opened twice shares one session: the wake-word gate and the command endpointer share one Silero VAD,
 * and a configuration reload that keeps a model does not load it a second time (a Silero VAD session
 * holds about 14 MB). Sessions are opened for a small board: one intra-op thread by default, no
 * spinning, and no memory arena (ONNX Runtime's arena keeps the largest blocks a run ever needed; these
 * models' tensors are a few kB to a few hundred kB, which malloc serves as fast).
 */
final class OnnxModel implements AutoCloseable {
    /** Marks a dimension that may be anything (dynamic or any positive size). */
    static final long ANY = Long.MIN_VALUE;

    /** Open sessions by file and thread count, with the number of handles on each. */
    private static final Map<String, Shared> OPEN = new HashMap<>();

    private final Path file;
    private final String key;
    private final OrtSession session;
    private boolean closed;

    private static final class Shared {
        final OrtSession session;
        int handles;

        Shared(OrtSession session) {
            this.session = session;
        }
    }

    private OnnxModel(Path file, String key, OrtSession session) {
        this.file = file;
        this.key = key;
        this.session = session;
    }

    /** The shared ONNX Runtime environment; logs only errors, so that stderr stays clean. */
    static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "hark");
    }

    /**
     * Opens {@code file} with {@code threads} intra-op threads (no spinning, so an idle pipeline
     * leaves the cores idle). {@code what} names the model in error messages.
     */
    static OnnxModel open(Path file, int threads, String what) throws ModelLoadException {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + ": no such " + what + " file");
        }
        return shared(file.toAbsolutePath().normalize() + "#" + threads, file, what, () -> {
            try (OrtSession.SessionOptions options = options(threads)) {
                return environment().createSession(file.toString(), options);
            }
        });
    }

    /**
     * Opens a model held in memory (a bundled head, or one read from a trained head's description);
     * {@code name} stands for its file in messages. The same bytes opened twice share one session,
     * whatever their name (keyed by their sha256, so a head retrained in place is a new session).
     */
    static OnnxModel open(byte[] model, Path name, int threads, String what) throws ModelLoadException {
        return shared("sha256:" + KeywordDescription.sha256(model) + "#" + threads, name, what, () -> {
            try (OrtSession.SessionOptions options = options(threads)) {
                return environment().createSession(model, options);
            }
        });
    }

    private interface SessionOpener {
        OrtSession open() throws OrtException;
    }

    private static OnnxModel shared(String key, Path file, String what, SessionOpener opener)
            throws ModelLoadException {
        synchronized (OPEN) {
            Shared shared = OPEN.get(key);
            if (shared == null) {
                try {
                    shared = new Shared(opener.open());
                } catch (OrtException e) {
                    throw new ModelLoadException(file + ": cannot load " + what + " as an ONNX model ("
                            + firstLine(e.getMessage()) + ")", e);
                }
                OPEN.put(key, shared);
            }
            shared.handles++;
            return new OnnxModel(file, key, shared.session);
        }
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.setCPUArenaAllocator(false);
        options.setMemoryPatternOptimization(false); // it plans allocations out of the arena
        return options;
    }

    Path file() {
        return file;
    }

    OrtSession session() {
        return session;
    }

    /** The name of input {@code index}, in model order. */
    String inputName(int index) throws ModelLoadException {
        return nodeName(true, index);
    }

    /** The name of output {@code index}, in model order. */
    String outputName(int index) throws ModelLoadException {
        return nodeName(false, index);
    }

    /**
     * The shape of input or output {@code index}, checked to be a float (or {@code type}) tensor
     * matching {@code expected} ({@link #ANY} matches any size; a dynamic dimension in the model
     * matches anything). Refuses a mismatch with a message naming the file, the node and both shapes.
     */
    long[] requireShape(boolean input, int index, OnnxJavaType type, String what, long... expected)
            throws ModelLoadException {
        try {
            Map<String, NodeInfo> nodes = input ? session.getInputInfo() : session.getOutputInfo();
            String side = input ? "input" : "output";
            if (nodes.size() <= index) {
                throw new ModelLoadException(file + ": not " + what + " (it has " + nodes.size() + " "
                        + side + "s, expected at least " + (index + 1) + ")");
            }
            NodeInfo node = nodes.values().stream().skip(index).findFirst().orElseThrow();
            if (!(node.getInfo() instanceof TensorInfo info) || info.type != type) {
                throw new ModelLoadException(file + ": not " + what + " (" + side + " '" + node.getName()
                        + "' is " + node.getInfo() + ", expected a " + type + " tensor)");
            }
            long[] shape = info.getShape();
            boolean matches = shape.length == expected.length;
            for (int i = 0; matches && i < shape.length; i++) {
                matches = expected[i] == ANY || shape[i] < 0 || shape[i] == expected[i];
            }
            if (!matches) {
                throw new ModelLoadException(file + ": not " + what + " (" + side + " '" + node.getName()
                        + "' has shape " + Arrays.toString(shape) + ", expected " + describe(expected) + ")");
            }
            return shape;
        } catch (OrtException e) {
            throw new ModelLoadException(file + ": cannot read the model's inputs (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private String nodeName(boolean input, int index) throws ModelLoadException {
        Iterator<String> names = (input ? session.getInputNames() : session.getOutputNames()).iterator();
        for (int i = 0; i < index && names.hasNext(); i++) {
            names.next();
        }
        if (!names.hasNext()) {
            throw new ModelLoadException(file + ": the model has no " + (input ? "input " : "output ") + index);
        }
        return names.next();
    }

    private static String describe(long[] expected) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < expected.length; i++) {
            sb.append(i > 0 ? ", " : "").append(expected[i] == ANY ? "N" : Long.toString(expected[i]));
        }
        return sb.append(']').toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Releases this handle; the session closes with the last handle on it. */
    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            Shared shared = OPEN.get(key);
            if (--shared.handles > 0) {
                return;
            }
            OPEN.remove(key);
        }
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": failed to release the ONNX session", e);
        }
    }
}
