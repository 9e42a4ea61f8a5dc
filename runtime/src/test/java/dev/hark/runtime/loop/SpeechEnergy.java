package dev.hark.runtime.loop;

import dev.hark.audio.PcmFormat;
import java.util.Arrays;

/**
 * Where a recording's speech lies and how loud it is, from the energy of its 10 ms frames in the
 * 200-4000 Hz band: the room's
 * floor is the 20th percentile of the frames that are not digital silence (exact zeros, which some
 * commands-dev files carry), the speech's peak the 99th, and a frame is speech when it stands
 * {@link #ABOVE_FLOOR_DB} over the floor and within {@link #BELOW_PEAK_DB} of the peak. Speech runs
 * from the first such frame to the last, not counting clicks and faint murmurs: runs of speech frames
 * (gaps of up to {@link #JOIN_FRAMES} joined) with fewer than {@link #MIN_RUN_FRAMES} frames, or none
 * within {@link #LOUD_DB} of the peak. Test scope: for building conversations and
 * measuring endpointing.
 */
final class SpeechEnergy {
    static final int FRAME = PcmFormat.SAMPLE_RATE / 100;
    static final double ABOVE_FLOOR_DB = 15;
    static final double BELOW_PEAK_DB = 35;
    static final int JOIN_FRAMES = 10;
    static final int MIN_RUN_FRAMES = 3;
    static final double LOUD_DB = 20;

    private final double[] db;
    private final boolean[] speech;
    private final int first;
    private final int last;
    private final double activeDbfs;

    SpeechEnergy(short[] pcm) {
        double[] band = band(pcm);
        int frames = pcm.length / FRAME;
        db = new double[frames];
        boolean[] digital = new boolean[frames];
        double[] live = new double[frames];
        int n = 0;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            boolean zero = true;
            for (int i = f * FRAME; i < (f + 1) * FRAME; i++) {
                sum += band[i] * band[i];
                zero &= pcm[i] == 0;
            }
            db[f] = 10 * Math.log10(sum / FRAME / (32768.0 * 32768.0) + 1e-12);
            digital[f] = zero;
            if (!zero) {
                live[n++] = db[f];
            }
        }
        double[] sorted = Arrays.copyOf(live, n);
        Arrays.sort(sorted);
        double floor = n == 0 ? -120 : sorted[(int) (0.20 * (n - 1))];
        double peak = n == 0 ? -120 : sorted[(int) (0.99 * (n - 1))];
        double threshold = Math.max(floor + ABOVE_FLOOR_DB, peak - BELOW_PEAK_DB);
        speech = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            speech[f] = !digital[f] && db[f] >= threshold;
        }
        // runs of speech frames with gaps of at most JOIN_FRAMES; a run needs MIN_RUN_FRAMES speech frames
        // and one frame within LOUD_DB of the peak (a faint murmur of someone else is not the speech)
        int bestFirst = -1;
        int bestLast = -2;
        int runFirst = -1;
        int runLast = -1;
        int runCount = 0;
        double runMax = -200;
        for (int f = 0; f <= frames; f++) {
            boolean s = f < frames && speech[f];
            if (s && runFirst >= 0 && f - runLast <= JOIN_FRAMES) {
                runLast = f;
                runCount++;
                runMax = Math.max(runMax, db[f]);
                continue;
            }
            if ((s || f == frames) && runFirst >= 0 && runCount >= MIN_RUN_FRAMES && runMax >= peak - LOUD_DB) {
                bestFirst = bestFirst < 0 ? runFirst : bestFirst;
                bestLast = runLast;
            }
            if (s) {
                runFirst = f;
                runLast = f;
                runCount = 1;
                runMax = db[f];
            }
        }
        first = bestFirst;
        last = bestLast;
        double sum = 0;
        int count = 0;
        for (int f = Math.max(0, first); f <= last; f++) {
            if (speech[f]) {
                sum += Math.pow(10, db[f] / 10);
                count++;
            }
        }
        activeDbfs = count == 0 ? -120 : 10 * Math.log10(sum / count);
    }

    /**
     * The 200-4000 Hz band, where speech has its energy and hum, rumble and DC do not: second-order
     * Butterworth high-pass and low-pass sections (RBJ biquads).
     */
    private static double[] band(short[] pcm) {
        double[] x = new double[pcm.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pcm[i];
        }
        biquad(x, 200, true);
        biquad(x, 4000, false);
        return x;
    }

    private static void biquad(double[] x, double cutoff, boolean highPass) {
        double w = 2 * Math.PI * cutoff / PcmFormat.SAMPLE_RATE;
        double alpha = Math.sin(w) / Math.sqrt(2);
        double cos = Math.cos(w);
        double b0 = highPass ? (1 + cos) / 2 : (1 - cos) / 2;
        double b1 = highPass ? -(1 + cos) : 1 - cos;
        double a0 = 1 + alpha;
        double a1 = -2 * cos;
        double a2 = 1 - alpha;
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double y = (b0 * x[i] + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2) / a0;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = y;
            x[i] = y;
        }
    }

    /** Whether any speech was found. */
    boolean hasSpeech() {
        return first >= 0;
    }

    /** First sample of the first speech frame. */
    int startSample() {
        return first * FRAME;
    }

    /** Sample just past the last speech frame. */
    int endSample() {
        return (last + 1) * FRAME;
    }

    /** Mean power of the speech frames, dB relative to full scale: the speech's active level. */
    double activeDbfs() {
        return activeDbfs;
    }

    /** Whether 10 ms frame {@code f} counts as speech. */
    boolean isSpeech(int f) {
        return f >= 0 && f < speech.length && speech[f];
    }

    /** Level of 10 ms frame {@code f}, dBFS. */
    double frameDbfs(int f) {
        return db[f];
    }

    /** Number of 10 ms frames. */
    int frames() {
        return db.length;
    }
}
