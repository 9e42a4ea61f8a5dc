package dev.hark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameRingBufferTest {
    private static final int FRAME = 4;

    private static short[] frame(int seq) {
        return new short[] {(short) seq, (short) seq, (short) seq, (short) seq};
    }

    @Test
    void producerNeverWaitsForAStalledConsumerAndOldestFramesAreDropped() throws Exception {
        FrameRingBuffer buffer = new FrameRingBuffer(8, FRAME);
        CountDownLatch produced = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                buffer.offer(frame(i), FRAME);
            }
            produced.countDown();
        });
        producer.start();
        // nobody consumes: a blocking producer would never get here (the wait only guards against a hang)
        assertTrue(produced.await(10, TimeUnit.SECONDS), "producer blocked on a full buffer");
        assertEquals(92, buffer.overruns());
        assertEquals(8, buffer.size());
        short[] out = new short[FRAME];
        for (int expected = 92; expected < 100; expected++) {
            assertEquals(FRAME, buffer.take(out));
            assertEquals(expected, out[0]);
        }
        buffer.close();
        assertEquals(-1, buffer.take(out));
    }

    @Test
    void slowConsumerSeesFramesInOrderAndEveryLossIsCounted() throws Exception {
        FrameRingBuffer buffer = new FrameRingBuffer(16, FRAME);
        int total = 2000;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                buffer.offer(frame(i), FRAME);
                if (i % 50 == 0) {
                    Thread.yield();
                }
            }
            buffer.close();
        });
        producer.start();
        short[] out = new short[FRAME];
        int received = 0;
        int last = -1;
        while (buffer.take(out) > 0) {
            int seq = out[0] & 0xFFFF;
            assertTrue(seq > last, "frame " + seq + " after " + last);
            assertEquals(out[0], out[3], "torn frame");
            last = seq;
            received++;
            if (received % 10 == 0) {
                Thread.sleep(1); // slower than the producer
            }
        }
        producer.join();
        assertEquals(total, received + buffer.overruns());
        assertEquals(total - 1, last, "the newest frame always survives");
    }

    @Test
    void pollTimesOutEmptyAndReturnsShortFrames() throws Exception {
        FrameRingBuffer buffer = new FrameRingBuffer(2, FRAME);
        short[] out = new short[FRAME];
        assertEquals(0, buffer.poll(out, 10));
        buffer.offer(frame(7), 2);
        assertEquals(2, buffer.poll(out, 10));
        assertEquals(7, out[1]);
        buffer.close();
        assertEquals(-1, buffer.poll(out, 10));
        assertFalse(buffer.overruns() > 0);
    }
}
