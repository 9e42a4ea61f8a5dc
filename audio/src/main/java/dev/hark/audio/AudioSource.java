package dev.hark.audio;

import java.io.IOException;

/**
 * A stream of Hark audio ({@link PcmFormat}: 16 kHz mono 16-bit) read one 80 ms frame at a time.
 * Implementations: {@link WavFileSource}, {@link RawPcmSource} (stdin), {@link MicrophoneSource}.
 *
 * <p>A live source ({@link #isLive()}) produces audio in real time whether or not anyone reads it, so
 * the runtime reads it on a capture thread into a {@link FrameRingBuffer}; a file or pipe simply waits
 * for its reader.
 */
public interface AudioSource extends AutoCloseable {

    /**
     * Fills {@code frame} (length {@link PcmFormat#FRAME_SAMPLES}) with the next frame, blocking until it
     * is available. A short last frame is padded with silence.
     *
     * @return the number of real samples written (the rest is padding), or -1 at the end of the stream
     */
    int read(short[] frame) throws IOException;

    /** Whether audio arrives in real time regardless of the reader (a microphone). */
    boolean isLive();

    /** A name for messages and events: the file, "stdin", or the capture device. */
    String name();

    @Override
    void close() throws IOException;
}
