package dev.hark.asr.model;

import java.io.IOException;

/** An acoustic model file is missing, malformed or inconsistent; the message names the file. */
public class ModelFormatException extends IOException {
    public ModelFormatException(String message) {
        super(message);
    }
}
