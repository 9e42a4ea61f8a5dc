package dev.hark.audio;

import java.io.IOException;

/**
 * Reads a live {@link AudioSource} on its own daemon thread into a {@link FrameRingBuffer}, and is
 * itself the source the pipeline reads, so a slow pipeline never stalls the capture device. A
 * failure of the device (unplugged microphone) reaches the reader as the exception of its next
 * {@link #read}.
 *
 * <p>Cost: one thread and {@code capacityFrames} preallocated frames.
 */
public final class AudioCapture implements AudioSource {
    private final AudioSource device;
    private final FrameRingBuffer buffer;
    private final Thread thread;
    private volatile IOException failure;
    private volatile boolean stopping;

    /** Starts capturing {@code device} at once. */
    public AudioCapture(AudioSource device, int capacityFrames) {
        this.device = device;
        this.buffer = new FrameRingBuffer(capacityFrames, PcmFormat.FRAME_SAMPLES);
        this.thread = new Thread(this::capture, "hark-capture");
        thread.setDaemon(true);
        thread.start();
    }

    private void capture() {
        short[] frame = new short[PcmFormat.FRAME_SAMPLES];
        try {
            int n;
            while (!stopping && (n = device.read(frame)) >= 0) {
                buffer.offer(frame, n);
            }
        } catch (IOException e) {
            if (!stopping) {
                failure = e;
            }
        } finally {
            buffer.close();
        }
    }

    @Override
    public int read(short[] frame) throws IOException {
        try {
            int n = buffer.take(frame);
            if (n < 0 && failure != null) {
                throw failure;
            }
            if (n >= 0 && n < frame.length) {
                java.util.Arrays.fill(frame, n, frame.length, (short) 0);
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for audio from " + name());
        }
    }

    /** Frames dropped because the pipeline fell behind. */
    public long overruns() {
        return buffer.overruns();
    }

    @Override
    public boolean isLive() {
        return true;
    }

    @Override
    public String name() {
        return device.name();
    }

    @Override
    public void close() throws IOException {
        stopping = true;
        device.close();
        buffer.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
