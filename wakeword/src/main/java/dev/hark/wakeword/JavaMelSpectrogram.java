package dev.hark.wakeword;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * openWakeWord's {@code melspectrogram.onnx} computed in Java, to the model's float precision
 * (docs/benchmarks/wakeword.md gives the largest difference measured on real recordings). The model is
 * a torchlibrosa front end exported to ONNX: a periodic Hann window of 400 samples centred in each
 * 512-sample frame, a 512-point DFT written out as two 257 x 512 convolutions, the power spectrum, a
 * Slaney-style mel filterbank (16 kHz, 32 bands from 60 to 3800 Hz, area-normalised), then
 * {@code 10 log10(max(x, 1e-10))} floored at 80 dB below the chunk's maximum. Here the DFT is a real
 * FFT (JTransforms) and the filterbank, computed at construction exactly as librosa computes it, is
 * applied over each band's non-zero bins only (bins 2 to 121 of 257).
 *
 * <p>Cost per 80 ms of audio: 8 FFTs of 512 points, 230 multiply-adds of filterbank and 32 logarithms
 * per mel frame; about 29 us of CPU on the build machine with the service's C1-only JVM (0.036 % of a
 * core) against the model's 135 us (its 2 x 257 x 512 multiply-adds per mel frame). Allocates
 * nothing per call. Not thread-safe (one scratch frame).
 */
final class JavaMelSpectrogram implements MelSpectrogram {
    private static final int SAMPLE_RATE = 16000;
    private static final int WINDOW = 400;
    private static final double F_MIN = 60;
    private static final double F_MAX = 3800;
    private static final float POWER_FLOOR = 1e-10f;
    /** The model computes log10 as ln(x) x 10 / ln(10) in float; the same order keeps the last bit. */
    private static final float LN10 = 2.3025851f;

    private final FloatFFT_1D fft = new FloatFFT_1D(FRAME_SAMPLES);
    /** The Hann window over the frame's middle 400 samples (zero elsewhere, so only those are read). */
    private final float[] window = new float[WINDOW];
    private final int windowStart = (FRAME_SAMPLES - WINDOW) / 2;
    /** Per band: its first non-zero FFT bin and its weights from there. */
    private final int[] bandStart = new int[BINS];
    private final float[][] bandWeights = new float[BINS][];
    private final float[] frame = new float[FRAME_SAMPLES];

    JavaMelSpectrogram() {
        for (int i = 0; i < WINDOW; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / WINDOW));
        }
        float[][] bank = slaneyFilterbank();
        for (int m = 0; m < BINS; m++) {
            int first = 0;
            while (bank[m][first] == 0) {
                first++;
            }
            int last = bank[m].length - 1;
            while (bank[m][last] == 0) {
                last--;
            }
            bandStart[m] = first;
            bandWeights[m] = java.util.Arrays.copyOfRange(bank[m], first, last + 1);
        }
    }

    /** librosa's {@code filters.mel(sr=16000, n_fft=512, n_mels=32, fmin=60, fmax=3800)}: Slaney scale and norm. */
    static float[][] slaneyFilterbank() {
        int bins = FRAME_SAMPLES / 2 + 1;
        double[] edges = new double[BINS + 2];
        double low = hzToMel(F_MIN);
        double high = hzToMel(F_MAX);
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(low + (high - low) * i / (edges.length - 1));
        }
        float[][] bank = new float[BINS][bins];
        for (int m = 0; m < BINS; m++) {
            double norm = 2 / (edges[m + 2] - edges[m]);
            for (int k = 0; k < bins; k++) {
                double f = (double) k * SAMPLE_RATE / FRAME_SAMPLES;
                double rising = (f - edges[m]) / (edges[m + 1] - edges[m]);
                double falling = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
                bank[m][k] = (float) (Math.max(0, Math.min(rising, falling)) * norm);
            }
        }
        return bank;
    }

    /** The Slaney mel scale: linear below 1 kHz (3 bands per 200 Hz), logarithmic above. */
    private static double hzToMel(double hz) {
        return hz < 1000 ? hz * 3 / 200 : 15 + Math.log(hz / 1000) / (Math.log(6.4) / 27);
    }

    private static double melToHz(double mel) {
        return mel < 15 ? mel * 200 / 3 : 1000 * Math.exp((mel - 15) * Math.log(6.4) / 27);
    }

    @Override
    public int compute(float[] samples, int length, float[] out) {
        int n = MelSpectrogram.frames(length);
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < n; t++) {
            int from = t * HOP + windowStart;
            for (int i = 0; i < WINDOW; i++) {
                frame[i] = samples[from + i] * window[i];
            }
            // the window's zeros: only 400 of the 512 samples are non-zero, and they are packed first;
            // a shift of the frame only turns each bin's phase, which the power spectrum drops
            java.util.Arrays.fill(frame, WINDOW, FRAME_SAMPLES, 0f);
            fft.realForward(frame);
            int at = t * BINS;
            for (int m = 0; m < BINS; m++) {
                float[] w = bandWeights[m];
                int k0 = bandStart[m];
                float energy = 0;
                for (int j = 0; j < w.length; j++) {
                    int k = k0 + j;
                    float re = frame[2 * k];
                    float im = frame[2 * k + 1];
                    energy += w[j] * (re * re + im * im);
                }
                float db = (float) Math.log(Math.max(energy, POWER_FLOOR)) * 10f / LN10;
                out[at + m] = db;
                max = Math.max(max, db);
            }
        }
        float floor = max - TOP_DB;
        for (int i = 0; i < n * BINS; i++) {
            out[i] = Math.max(out[i], floor);
        }
        return n;
    }

    @Override
    public void close() {
    }
}
