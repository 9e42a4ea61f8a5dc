package dev.hark.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Decodes RIFF/WAVE files: integer PCM of 8, 16, 24 or 32 bits and IEEE float of 32 or 64 bits,
 * plain or WAVE_FORMAT_EXTENSIBLE, any channel count (averaged to mono), any rate. Refuses with an
 * {@link AudioFormatException} whose message names the file and the problem: not RIFF/WAVE,
 * compressed encodings, missing chunks, truncated data.
 *
 * <p>Reads the whole file into memory (commands and test recordings are seconds long); cost is
 * linear in the file size. {@link WavFileSource} streams a file of any length in constant memory
 * and accepts and refuses exactly the same files.
 */
public final class WavReader {

    private WavReader() {
    }

    /** Reads and decodes {@code file}. */
    public static WavAudio read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AudioFormatException(file + ": no such file");
        }
        return decode(bytes, file.toString());
    }

    /** Reads a WAV file straight into Hark's stream format (16 kHz mono 16-bit). */
    public static short[] readPcm16k(Path file) throws IOException {
        return read(file).toPcm16k();
    }

    /** Decodes a whole WAV file read from {@code in}; {@code name} is used in error messages. */
    public static WavAudio read(InputStream in, String name) throws IOException {
        return decode(in.readAllBytes(), name);
    }

    static WavAudio decode(byte[] bytes, String name) throws IOException {
        WavLayout layout = WavLayout.parse((position, length) -> WavLayout.slice(bytes, position, length), bytes.length, name);
        int frames = (int) layout.frames();
        float[] mono = new float[frames];
        layout.decode(WavLayout.slice(bytes, layout.dataStart(), frames * layout.frameBytes()), frames, mono, 0);
        return new WavAudio(mono, layout.rate(), layout.channels(), layout.bits(), layout.isFloat());
    }
}
