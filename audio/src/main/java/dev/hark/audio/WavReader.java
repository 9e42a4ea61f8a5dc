package dev.hark.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * linear in the file size.
 */
public final class WavReader {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

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

    static WavAudio decode(byte[] bytes, String name) throws AudioFormatException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !tag(bytes, 0, "RIFF") || !tag(bytes, 8, "WAVE")) {
            throw new AudioFormatException(name + ": not a WAV file (no RIFF/WAVE header)");
        }
        int format = -1, channels = 0, rate = 0, bits = 0, blockAlign = 0;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
            int body = pos + 8;
            if (tag(bytes, pos, "fmt ")) {
                if (size < 16 || body + 16 > bytes.length) {
                    throw new AudioFormatException(name + ": truncated WAV file (fmt chunk cut short)");
                }
                format = Short.toUnsignedInt(buf.getShort(body));
                channels = Short.toUnsignedInt(buf.getShort(body + 2));
                rate = buf.getInt(body + 4);
                blockAlign = Short.toUnsignedInt(buf.getShort(body + 12));
                bits = Short.toUnsignedInt(buf.getShort(body + 14));
                if (format == FORMAT_EXTENSIBLE) {
                    if (size < 40 || body + 26 > bytes.length) {
                        throw new AudioFormatException(name + ": truncated WAV file (extensible fmt chunk cut short)");
                    }
                    format = Short.toUnsignedInt(buf.getShort(body + 24)); // first two bytes of the sub-format GUID
                }
            } else if (tag(bytes, pos, "data")) {
                if (format < 0) {
                    throw new AudioFormatException(name + ": malformed WAV file (data chunk before fmt chunk)");
                }
                long available = bytes.length - body;
                if (size > available) {
                    throw new AudioFormatException(name + ": truncated WAV file (data chunk declares "
                            + size + " bytes, file holds " + available + ")");
                }
                return decodeSamples(buf, body, (int) size, format, channels, rate, bits, blockAlign, name);
            }
            pos = body + (int) Math.min(Integer.MAX_VALUE - 16, size + (size & 1)); // chunks are word-aligned
        }
        throw new AudioFormatException(name + (format < 0
                ? ": malformed WAV file (no fmt chunk)" : ": truncated WAV file (no data chunk)"));
    }

    private static WavAudio decodeSamples(ByteBuffer buf, int start, int size, int format, int channels,
                                          int rate, int bits, int blockAlign, String name)
            throws AudioFormatException {
        boolean isFloat = format == FORMAT_FLOAT;
        if (format != FORMAT_PCM && !isFloat) {
            throw new AudioFormatException(name + ": compressed WAV encoding (format tag " + format
                    + ") is not supported; convert it to PCM, e.g. sox in.wav -e signed -b 16 out.wav");
        }
        if (channels < 1) {
            throw new AudioFormatException(name + ": malformed WAV file (" + channels + " channels)");
        }
        if (rate < 1000 || rate > 384_000) {
            throw new AudioFormatException(name + ": unsupported sample rate " + rate + " Hz");
        }
        boolean supported = isFloat ? (bits == 32 || bits == 64) : (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        if (!supported) {
            throw new AudioFormatException(name + ": unsupported " + (isFloat ? "float" : "PCM")
                    + " sample size of " + bits + " bits");
        }
        int bytesPerSample = bits / 8;
        int frameBytes = bytesPerSample * channels;
        if (blockAlign != 0 && blockAlign != frameBytes) {
            throw new AudioFormatException(name + ": malformed WAV file (block align " + blockAlign
                    + " does not match " + channels + " x " + bits + " bits)");
        }
        int frames = size / frameBytes;
        float[] mono = new float[frames];
        float scale = 1f / channels;
        int p = start;
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(buf, p, bits, isFloat);
                p += bytesPerSample;
            }
            mono[f] = sum * scale;
        }
        return new WavAudio(mono, rate, channels, bits, isFloat);
    }

    private static float sample(ByteBuffer buf, int p, int bits, boolean isFloat) {
        if (isFloat) {
            return bits == 32 ? buf.getFloat(p) : (float) buf.getDouble(p);
        }
        switch (bits) {
            case 8:
                return ((buf.get(p) & 0xFF) - 128) / 128f;
            case 16:
                return buf.getShort(p) / 32768f;
            case 24:
                int v = (buf.get(p) & 0xFF) | ((buf.get(p + 1) & 0xFF) << 8) | (buf.get(p + 2) << 16);
                return v / 8388608f;
            default:
                return (float) (buf.getInt(p) / 2147483648.0);
        }
    }

    private static boolean tag(byte[] b, int at, String tag) {
        return at + 4 <= b.length && b[at] == tag.charAt(0) && b[at + 1] == tag.charAt(1)
                && b[at + 2] == tag.charAt(2) && b[at + 3] == tag.charAt(3);
    }
}
