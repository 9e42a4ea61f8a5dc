package dev.hark.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Raw 16 kHz mono signed 16-bit little-endian PCM from a stream, typically stdin fed by
 * {@code arecord -f S16_LE -r 16000 -c 1 -t raw}. No header is read or expected. One reusable byte
 * buffer; no allocation per frame.
 */
public final class RawPcmSource implements AudioSource {
    private final InputStream in;
    private final String name;
    private final byte[] bytes = new byte[PcmFormat.FRAME_BYTES];
    private boolean ended;

    public RawPcmSource(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    @Override
    public int read(short[] frame) throws IOException {
        if (ended) {
            return -1;
        }
        int want = Math.min(frame.length * 2, bytes.length);
        int got = 0;
        while (got < want) {
            int n = in.read(bytes, got, want - got);
            if (n < 0) {
                ended = true;
                break;
            }
            got += n;
        }
        int samples = got / 2; // an odd trailing byte is half a sample: dropped
        if (samples == 0) {
            return -1;
        }
        for (int i = 0; i < samples; i++) {
            frame[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        Arrays.fill(frame, samples, frame.length, (short) 0);
        return samples;
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
        in.close();
    }
}
