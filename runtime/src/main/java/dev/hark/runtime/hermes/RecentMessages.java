package dev.hark.runtime.hermes;

import java.nio.charset.StandardCharsets;

/**
 * The last messages handed on, remembered by a 64-bit fingerprint of topic and body, so that a QoS 1
 * message the broker sends again after a reconnect (marked duplicate) is not acted on twice. Only a
 * message marked duplicate is checked: two identical commands sent on purpose both count. Holds
 * {@code capacity} longs; a check scans them (a few hundred comparisons per inbound command).
 */
final class RecentMessages {
    private final long[] seen;
    private int next;
    private int size;

    RecentMessages(int capacity) {
        seen = new long[capacity];
    }

    /**
     * Records the message and says whether to hand it on: false only for a {@code duplicate} whose
     * fingerprint is among the recent ones.
     */
    synchronized boolean firstTime(String topic, byte[] payload, boolean duplicate) {
        long f = fingerprint(topic, payload);
        if (duplicate) {
            for (int i = 0; i < size; i++) {
                if (seen[i] == f) {
                    return false;
                }
            }
        }
        seen[next] = f;
        next = (next + 1) % seen.length;
        size = Math.min(size + 1, seen.length);
        return true;
    }

    /** FNV-1a over the topic's bytes, a separator and the body. */
    static long fingerprint(String topic, byte[] payload) {
        long h = 0xcbf29ce484222325L;
        for (byte b : topic.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ 0xff) * 0x100000001b3L;
        for (byte b : payload) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
