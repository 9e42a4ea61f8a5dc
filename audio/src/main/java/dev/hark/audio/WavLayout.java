package dev.hark.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where a WAV file's samples are and how they are stored, read from its RIFF chunks, and the decoding
 * of those samples to mono floats. {@link WavReader} (a whole file in memory) and {@link WavFileSource}
 * (a file streamed in blocks) both parse through here, so they accept and refuse the same files with
 * the same messages. Parsing reads only the chunk headers and the fmt chunk: O(number of chunks).
 *
 * @param format     PCM (1) or IEEE float (3), after resolving WAVE_FORMAT_EXTENSIBLE
 * @param channels   interleaved channels
 * @param rate       samples per second
 * @param bits       bits per sample
 * @param dataStart  byte offset of the first sample
 * @param dataSize   bytes of samples
 */
record WavLayout(int format, int channels, int rate, int bits, long dataStart, long dataSize) {
    static final int FORMAT_PCM = 1;
    static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    /** Reads {@code length} bytes from {@code position} of the file (fewer only at its end). */
    interface Bytes {
        ByteBuffer read(long position, int length) throws IOException;
    }

    /** Bytes of one sample of one channel. */
    int bytesPerSample() {
        return bits / 8;
    }

    /** Bytes of one sample of every channel. */
    int frameBytes() {
        return bytesPerSample() * channels;
    }

    /** Whole sample frames in the data chunk. */
    long frames() {
        return dataSize / frameBytes();
    }

    boolean isFloat() {
        return format == FORMAT_FLOAT;
    }

    /**
     * Finds the fmt and data chunks of a file of {@code length} bytes and checks that Hark can decode
     * it; {@code name} starts every error message.
     */
    static WavLayout parse(Bytes file, long length, String name) throws IOException {
        ByteBuffer head = file.read(0, 12);
        if (length < 12 || !tag(head, 0, "RIFF") || !tag(head, 8, "WAVE")) {
            throw new AudioFormatException(name + ": not a WAV file (no RIFF/WAVE header)");
        }
        int format = -1, channels = 0, rate = 0, bits = 0, blockAlign = 0;
        long pos = 12;
        while (pos + 8 <= length) {
            ByteBuffer chunk = file.read(pos, 8);
            long size = Integer.toUnsignedLong(chunk.getInt(4));
            long body = pos + 8;
            if (tag(chunk, 0, "fmt ")) {
                if (size < 16 || body + 16 > length) {
                    throw new AudioFormatException(name + ": truncated WAV file (fmt chunk cut short)");
                }
                ByteBuffer fmt = file.read(body, (int) Math.min(size, 40));
                format = Short.toUnsignedInt(fmt.getShort(0));
                channels = Short.toUnsignedInt(fmt.getShort(2));
                rate = fmt.getInt(4);
                blockAlign = Short.toUnsignedInt(fmt.getShort(12));
                bits = Short.toUnsignedInt(fmt.getShort(14));
                if (format == FORMAT_EXTENSIBLE) {
                    if (size < 40 || body + 26 > length) {
                        throw new AudioFormatException(name + ": truncated WAV file (extensible fmt chunk cut short)");
                    }
                    format = Short.toUnsignedInt(fmt.getShort(24)); // first two bytes of the sub-format GUID
                }
            } else if (tag(chunk, 0, "data")) {
                if (format < 0) {
                    throw new AudioFormatException(name + ": malformed WAV file (data chunk before fmt chunk)");
                }
                long available = length - body;
                if (size > available) {
                    throw new AudioFormatException(name + ": truncated WAV file (data chunk declares "
                            + size + " bytes, file holds " + available + ")");
                }
                return check(new WavLayout(format, channels, rate, bits, body, size), blockAlign, name);
            }
            pos = body + size + (size & 1); // chunks are word-aligned
        }
        throw new AudioFormatException(name + (format < 0
                ? ": malformed WAV file (no fmt chunk)" : ": truncated WAV file (no data chunk)"));
    }

    private static WavLayout check(WavLayout w, int blockAlign, String name) throws AudioFormatException {
        if (w.format != FORMAT_PCM && !w.isFloat()) {
            throw new AudioFormatException(name + ": compressed WAV encoding (format tag " + w.format
                    + ") is not supported; convert it to PCM, e.g. sox in.wav -e signed -b 16 out.wav");
        }
        if (w.channels < 1) {
            throw new AudioFormatException(name + ": malformed WAV file (" + w.channels + " channels)");
        }
        if (w.rate < 1000 || w.rate > 384_000) {
            throw new AudioFormatException(name + ": unsupported sample rate " + w.rate + " Hz");
        }
        boolean supported = w.isFloat() ? (w.bits == 32 || w.bits == 64)
                : (w.bits == 8 || w.bits == 16 || w.bits == 24 || w.bits == 32);
        if (!supported) {
            throw new AudioFormatException(name + ": unsupported " + (w.isFloat() ? "float" : "PCM")
                    + " sample size of " + w.bits + " bits");
        }
        if (blockAlign != 0 && blockAlign != w.frameBytes()) {
            throw new AudioFormatException(name + ": malformed WAV file (block align " + blockAlign
                    + " does not match " + w.channels + " x " + w.bits + " bits)");
        }
        return w;
    }

    /**
     * Decodes {@code frames} sample frames from {@code buf} (little-endian, from its position 0) into
     * {@code mono} from {@code at}, averaging the channels. No allocation.
     */
    void decode(ByteBuffer buf, int frames, float[] mono, int at) {
        float scale = 1f / channels;
        int step = bytesPerSample();
        int p = 0;
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(buf, p);
                p += step;
            }
            mono[at + f] = sum * scale;
        }
    }

    private float sample(ByteBuffer buf, int p) {
        if (isFloat()) {
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

    private static boolean tag(ByteBuffer b, int at, String tag) {
        return at + 4 <= b.limit() && b.get(at) == tag.charAt(0) && b.get(at + 1) == tag.charAt(1)
                && b.get(at + 2) == tag.charAt(2) && b.get(at + 3) == tag.charAt(3);
    }

    /** Little-endian view of {@code length} bytes of {@code bytes} from {@code position} (fewer at the end). */
    static ByteBuffer slice(byte[] bytes, long position, int length) {
        int from = (int) Math.min(position, bytes.length);
        int n = (int) Math.min(length, bytes.length - from);
        return ByteBuffer.wrap(bytes, from, n).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
