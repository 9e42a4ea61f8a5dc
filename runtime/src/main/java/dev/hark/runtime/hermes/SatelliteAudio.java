package dev.hark.runtime.hermes;

import dev.hark.audio.AudioSource;
import dev.hark.audio.FrameRingBuffer;
import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A satellite's microphone, heard through {@code hermes/audioServer/<siteId>/audioFrame}: each message is
 * a small WAV file (Snips and Rhasspy audio servers send 16 kHz mono 16-bit, a few hundred samples at a
 * time), cut here into Hark's 80 ms frames and queued for the site's loop in a {@link FrameRingBuffer}
 * (the oldest frame dropped when the loop falls behind). Other WAV formats are converted chunk by chunk.
 *
 * <p>A satellite that stops sending (switched off, or streaming only while it hears speech) leaves a
 * gap: after half a second without audio, {@link #read} returns silence in real time, so the site's
 * loop keeps its clock, its time-outs and its requests moving. Live: never waits for the reader.
 */
final class SatelliteAudio implements AudioSource {
    private static final System.Logger LOG = System.getLogger(SatelliteAudio.class.getName());
    private static final long GAP_MS = 500;
    private static final long FRAME_MS = 1000L * PcmFormat.FRAME_SAMPLES / PcmFormat.SAMPLE_RATE;

    private final String siteId;
    private final FrameRingBuffer buffer;
    private final short[] pending = new short[PcmFormat.FRAME_SAMPLES]; // MQTT thread only
    private int pendingLength;
    private boolean inGap = true; // reader only
    private volatile boolean formatReported;

    SatelliteAudio(String siteId, int capacityFrames) {
        this.siteId = siteId;
        this.buffer = new FrameRingBuffer(capacityFrames, PcmFormat.FRAME_SAMPLES);
    }

    /** One audioFrame message: a WAV chunk. A message that is not WAV audio is logged once and skipped. */
    void accept(byte[] wav) {
        short[] pcm;
        try {
            pcm = plain16kMono(wav);
            if (pcm == null) {
                pcm = WavReader.read(new ByteArrayInputStream(wav), "audio frame from site " + siteId).toPcm16k();
            }
        } catch (IOException e) {
            if (!formatReported) {
                formatReported = true;
                LOG.log(System.Logger.Level.WARNING, "mqtt: skipping audio frames from site " + siteId + ": " + e.getMessage());
            }
            return;
        }
        int at = 0;
        while (at < pcm.length) {
            int n = Math.min(pcm.length - at, pending.length - pendingLength);
            System.arraycopy(pcm, at, pending, pendingLength, n);
            pendingLength += n;
            at += n;
            if (pendingLength == pending.length) {
                buffer.offer(pending, pendingLength);
                pendingLength = 0;
            }
        }
    }

    /** The samples of a canonical 16 kHz mono 16-bit PCM WAV (what satellites send), or null for any other layout. */
    private static short[] plain16kMono(byte[] wav) {
        if (wav.length < 44) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        boolean canonical = b.getInt(0) == 0x46464952 /* RIFF */ && b.getInt(8) == 0x45564157 /* WAVE */
                && b.getInt(12) == 0x20746d66 /* fmt  */ && b.getInt(16) == 16 && b.getShort(20) == 1
                && b.getShort(22) == 1 && b.getInt(24) == PcmFormat.SAMPLE_RATE && b.getShort(34) == 16
                && b.getInt(36) == 0x61746164 /* data */;
        if (!canonical) {
            return null;
        }
        // streaming audio servers may leave the data size unset: take what the message holds
        int n = (wav.length - 44) / 2;
        short[] pcm = new short[n];
        b.position(44);
        b.asShortBuffer().get(pcm, 0, n);
        return pcm;
    }

    @Override
    public int read(short[] frame) throws IOException {
        try {
            int n = buffer.poll(frame, inGap ? FRAME_MS : GAP_MS);
            if (n > 0) {
                inGap = false;
                if (n < frame.length) {
                    Arrays.fill(frame, n, frame.length, (short) 0);
                }
                return n;
            }
            if (n < 0) {
                return -1;
            }
            inGap = true;
            Arrays.fill(frame, (short) 0);
            return frame.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for audio from site " + siteId);
        }
    }

    @Override
    public boolean isLive() {
        return true;
    }

    @Override
    public String name() {
        return "site " + siteId + " (mqtt audio frames)";
    }

    /** Ends the stream: the reader gets what is queued, then the end. */
    @Override
    public void close() {
        buffer.close();
    }
}
