package dev.hark.wakeword;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.Map;

/**
 * One openWakeWord keyword model: scores the latest N speech embeddings (N read from the model's input
 * shape {@code [1, N, 96]}; 16 for the pre-trained models) with a probability that the keyword just
 * ended. Cost per frame: one small inference and a copy of N x 96 floats; no Java allocation beyond
 * ONNX Runtime's result bookkeeping. Not thread-safe.
 */
final class KeywordHead implements AutoCloseable {
    private final OnnxModel model;
    private final int window;
    private final FloatTensor input;
    private final FloatTensor output;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> outputs;

    KeywordHead(Path file, int threads) throws ModelLoadException {
        this(file, null, threads);
    }

    /** Opens the head in {@code file}, or held in {@code bytes} when not null ({@code file} then names it). */
    KeywordHead(Path file, byte[] bytes, int threads) throws ModelLoadException {
        OnnxModel m = bytes == null ? OnnxModel.open(file, threads, "openWakeWord keyword model")
                : OnnxModel.open(bytes, file, threads, "openWakeWord keyword model");
        try {
            String what = "an openWakeWord keyword model";
            long[] in = m.requireShape(true, 0, OnnxJavaType.FLOAT, what,
                    1, OnnxModel.ANY, SpeechEmbeddingFrontEnd.EMBEDDING_DIM);
            m.requireShape(false, 0, OnnxJavaType.FLOAT, what, 1, 1);
            if (in[1] < 1) {
                throw new ModelLoadException(file + ": not " + what + " (its embedding window length is "
                        + (in[1] < 0 ? "dynamic" : Long.toString(in[1])) + "; the input must be [1, N, 96] with a fixed N)");
            }
            window = (int) in[1];
            input = new FloatTensor(1, window, SpeechEmbeddingFrontEnd.EMBEDDING_DIM);
            output = new FloatTensor(1, 1);
            inputs = Map.of(m.inputName(0), input.tensor());
            outputs = Map.of(m.outputName(0), output.tensor());
        } catch (OrtException e) {
            m.close();
            throw new ModelLoadException(file + ": cannot prepare tensors (" + e.getMessage() + ")", e);
        } catch (ModelLoadException | RuntimeException e) {
            m.close();
            throw e;
        }
        model = m;
    }

    /** Embeddings the model scores at once. */
    int window() {
        return window;
    }

    Path file() {
        return model.file();
    }

    /**
     * Scores the {@link #window()} embeddings that end {@code lag} before the front end's latest; the
     * front end must hold that many.
     */
    float score(SpeechEmbeddingFrontEnd frontEnd, int lag) throws OrtException {
        frontEnd.copyEmbeddings(window, lag, input.buffer());
        return run();
    }

    /**
     * Scores the exact model's embeddings of a screening front end's {@link #window()} frames that end
     * {@code lag} before its latest.
     */
    float scoreExact(SpeechEmbeddingFrontEnd frontEnd, int lag) throws OrtException {
        frontEnd.copyExactEmbeddings(window, lag, input.buffer());
        return run();
    }

    private float run() throws OrtException {
        try (OrtSession.Result ignored = model.session().run(inputs, outputs)) {
            return output.buffer().get(0);
        }
    }

    @Override
    public void close() {
        input.close();
        output.close();
        model.close();
    }
}
