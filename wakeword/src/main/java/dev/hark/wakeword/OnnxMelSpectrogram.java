package dev.hark.wakeword;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The mel spectrogram computed by openWakeWord's {@code melspectrogram.onnx} (or a variant of the same
 * shapes, such as its int8 one) on ONNX Runtime, for a fixed set of chunk lengths whose input and
 * output tensors are made once. The reference that {@link JavaMelSpectrogram} is tested against, and
 * the choice when {@code wake.precision.melspectrogram} names a model.
 *
 * <p>Cost per call: one inference (two 257 x 512 convolutions per mel frame) and a copy of the output;
 * no Java allocation beyond ONNX Runtime's result bookkeeping. Not thread-safe.
 */
final class OnnxMelSpectrogram implements MelSpectrogram {
    private final OnnxModel model;
    private final int[] lengths;
    private final FloatTensor[] inputs;
    private final FloatTensor[] outputs;
    private final Map<String, OnnxTensor>[] inputMaps;
    private final Map<String, OnnxTensor>[] outputMaps;

    /** Opens {@code file} with {@code threads} intra-op threads, for chunks of the given {@code lengths}. */
    @SuppressWarnings("unchecked")
    OnnxMelSpectrogram(Path file, int threads, int... lengths) throws ModelLoadException {
        this.lengths = lengths.clone();
        this.inputs = new FloatTensor[lengths.length];
        this.outputs = new FloatTensor[lengths.length];
        this.inputMaps = new Map[lengths.length];
        this.outputMaps = new Map[lengths.length];
        model = OnnxModel.open(file, threads, "openWakeWord melspectrogram model");
        try {
            model.requireShape(true, 0, OnnxJavaType.FLOAT, "the openWakeWord melspectrogram model", 1, OnnxModel.ANY);
            model.requireShape(false, 0, OnnxJavaType.FLOAT, "the openWakeWord melspectrogram model",
                    1, 1, OnnxModel.ANY, BINS);
            String in = model.inputName(0);
            String out = model.outputName(0);
            for (int i = 0; i < lengths.length; i++) {
                inputs[i] = new FloatTensor(1, lengths[i]);
                outputs[i] = new FloatTensor(1, 1, MelSpectrogram.frames(lengths[i]), BINS);
                inputMaps[i] = Map.of(in, inputs[i].tensor());
                outputMaps[i] = Map.of(out, outputs[i].tensor());
            }
        } catch (OrtException e) {
            close();
            throw new ModelLoadException(file + ": cannot prepare tensors (" + e.getMessage() + ")", e);
        } catch (ModelLoadException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public int compute(float[] samples, int length, float[] out) throws OrtException {
        int i = 0;
        while (i < lengths.length && lengths[i] != length) {
            i++;
        }
        if (i == lengths.length) {
            throw new IllegalArgumentException("no tensors for chunks of " + length + " samples");
        }
        FloatBuffer in = inputs[i].buffer();
        in.put(0, samples, 0, length);
        try (OrtSession.Result ignored = model.session().run(inputMaps[i], outputMaps[i])) {
            FloatBuffer result = outputs[i].buffer();
            result.get(0, out, 0, result.capacity());
            return result.capacity() / BINS;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < lengths.length; i++) {
            if (inputs[i] != null) {
                inputs[i].close();
            }
            if (outputs[i] != null) {
                outputs[i].close();
            }
        }
        model.close();
    }
}
