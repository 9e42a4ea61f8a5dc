package dev.hark.runtime.stages;

import dev.hark.runtime.loop.WakeStage;
import dev.hark.wakeword.WakeWordDetector;
import java.util.List;

/**
 * The loop's wake stage over hark-wakeword's {@link WakeWordDetector}; allocates only on a detection.
 */
public final class WakeWordStage implements WakeStage {
    private final WakeWordDetector detector;

    public WakeWordStage(WakeWordDetector detector) {
        this.detector = detector;
    }

    @Override
    public WakeStage.Detection process(short[] frame) {
        List<dev.hark.wakeword.Detection> fired = detector.process(frame);
        if (fired.isEmpty()) {
            return null;
        }
        dev.hark.wakeword.Detection best = fired.get(0);
        for (dev.hark.wakeword.Detection d : fired) {
            if (d.score() > best.score()) {
                best = d;
            }
        }
        return new WakeStage.Detection(best.keyword(), best.score(), (int) (detector.framesProcessed() - 1 - best.frameIndex()));
    }

    @Override
    public void reset() {
        detector.reset();
    }

    @Override
    public void close() {
        detector.close();
    }
}
