package dev.hark.wakeword;

import ai.onnxruntime.OrtException;
import dev.hark.audio.PcmFormat;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * The speech embeddings a keyword head sees in a recording: the recording is streamed through the
 * same openWakeWord front end as {@link WakeWordDetector} (mel spectrogram, then the 96-dimensional
 * speech embedding per 80 ms frame), from a fresh state, so a window of 16 consecutive rows is exactly
 * what a 16-embedding head scores at that frame in a live stream. Used to train keyword heads.
 *
 * <p>Cost: one mel spectrogram (in Java) and one embedding inference per 80 ms frame (at most 1.2 ms
 * of CPU on the build machine, nearly all of it the embedding, so 15 ms per second of audio), and the
 * returned array. Not thread-safe; one instance per
 * thread.
 */
public final class SpeechEmbeddings implements AutoCloseable {
    /** Floats per embedding row. */
    public static final int DIM = SpeechEmbeddingFrontEnd.EMBEDDING_DIM;

    private final SpeechEmbeddingFrontEnd frontEnd;
    private final short[] frame = new short[PcmFormat.FRAME_SAMPLES];
    private final FloatBuffer latest = FloatBuffer.allocate(DIM);

    private SpeechEmbeddings(SpeechEmbeddingFrontEnd frontEnd) {
        this.frontEnd = frontEnd;
    }

    /** Opens the embedding model from {@code modelDirectory} on {@code threads} intra-op threads. */
    public static SpeechEmbeddings open(Path modelDirectory, int threads) throws ModelLoadException {
        // the detector's default front end: the mel spectrogram in Java, the fp32 embedding
        return new SpeechEmbeddings(new SpeechEmbeddingFrontEnd(null,
                ModelFiles.require(modelDirectory, ModelFiles.EMBEDDING), 1, threads));
    }

    /**
     * The embeddings of {@code pcm} (16 kHz) streamed in whole 80 ms frames (a last partial frame is
     * dropped): row {@code i} (floats {@code i * DIM} on) belongs to frame {@code i + firstFrame()}.
     * Empty when the recording is shorter than the first window (0.8 s).
     */
    public float[] embed(short[] pcm) {
        frontEnd.reset();
        int frames = pcm.length / PcmFormat.FRAME_SAMPLES;
        float[] rows = new float[Math.max(0, frames - firstFrame()) * DIM];
        int row = 0;
        try {
            for (int f = 0; f < frames; f++) {
                System.arraycopy(pcm, f * PcmFormat.FRAME_SAMPLES, frame, 0, PcmFormat.FRAME_SAMPLES);
                if (frontEnd.process(frame)) {
                    frontEnd.copyEmbeddings(1, 0, latest);
                    latest.get(0, rows, row * DIM, DIM);
                    row++;
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("speech embedding inference failed: " + e.getMessage(), e);
        }
        return rows;
    }

    /** The index of the first frame of a stream that has an embedding (9: the tenth frame). */
    public static int firstFrame() {
        return SpeechEmbeddingFrontEnd.firstEmbeddingFrame();
    }

    @Override
    public void close() {
        frontEnd.close();
    }
}
