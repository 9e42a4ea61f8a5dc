package dev.hark.audio;

import java.io.IOException;

/**
 * An audio input Hark cannot use (not RIFF/WAVE, compressed, truncated, unsupported layout). The
 * message is one line naming the input and the problem, fit to show a user as it is.
 */
public class AudioFormatException extends IOException {
    public AudioFormatException(String message) {
        super(message);
    }
}
