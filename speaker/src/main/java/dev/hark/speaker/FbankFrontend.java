package dev.hark.speaker;

import dev.hark.audio.Fft;

/**
 * Computes a speaker model's input: log-mel filterbank frames of one utterance, silence dropped and
 * each mel bin's utterance mean subtracted, as described by a {@link FbankConfig}. Mirrors
 * {@code scripts/speaker/fbank.py}, which computed the features the model was trained on.
 *
 * <p>Cost per 10 ms frame: one {@code n_fft}-point complex FFT plus the sparse mel filters; the
 * result array is allocated once per utterance, the per-frame buffers once per instance. Not
 * thread-safe (it reuses those buffers).
 */
public final class FbankFrontend {
    private final FbankConfig config;
    private final Fft fft;
    private final double[] window;
    private final int[] filterStart;
    private final double[][] filterWeights;
    private final double[] frame;
    private final double[] re;
    private final double[] im;

    /**
     * Log-mel frames of one utterance: {@code frames x melBins} values, row-major, after silence was
     * dropped; {@code totalFrames} counts the frames before that, {@code loudestFrameDbfs} is the RMS
     * level of the loudest frame relative to full scale (minus infinity when there is no frame).
     */
    public record Features(float[] values, int frames, int melBins, int totalFrames, double loudestFrameDbfs) {
        /** Seconds of speech kept after dropping silent frames. */
        public double speechSeconds(FbankConfig c) {
            return frames * (double) c.frameShift() / c.sampleRate();
        }
    }

    public FbankFrontend(FbankConfig config) {
        this.config = config;
        int n = config.frameLength();
        fft = new Fft(config.fftSize());
        window = new double[n];
        for (int i = 0; i < n; i++) {
            window[i] = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (n - 1));
        }
        int bins = config.fftSize() / 2 + 1;
        double lo = mel(config.lowHz());
        double step = (mel(config.highHz()) - lo) / (config.melBins() + 1);
        filterStart = new int[config.melBins()];
        filterWeights = new double[config.melBins()][];
        double[] w = new double[bins];
        for (int m = 0; m < config.melBins(); m++) {
            double left = lo + m * step, centre = left + step, right = centre + step;
            int first = -1, last = -1;
            for (int k = 0; k < bins; k++) {
                double f = mel(k * (double) config.sampleRate() / config.fftSize());
                w[k] = 0;
                if (f > left && f < right) {
                    w[k] = f <= centre ? (f - left) / (centre - left) : (right - f) / (right - centre);
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                throw new IllegalArgumentException("frontend: mel filter " + m + " covers no FFT bin; raise n_fft or low_hz");
            }
            filterStart[m] = first;
            filterWeights[m] = java.util.Arrays.copyOfRange(w, first, last + 1);
        }
        frame = new double[n];
        re = new double[config.fftSize()];
        im = new double[config.fftSize()];
    }

    private static double mel(double hz) {
        return 1127.0 * Math.log(1.0 + hz / 700.0);
    }

    /** Features of {@code pcm} (at the configured rate, normally 16 kHz). Audio shorter than one frame gives none. */
    public Features compute(short[] pcm) {
        int n = config.frameLength();
        int mels = config.melBins();
        int total = pcm.length < n ? 0 : 1 + (pcm.length - n) / config.frameShift();
        float[] all = new float[total * mels];
        double[] energyDb = new double[total];
        double loudest = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < total; t++) {
            energyDb[t] = logMel(pcm, t * config.frameShift(), all, t * mels);
            loudest = Math.max(loudest, energyDb[t]);
        }
        double floorDb = loudest - config.vadDbBelowMax();
        int kept = 0;
        double[] mean = new double[mels];
        for (int t = 0; t < total; t++) {
            if (energyDb[t] >= floorDb) {
                System.arraycopy(all, t * mels, all, kept * mels, mels);
                for (int m = 0; m < mels; m++) {
                    mean[m] += all[kept * mels + m];
                }
                kept++;
            }
        }
        float[] out = new float[kept * mels];
        for (int m = 0; m < mels; m++) {
            mean[m] /= Math.max(1, kept);
        }
        for (int t = 0; t < kept; t++) {
            for (int m = 0; m < mels; m++) {
                out[t * mels + m] = (float) (all[t * mels + m] - mean[m]);
            }
        }
        return new Features(out, kept, mels, total,
                total == 0 ? Double.NEGATIVE_INFINITY : loudest - 10.0 * Math.log10(n));
    }

    /** Writes one frame's log-mel energies at {@code out[at..]}; returns the frame's energy in dB. */
    private double logMel(short[] pcm, int start, float[] out, int at) {
        int n = config.frameLength();
        double dc = 0;
        for (int i = 0; i < n; i++) {
            frame[i] = pcm[start + i] / 32768.0;
            dc += frame[i];
        }
        dc /= n;
        double energy = 0;
        for (int i = 0; i < n; i++) {
            frame[i] -= dc;
            energy += frame[i] * frame[i];
        }
        double pre = config.preemphasis();
        for (int i = n - 1; i > 0; i--) {
            frame[i] -= pre * frame[i - 1];
        }
        frame[0] -= pre * frame[0];
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        for (int i = 0; i < n; i++) {
            re[i] = frame[i] * window[i];
        }
        fft.transform(re, im);
        for (int m = 0; m < config.melBins(); m++) {
            double[] w = filterWeights[m];
            int k0 = filterStart[m];
            double sum = 0;
            for (int j = 0; j < w.length; j++) {
                int k = k0 + j;
                sum += w[j] * (re[k] * re[k] + im[k] * im[k]);
            }
            out[at + m] = (float) Math.log(Math.max(sum, config.logFloor()));
        }
        return 10.0 * Math.log10(Math.max(energy, 1e-20));
    }
}
