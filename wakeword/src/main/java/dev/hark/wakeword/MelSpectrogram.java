package dev.hark.wakeword;

import ai.onnxruntime.OrtException;

/**
 * The first stage of the openWakeWord front end: a chunk of 16 kHz PCM (as floats in the 16-bit
 * range) in, log-mel frames out, 32 values each, in dB as openWakeWord's {@code melspectrogram.onnx}
 * gives them (before its {@code x / 10 + 2} rescaling). Frames are 512 samples long and 160 apart,
 * with no padding, and the log energies are floored at 80 dB below the loudest value of the chunk.
 * Two implementations compute the same values: {@link JavaMelSpectrogram} (the default) and
 * {@link OnnxMelSpectrogram} (the model itself).
 */
interface MelSpectrogram extends AutoCloseable {
    int BINS = 32;
    int FRAME_SAMPLES = 512;
    int HOP = 160;
    /** The floor below each chunk's loudest value, in dB (the model's {@code top_db}). */
    float TOP_DB = 80f;

    /** Mel frames made from {@code samples} samples (no padding). */
    static int frames(int samples) {
        return samples < FRAME_SAMPLES ? 0 : (samples - FRAME_SAMPLES) / HOP + 1;
    }

    /**
     * Computes the mel frames of {@code samples[0, length)} into {@code out} from 0, frame after
     * frame, and returns how many ({@link #frames(int)}). {@code length} must be one the instance was
     * made for.
     */
    int compute(float[] samples, int length, float[] out) throws OrtException;

    @Override
    void close();
}
