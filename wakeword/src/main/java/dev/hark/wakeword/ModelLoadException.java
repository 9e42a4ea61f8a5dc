package dev.hark.wakeword;

import java.io.IOException;

/**
 * A model file that cannot be used: missing, unreadable, not ONNX, or with inputs and outputs of the
 * wrong shape. The message is one line naming the file (or the manifest entry) and the problem.
 */
public class ModelLoadException extends IOException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
