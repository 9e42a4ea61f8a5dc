package dev.hark.runtime.feedback;

import java.io.IOException;

/**
 * Where Hark's sounds and speech go: the sound card ({@link SoundCardOutput}) or a folder of WAV files
 * ({@link WavFolderOutput}, for tests and headless machines). Used from one thread at a time, except
 * {@link #stop()}, which any thread may call.
 */
public interface AudioOutput extends AutoCloseable {

    /** Plays the clip and returns when it has been played (or written), or when {@link #stop()} cut it short. */
    void play(AudioClip clip) throws IOException;

    /** Cuts the clip being played short (barge-in); does nothing when idle. */
    void stop();

    /** Releases the device. */
    @Override
    void close();
}
