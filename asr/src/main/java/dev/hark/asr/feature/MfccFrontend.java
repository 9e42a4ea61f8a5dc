package dev.hark.asr.feature;

import dev.hark.audio.Fft;
import java.util.Arrays;

/**
 * Sphinx-compatible MFCC computation on a stream of 16-bit PCM: pre-emphasis, Hamming window,
 * power spectrum, triangular mel filters (sphinxbase's construction, rounded to DFT points and
 * normalised to unit area), log, DCT-II and sinusoidal liftering, with sphinxbase's noise removal
 * ({@link NoiseSuppressor}) and silence removal ({@link SilenceRemover}) when configured. Matches
 * {@code sphinx_fe} run with the same {@code feat.params} and {@code -dither no}.
 *
 * <p>Samples are pushed with {@link #process}; one cepstral frame is emitted every frame shift
 * (10 ms) once a full window is buffered. {@link #finish} emits the last, zero-padded partial
 * window like {@code fe_end_utt}. Cost per frame: one 512-point FFT plus a 25x13 DCT; no
 * allocation after construction. Not thread-safe.
 */
public final class MfccFrontend {
    private static final double LOG_FLOOR = 1e-4;
    private final FrontendConfig config;
    private final int frameSize;
    private final int frameShift;
    private final int fftSize;
    private final double[] window;
    private final short[] samples;
    private int sampleCount;
    private short prior;
    private final double[] re;
    private final double[] im;
    private final Fft fft;
    private final double[] power;
    private final double[] melEnergy;
    private final int[] filterStart;
    private final int[] filterWidth;
    private final float[][] filterCoefficients;
    private final float[][] melCosine;
    private final float sqrtInvN;
    private final float sqrtInv2N;
    private final float[] lifterWeights;
    private final float[] cepstrum;
    private final NoiseSuppressor noise;
    private final SilenceRemover silence;
    private boolean speech;

