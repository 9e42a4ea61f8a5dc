package dev.hark.runtime.stages;

import dev.hark.audio.PcmFormat;
import dev.hark.runtime.loop.WakeScorer;
import dev.hark.wakeword.WakeWordDetector;
import java.util.Arrays;

/**
 * Scores audio alone with a wake-word detector of its own (the same keyword models as the wake stage,
 * no voice-activity gate, so every frame is scored): reset, fed its warm-up in silence, then the audio
 * from 1.5 s before the span (the keyword window's context) to the span's end. Allocates one frame
 * buffer; costs one wake-word pass over the audio fed, on the calling thread. Calls are serialised, so
 * the loops of several satellites may share one scorer (checks are rare: only when a wake word fires
 * while Hark speaks).
 */
public final class WakeWordScorer implements WakeScorer {
    private static final int CONTEXT_SAMPLES = 3 * PcmFormat.SAMPLE_RATE / 2;
    private final WakeWordDetector detector;
    private final short[] frame = new short[PcmFormat.FRAME_SAMPLES];

    /** Scores with {@code detector}, which this scorer owns from now on. */
    public WakeWordScorer(WakeWordDetector detector) {
        this.detector = detector;
    }

    @Override
    public synchronized double maxScore(String keyword, short[] pcm, int from, int to) {
        int k = -1;
        for (int i = 0; i < detector.keywordCount(); i++) {
            if (detector.keywordName(i).equals(keyword)) {
                k = i;
            }
        }
        if (k < 0) {
            return 0;
        }
        detector.reset();
        Arrays.fill(frame, (short) 0);
        while (detector.framesProcessed() < detector.warmUpFrames()) {
            detector.process(frame);
        }
        double max = 0;
        for (int at = Math.max(0, from - CONTEXT_SAMPLES); at < to; at += PcmFormat.FRAME_SAMPLES) {
            int n = Math.min(PcmFormat.FRAME_SAMPLES, pcm.length - at);
            System.arraycopy(pcm, at, frame, 0, n);
            Arrays.fill(frame, n, frame.length, (short) 0);
            detector.process(frame);
            // a time-batching detector scores this frame now, so that score(k) is this frame's
            detector.flush();
            if (at + PcmFormat.FRAME_SAMPLES > from) {
                max = Math.max(max, detector.score(k));
            }
        }
        return max;
    }

    @Override
    public void close() {
        detector.close();
    }
}
