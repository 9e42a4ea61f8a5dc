package dev.hark.asr.feature;

/**
 * Stationary-noise tracking on mel filterbank energies, the algorithm of sphinxbase's
 * {@code -remove_noise} and {@code -remove_silence} (both on by default in pocketsphinx): the
 * smoothed power of each band is tracked and a slow low envelope estimates the noise. Its speech
 * decision for the frame is "some band stands more than the VAD threshold (natural log) above its
 * noise, and the frame is not more than 8 (natural log) below the recent loudness peak". When
 * suppressing, the noise-subtracted signal is floored by a second envelope and by temporal masking
 * after peaks, and the resulting gain (limited to 1/20..20) is smoothed across neighbouring bands
 * and applied. State persists across frames and utterances of a stream. O(filters x 9) per frame,
 * no allocation.
 */
public final class NoiseSuppressor {
    private static final int SMOOTH_WINDOW = 4;
    private static final double LAMBDA_POWER = 0.7;
    private static final double LAMBDA_A = 0.995;
    private static final double LAMBDA_B = 0.5;
    private static final double LAMBDA_T = 0.85;
    private static final double MU_T = 0.2;
    private static final double MAX_GAIN = 20;
    private static final double SLOW_PEAK_FORGET = 0.9995;
    private static final double SLOW_PEAK_LEARN = 0.9;
    private static final double SPEECH_VOLUME_RANGE = 8.0;

    private final int n;
    private final double vadThreshold;
    private final double[] power, noise, floor, peak, signal, gain;
    private double slowPeak;
    private boolean undefined = true;

    /** Tracks {@code filters} bands; {@code vadThreshold} as sphinxbase's {@code -vad_threshold}. */
    public NoiseSuppressor(int filters, double vadThreshold) {
        n = filters;
        this.vadThreshold = vadThreshold;
        power = new double[n];
        noise = new double[n];
        floor = new double[n];
        peak = new double[n];
        signal = new double[n];
        gain = new double[n];
    }

    /** Forgets the noise estimate (a new stream). */
    public void reset() {
        undefined = true;
    }

    private static void lowEnvelope(double[] buf, double[] env, int n) {
        for (int i = 0; i < n; i++) {
            env[i] = buf[i] >= env[i] ? LAMBDA_A * env[i] + (1 - LAMBDA_A) * buf[i]
                    : LAMBDA_B * env[i] + (1 - LAMBDA_B) * buf[i];
        }
    }

    /**
     * Updates the noise estimate with {@code mel} (linear filterbank energies), suppresses the noise
     * in place when {@code suppress}, and returns whether the frame sounds like speech.
     */
    public boolean apply(double[] mel, boolean suppress) {
        if (undefined) {
            slowPeak = 0;
            for (int i = 0; i < n; i++) {
                power[i] = mel[i];
                noise[i] = mel[i] / MAX_GAIN;
                floor[i] = mel[i] / MAX_GAIN;
                peak[i] = 0;
            }
            undefined = false;
        }
        for (int i = 0; i < n; i++) {
            power[i] = LAMBDA_POWER * power[i] + (1 - LAMBDA_POWER) * mel[i];
        }
        lowEnvelope(power, noise, n);
        double lrt = 0;
        for (int i = 0; i < n; i++) {
            signal[i] = Math.max(1.0, power[i] - noise[i]);
            // 0/0 in digital silence is NaN and, as in sphinxbase, never counts as speech
            double snr = Math.log(power[i] / noise[i]);
            if (snr > lrt) lrt = snr;
        }
        boolean speech = lrt >= vadThreshold && !quiet();
        lowEnvelope(signal, floor, n);
        for (int i = 0; i < n; i++) {
            double in = signal[i];
            peak[i] *= LAMBDA_T;
            if (signal[i] < LAMBDA_T * peak[i]) signal[i] = peak[i] * MU_T;
            if (in > peak[i]) peak[i] = in;
        }
        if (!suppress) return speech;
        for (int i = 0; i < n; i++) {
            if (signal[i] < floor[i]) signal[i] = floor[i];
            gain[i] = signal[i] < MAX_GAIN * power[i] ? signal[i] / power[i] : MAX_GAIN;
            if (gain[i] < 1 / MAX_GAIN) gain[i] = 1 / MAX_GAIN;
        }
        for (int i = 0; i < n; i++) {
            int l1 = Math.max(i - SMOOTH_WINDOW, 0);
            int l2 = Math.min(i + SMOOTH_WINDOW, n - 1);
            double c = 0;
            for (int j = l1; j <= l2; j++) c += gain[j];
            mel[i] = mel[i] * (c / (l2 - l1 + 1));
        }
        return speech;
    }

    /** Whether the frame's (floored) signal is far below the slowly tracked loudness peak. */
    private boolean quiet() {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += signal[i];
        sum = Math.log(sum);
        double k = sum > slowPeak ? SLOW_PEAK_LEARN : SLOW_PEAK_FORGET;
        slowPeak = slowPeak * k + sum * (1 - k);
        return slowPeak - SPEECH_VOLUME_RANGE > sum;
    }
}