    /** Builds the filterbank and tables for the given parameters. */
    public MfccFrontend(FrontendConfig config) {
        this.config = config;
        frameSize = config.frameSize();
        frameShift = config.frameShift();
        fftSize = config.fftSize;
        if (Integer.bitCount(fftSize) != 1 || fftSize < frameSize) {
            throw new IllegalArgumentException("FFT size " + fftSize + " must be a power of two >= window " + frameSize);
        }
        window = new double[frameSize];
        for (int i = 0; i < frameSize / 2; i++) {
            double w = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (frameSize - 1.0));
            window[i] = w;
            window[frameSize - 1 - i] = w;
        }
        if (frameSize % 2 == 1) {
            window[frameSize / 2] = 1.0;
        }
        samples = new short[frameSize];
        re = new double[fftSize];
        im = new double[fftSize];
        fft = new Fft(fftSize);
        power = new double[fftSize / 2 + 1];
        int nfilt = config.filterCount;
        melEnergy = new double[nfilt];
        filterStart = new int[nfilt];
        filterWidth = new int[nfilt];
        filterCoefficients = new float[nfilt][];
        buildFilters();
        int ncep = config.cepstraCount;
        melCosine = new float[ncep][nfilt];
        double step = Math.PI / nfilt;
        for (int i = 0; i < ncep; i++) {
            for (int j = 0; j < nfilt; j++) {
                melCosine[i][j] = (float) Math.cos(step * i * (j + 0.5));
            }
        }
        sqrtInvN = (float) Math.sqrt(1.0 / nfilt);
        sqrtInv2N = (float) Math.sqrt(2.0 / nfilt);
        lifterWeights = new float[ncep];
        for (int i = 0; i < ncep; i++) {
            lifterWeights[i] = config.lifter == 0 ? 1f
                    : (float) (1 + config.lifter / 2 * Math.sin(i * Math.PI / config.lifter));
        }
        cepstrum = new float[ncep];
        noise = config.removeNoise || config.removeSilence ? new NoiseSuppressor(nfilt, config.vadThreshold) : null;
        silence = config.removeSilence
                ? new SilenceRemover(ncep, config.vadPreSpeech, config.vadPostSpeech, config.vadStartSpeech,
                        config.keepAllIfSilent) : null;
    }

    private static float mel(float hz) {
        return (float) (2595.0 * Math.log10(1.0 + hz / 700.0));
    }

    private static float melInverse(float mel) {
        return (float) (700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0));
    }

    // Follows sphinxbase's float32 arithmetic so that filter edges land on the same DFT bins.
    private void buildFilters() {
        int nfilt = config.filterCount;
        float melMin = mel(config.lowerFrequency);
        float melMax = mel(config.upperFrequency);
        float melBw = (melMax - melMin) / (nfilt + 1);
        float fftFreq = config.sampleRate / (float) fftSize;
        for (int i = 0; i < nfilt; i++) {
            float[] f = new float[3];
            for (int j = 0; j < 3; j++) {
                f[j] = melInverse((i + j) * melBw + melMin);
                if (config.roundFilters) {
                    f[j] = ((int) (f[j] / fftFreq + 0.5)) * fftFreq;
                }
            }
            int start = -1;
            int width = 0;
            for (int j = 0; j < fftSize / 2 + 1; j++) {
                float hz = j * fftFreq;
                if (hz < f[0]) {
                    continue;
                } else if (hz > f[2] || j == fftSize / 2) {
                    width = j - start;
                    break;
                }
                if (start == -1) {
                    start = j;
                }
            }
            filterStart[i] = start;
            filterWidth[i] = width;
            float[] coefficients = new float[width];
            for (int j = 0; j < width; j++) {
                float hz = (start + j) * fftFreq;
                float lo = (hz - f[0]) / (f[1] - f[0]);
                float hi = (f[2] - hz) / (f[2] - f[1]);
                if (config.unitArea) {
                    lo *= 2 / (f[2] - f[0]);
                    hi *= 2 / (f[2] - f[0]);
                }
                coefficients[j] = Math.min(lo, hi);
            }
            filterCoefficients[i] = coefficients;
        }
    }

    /** The parameters this frontend computes. */
    public FrontendConfig config() {
        return config;
    }

    /** Forgets buffered samples; the next sample starts a new utterance. */
    public void reset() {
        sampleCount = 0;
        prior = 0;
        if (noise != null) noise.reset();
        if (silence != null) silence.reset();
    }

    /**
     * Pushes samples; calls {@code sink} once for each completed frame (13 cepstra, array reused).
     * Returns the number of frames emitted.
     */
    public int process(short[] pcm, int offset, int length, CepstrumSink sink) {
        int frames = 0;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int take = Math.min(frameSize - sampleCount, end - i);
            System.arraycopy(pcm, i, samples, sampleCount, take);
            sampleCount += take;
            i += take;
            if (sampleCount == frameSize) {
                computeFrame(frameSize);
                if (silence == null) {
                    sink.accept(cepstrum);
                    frames++;
                } else {
                    frames += silence.accept(cepstrum, speech, sink);
                }
                prior = samples[frameShift - 1];
                System.arraycopy(samples, frameShift, samples, 0, frameSize - frameShift);
                sampleCount = frameSize - frameShift;
            }
        }
        return frames;
    }

    /**
     * Emits the final window from the samples left after the last full frame (zero-padded), as
     * {@code fe_end_utt} does, if any remain; then resets for the next utterance.
     */
    public int finish(CepstrumSink sink) {
        int frames = 0;
        if (sampleCount > 0) {
            computeFrame(sampleCount);
            if (silence == null) {
                sink.accept(cepstrum);
                frames = 1;
            } else {
                frames = silence.acceptLast(cepstrum, speech, sink);
            }
        }
        if (silence != null) frames += silence.finish(sink);
        // The noise estimate is kept: the next utterance comes from the same microphone and room.
        sampleCount = 0;
        prior = 0;
        return frames;
    }

    private void computeFrame(int length) {
        double alpha = config.preEmphasis;
        if (alpha != 0) {
            re[0] = samples[0] - prior * alpha;
            for (int i = 1; i < length; i++) {
                re[i] = samples[i] - samples[i - 1] * alpha;
            }
        } else {
            for (int i = 0; i < length; i++) {
                re[i] = samples[i];
            }
        }
        for (int i = length; i < fftSize; i++) {
            re[i] = 0;
        }
        if (config.removeDc) {
            double mean = 0;
            for (int i = 0; i < frameSize; i++) mean += re[i];
            mean /= frameSize;
            for (int i = 0; i < frameSize; i++) re[i] -= mean;
        }
        for (int i = 0; i < frameSize; i++) {
            re[i] *= window[i];
        }
        fft();
        for (int k = 0; k <= fftSize / 2; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
        }
        int nfilt = config.filterCount;
        for (int f = 0; f < nfilt; f++) {
            double sum = 0;
            float[] c = filterCoefficients[f];
            int s = filterStart[f];
            for (int j = 0; j < c.length; j++) {
                sum += power[s + j] * c[j];
            }
            melEnergy[f] = sum;
        }
        if (noise != null) {
            speech = noise.apply(melEnergy, config.removeNoise);
        }
        for (int f = 0; f < nfilt; f++) {
            // sphinxbase's floor: it decides the cepstra of digital silence and of very quiet recordings
            melEnergy[f] = Math.log(melEnergy[f] + LOG_FLOOR);
        }
        if (config.transform.equals("legacy")) {
            legacyCepstrum();
        } else {
            dct2(config.transform.equals("htk"));
        }
        for (int i = 0; i < cepstrum.length; i++) {
            cepstrum[i] = cepstrum[i] * lifterWeights[i];
        }
    }

    // Accumulates in float32 as sphinxbase's mfcc_t does, for parity.
    private void dct2(boolean htk) {
        int nfilt = config.filterCount;
        float c0 = (float) melEnergy[0];
        for (int j = 1; j < nfilt; j++) {
            c0 = (float) (c0 + melEnergy[j]);
        }
        cepstrum[0] = (float) (c0 * (double) (htk ? sqrtInv2N : sqrtInvN));
        for (int i = 1; i < cepstrum.length; i++) {
            float acc = 0;
            float[] basis = melCosine[i];
            for (int j = 0; j < nfilt; j++) {
                acc = (float) (acc + melEnergy[j] * basis[j]);
            }
            cepstrum[i] = (float) (acc * (double) sqrtInv2N);
        }
    }

    private void legacyCepstrum() {
        int nfilt = config.filterCount;
        float c0 = (float) (melEnergy[0] / 2);
        for (int j = 1; j < nfilt; j++) {
            c0 = (float) (c0 + melEnergy[j]);
        }
        cepstrum[0] = (float) (c0 / (double) nfilt);
        for (int i = 1; i < cepstrum.length; i++) {
            float acc = 0;
            for (int j = 0; j < nfilt; j++) {
                acc = (float) (acc + melEnergy[j] * melCosine[i][j] * (j == 0 ? 1 : 2));
            }
            cepstrum[i] = (float) (acc / ((double) nfilt * 2));
        }
    }

    private void fft() {
        Arrays.fill(im, 0);
        fft.transform(re, im);
    }
}
