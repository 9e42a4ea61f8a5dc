package dev.hark.runtime.feedback;

import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Plays clips on the sound card through javax.sound: opens a {@link SourceDataLine} in the clip's format,
 * writes it in 20 ms pieces so that {@link #stop()} takes effect within one piece, and drains it. A line
 * is opened per clip (feedback clips are seconds apart, and the device stays free for other programs).
 */
public final class SoundCardOutput implements AudioOutput {
    /** Opens a line for a format; the default uses the system's default mixer. */
    @FunctionalInterface
    public interface LineOpener {
        /** A line that plays {@code format}, not yet opened. */
        SourceDataLine line(AudioFormat format) throws LineUnavailableException;
    }

    private final LineOpener opener;
    private volatile SourceDataLine current;
    private volatile boolean stopped;

    /** Whether this machine has a sound output that plays 16 kHz mono 16-bit (a headless board may not). */
    public static boolean available() {
        return AudioSystem.isLineSupported(new javax.sound.sampled.DataLine.Info(SourceDataLine.class,
                new AudioFormat(16_000, 16, 1, true, false)));
    }

    /** Plays on the default sound device. */
    public SoundCardOutput() {
        this(AudioSystem::getSourceDataLine);
    }

    /** Plays on the lines {@code opener} gives. */
    public SoundCardOutput(LineOpener opener) {
        this.opener = opener;
    }

    @Override
    public void play(AudioClip clip) throws IOException {
        AudioFormat format = new AudioFormat(clip.sampleRate(), 16, 1, true, false);
        byte[] bytes = new byte[clip.samples().length * 2];
        for (int i = 0; i < clip.samples().length; i++) {
            short s = clip.samples()[i];
            bytes[2 * i] = (byte) s;
            bytes[2 * i + 1] = (byte) (s >> 8);
        }
        SourceDataLine line;
        try {
            line = opener.line(format);
            line.open(format);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new IOException("no sound output for " + format + ": " + e.getMessage()
                    + " (configure a WAV folder for feedback on machines without a sound card)", e);
        }
        stopped = false;
        current = line;
        try {
            line.start();
            int piece = Math.max(2, clip.sampleRate() / 50 * 2);
            for (int off = 0; off < bytes.length && !stopped; off += piece) {
                line.write(bytes, off, Math.min(piece, bytes.length - off));
            }
            if (stopped) {
                line.flush();
            } else {
                line.drain();
            }
        } finally {
            current = null;
            line.stop();
            line.close();
        }
    }

    @Override
    public void stop() {
        stopped = true;
        SourceDataLine line = current;
        if (line != null) {
            line.flush(); // unblocks a write waiting for buffer space
        }
    }

    @Override
    public void close() {
        stop();
    }
}
