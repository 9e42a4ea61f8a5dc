package dev.hark.audio;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue of audio frames between the capture thread (one producer) and the pipeline (one
 * consumer). The producer never waits: when the pipeline falls behind and the buffer is full, the
 * oldest frame is dropped to make room, and the overrun is counted and logged, so capture keeps pace
 * with the hardware and the pipeline sees the newest audio.
 *
 * <p>All frame memory is allocated up front ({@code capacity} frames); offering and taking copy
 * samples and allocate nothing.
 */
public final class FrameRingBuffer {
    private static final System.Logger LOG = System.getLogger(FrameRingBuffer.class.getName());

    private final short[][] slots;
    private final int[] lengths;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long head; // next slot to write, counted from the start
    private long tail; // next slot to read
    private long overruns;
    private boolean closed;

    /** @param capacity frames held before the oldest is dropped */
    public FrameRingBuffer(int capacity, int frameSamples) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least one frame: " + capacity);
        }
        slots = new short[capacity][frameSamples];
        lengths = new int[capacity];
    }

    /** Adds the first {@code samples} samples of {@code frame}; never blocks on the consumer. */
    public void offer(short[] frame, int samples) {
        long dropped;
        boolean justDropped = false;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (head - tail == slots.length) {
                tail++;
                overruns++;
                justDropped = true;
            }
            dropped = overruns;
            int slot = (int) (head % slots.length);
            System.arraycopy(frame, 0, slots[slot], 0, samples);
            lengths[slot] = samples;
            head++;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        // logged at 1, 2, 4, 8... drops, so a long stall is reported without flooding the log
        if (dropped > 0 && Long.bitCount(dropped) == 1 && justDropped) {
            LOG.log(System.Logger.Level.WARNING, "audio pipeline fell behind: {0} frame(s) dropped so far", dropped);
        }
    }

    /**
     * Copies the oldest frame into {@code frame}, waiting for one.
     *
     * @return its sample count, or -1 when the buffer is closed and drained
     */
    public int take(short[] frame) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (head == tail) {
                if (closed) {
                    return -1;
                }
                notEmpty.await();
            }
            return copyOut(frame);
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #take}, waiting at most {@code timeoutMillis}; returns 0 when nothing arrived in time. */
    public int poll(short[] frame, long timeoutMillis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lockInterruptibly();
        try {
            while (head == tail) {
                if (closed) {
                    return -1;
                }
                if (nanos <= 0) {
                    return 0;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return copyOut(frame);
        } finally {
            lock.unlock();
        }
    }

    private int copyOut(short[] frame) {
        int slot = (int) (tail % slots.length);
        int n = lengths[slot];
        System.arraycopy(slots[slot], 0, frame, 0, n);
        tail++;
        return n;
    }

    /** Ends the stream: the consumer drains what is left, then sees -1. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Frames dropped so far because the consumer fell behind. */
    public long overruns() {
        lock.lock();
        try {
            return overruns;
        } finally {
            lock.unlock();
        }
    }

    /** Frames waiting to be taken. */
    public int size() {
        lock.lock();
        try {
            return (int) (head - tail);
        } finally {
            lock.unlock();
        }
    }
}
