package dev.hark.audio;

import java.io.IOException;

/** A capture device that is absent, busy or gone; the message names it and, when absent, the alternatives. */
public class AudioDeviceException extends IOException {
    public AudioDeviceException(String message) {
        super(message);
    }
}
