package dev.hark.wakeword;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A float tensor over a direct buffer that Java and ONNX Runtime share: writing {@link #buffer()}
 * changes the next inference's input, and a run that pins this tensor as an output writes its result
 * there. This is what keeps inference free of per-call tensor allocation ({@link OnnxTensor#getFloatBuffer()}
 * would copy). Costs the buffer's native memory until {@link #close()}.
 */
final class FloatTensor implements AutoCloseable {
    private final OnnxTensor tensor;
    private final FloatBuffer buffer;

    FloatTensor(long... shape) throws OrtException {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        buffer = ByteBuffer.allocateDirect((int) n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        tensor = OnnxTensor.createTensor(OnnxModel.environment(), buffer, shape);
    }

    OnnxTensor tensor() {
        return tensor;
    }

    /** The shared memory, indexed absolutely (its position is never moved). */
    FloatBuffer buffer() {
        return buffer;
    }

    @Override
    public void close() {
        tensor.close();
    }
}
