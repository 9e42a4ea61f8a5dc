package dev.hark.asr;

/**
 * A fixed delay line of feature frames: {@link #push} stores a frame and returns the one pushed
 * {@code length} frames before it (or null while filling); {@link #pop} drains what is left, oldest
 * first, and empties the line. The returned arrays are internal slots, valid until the slot is
 * reused. Preallocated; no allocation per frame.
 */
final class FrameDelay {
    private final float[][] slots;
    private final float[] out;
    private int head;
    private int size;

    FrameDelay(int length, int dimension) {
        slots = new float[length][dimension];
        out = new float[dimension];
    }

    float[] push(float[] frame) {
        float[] result = null;
        if (size == slots.length) {
            System.arraycopy(slots[head], 0, out, 0, out.length);
            result = out;
            head = (head + 1) % slots.length;
            size--;
        }
        System.arraycopy(frame, 0, slots[(head + size) % slots.length], 0, frame.length);
        size++;
        return result;
    }

    float[] pop() {
        if (size == 0) return null;
        float[] f = slots[head];
        head = (head + 1) % slots.length;
        size--;
        if (size == 0) head = 0;
        return f;
    }
}
