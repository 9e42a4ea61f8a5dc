package dev.hark.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Frames of a WAV file, decoded, downmixed and resampled to 16 kHz up front by {@link WavReader}.
 * Memory: the whole file as 16-bit samples; each {@link #read} is a copy of one frame.
 */
public final class WavFileSource implements AudioSource {
    private final String name;
    private final short[] samples;
    private int position;

    /** Opens and decodes {@code file}; fails with a one-line {@link AudioFormatException} when it is unusable. */
    public WavFileSource(Path file) throws IOException {
        this(file.toString(), WavReader.readPcm16k(file));
    }

    /** A source over samples already in Hark's format. */
    public WavFileSource(String name, short[] pcm16k) {
        this.name = name;
        this.samples = pcm16k;
    }

    @Override
    public int read(short[] frame) {
        if (position >= samples.length) {
            return -1;
        }
        int n = Math.min(frame.length, samples.length - position);
        System.arraycopy(samples, position, frame, 0, n);
        Arrays.fill(frame, n, frame.length, (short) 0);
        position += n;
        return n;
    }

    @Override
    public boolean isLive() {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
    }
}
