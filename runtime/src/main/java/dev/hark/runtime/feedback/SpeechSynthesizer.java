package dev.hark.runtime.feedback;

import java.io.IOException;

/** Turns text into speech audio. Implementations may take a second or more; call off the audio thread. */
public interface SpeechSynthesizer {

    /** The text spoken, as a clip labelled "say". */
    AudioClip synthesize(String text) throws IOException;
}
