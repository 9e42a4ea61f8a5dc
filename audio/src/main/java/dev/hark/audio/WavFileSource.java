package dev.hark.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Frames of a WAV file, streamed: decoded, downmixed, resampled to 16 kHz and quantised to 16-bit a
 * block at a time, so a recording of any length takes the same memory (a few tens of kilobytes of
 * buffers). The file is checked when it is opened, by the same rules and with the same messages as
 * {@link WavReader}, and the frames are sample for sample those of {@link WavReader#readPcm16k}.
 * Each {@link #read} copies one frame; no allocation per frame.
 */
public final class WavFileSource implements AudioSource {
    /** Sample frames of the file decoded at a time. */
    private static final int BLOCK_FRAMES = 4096;

    private final String name;
    private final FileChannel channel;
    private final WavLayout layout;
    private final Resampler.Stream resampler;
    private final ByteBuffer bytes;
    private final float[] mono = new float[BLOCK_FRAMES];
    private final float[] resampled;
    private final short[] pending;
    private int pendingStart;
    private int pendingEnd;
    private long framesLeft;
    private boolean finished;

    /** Opens {@code file} and checks its header; fails with a one-line {@link AudioFormatException} when it is unusable. */
    public WavFileSource(Path file) throws IOException {
        this.name = file.toString();
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new AudioFormatException(file + ": no such file");
        }
        try {
            layout = WavLayout.parse(this::readAt, channel.size(), name);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        framesLeft = layout.frames();
        bytes = ByteBuffer.allocate(BLOCK_FRAMES * layout.frameBytes()).order(ByteOrder.LITTLE_ENDIAN);
        resampler = layout.rate() == PcmFormat.SAMPLE_RATE ? null
                : new Resampler(layout.rate(), PcmFormat.SAMPLE_RATE).stream();
        resampled = new float[resampler == null ? BLOCK_FRAMES : resampler.maxOutput(BLOCK_FRAMES)];
        pending = new short[resampled.length];
        channel.position(layout.dataStart());
    }

    private ByteBuffer readAt(long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining() && channel.read(b, position + b.position()) > 0) {
            // positioned reads until full or at the end of the file
        }
        return b.flip();
    }

    @Override
    public int read(short[] frame) throws IOException {
        int n = 0;
        while (n < frame.length) {
            if (pendingStart == pendingEnd && !refill()) {
                break;
            }
            int take = Math.min(frame.length - n, pendingEnd - pendingStart);
            System.arraycopy(pending, pendingStart, frame, n, take);
            pendingStart += take;
            n += take;
        }
        if (n == 0) {
            return -1;
        }
        java.util.Arrays.fill(frame, n, frame.length, (short) 0);
        return n;
    }

    /** Decodes the next block into {@link #pending}; false at the end of the audio. */
    private boolean refill() throws IOException {
        pendingStart = 0;
        pendingEnd = 0;
        while (pendingEnd == 0) {
            if (framesLeft == 0) {
                if (finished || resampler == null) {
                    return false;
                }
                finished = true;
                return quantise(resampler.finish(resampled)) > 0;
            }
            int frames = (int) Math.min(BLOCK_FRAMES, framesLeft);
            bytes.clear().limit(frames * layout.frameBytes());
            while (bytes.hasRemaining()) {
                if (channel.read(bytes) < 0) {
                    throw new AudioFormatException(name + ": truncated WAV file (it ended while being read)");
                }
            }
            framesLeft -= frames;
            layout.decode(bytes, frames, mono, 0);
            if (resampler == null) {
                System.arraycopy(mono, 0, resampled, 0, frames);
                quantise(frames);
            } else {
                quantise(resampler.push(mono, frames, resampled));
            }
        }
        return true;
    }

    /** Hark's 16-bit samples from the first {@code n} resampled values, as {@link WavAudio#toPcm16k} makes them. */
    private int quantise(int n) {
        for (int i = 0; i < n; i++) {
            pending[i] = WavAudio.toShort(resampled[i]);
        }
        pendingEnd = n;
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
    public void close() throws IOException {
        channel.close();
    }
}
