package dev.hark.runtime.loop;

import dev.hark.audio.PcmFormat;
import dev.hark.runtime.feedback.AudioClip;
import dev.hark.runtime.feedback.Feedback;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hark's own voice as the microphone hears it: the speech Hark plays (earcons are left out: tones say no
 * wake word and no command), placed on the stream clock as it starts, and whether a wake word detected
 * while it is audible was Hark's own.
 *
 * <p>While Hark speaks, its voice reaches the microphone: an answer that says a wake word ("say alexa,
 * then your order") would wake Hark. A wake word detected while a clip is audible counts only when its
 * score beats what the clip itself scores for that keyword, heard alone, around the same moment by
 * {@link #MARGIN}: a person's wake word over an answer that has none stops the answer (barge-in), while
 * the answer's own wake word does not. The trade-off: for about two seconds around a wake word Hark
 * itself says, a person cannot barge in with that wake word.
 *
 * <p>Clips are placed at the stream time of the frame during which they started; a file is read faster
 * than it plays, so the clips played while the loop waited for its answer lie one after the other from
 * the moment Hark spoke. The clip's own score is computed only when a wake word is detected while Hark is
 * audible: one wake-word pass over up to 3.5 s of the clip ({@link WakeScorer}), a few tens of
 * milliseconds on a desktop core, ten times that on a Pi 3. Placing clips costs nothing per frame when
 * none started. The feedback thread calls {@link #speaking}; everything else runs on the loop's thread.
 */
public final class OwnVoice implements Feedback.PlaybackListener {
    /** How far the detection's score must beat the clip's own for it to be a person's. */
    static final double MARGIN = 0.3;
    /** Hark's voice lingers after a clip ends: the output's latency and the room's reverberation. */
    static final int ECHO_TAIL_SAMPLES = 3 * PcmFormat.SAMPLE_RATE / 10;
    /**
     * A keyword model scores a window of the last 1.28 s: it may fire on a wake word up to that long after
     * the word, so detections that late after a clip are still checked against it.
     */
    static final int KEYWORD_REACH_SAMPLES = 1280 * PcmFormat.SAMPLE_RATE / 1000;
    /** Clip time searched for the clip's own wake word: before the detection (the echo arrives late) and after. */
    static final int BEFORE_SAMPLES = 3 * PcmFormat.SAMPLE_RATE / 2;
    static final int AFTER_SAMPLES = PcmFormat.SAMPLE_RATE / 2;
    private static final int KEPT = 8;

    private final WakeScorer scorer;
    private final ConcurrentLinkedQueue<AudioClip> started = new ConcurrentLinkedQueue<>();
    private final short[][] clips = new short[KEPT][];
    private final long[] starts = new long[KEPT];
    private final long[] ends = new long[KEPT];
    private int newest = -1;

    /** Judges detections with {@code scorer}. */
    public OwnVoice(WakeScorer scorer) {
        this.scorer = scorer;
    }

    /** Hark's speech starts playing (called on the feedback thread). */
    @Override
    public void speaking(AudioClip clip) {
        if (clip.sampleRate() == PcmFormat.SAMPLE_RATE) {
            started.add(clip);
        }
    }

    /**
     * Places the clips that started since the last frame at {@code now}, the stream sample the frame ends
     * at, one after the other (several start within one frame only when the input is a file, read while
     * Hark waited for its answer to be played).
     */
    void advance(long now) {
        AudioClip clip;
        long start = now;
        while ((clip = started.poll()) != null) {
            newest = (newest + 1) % KEPT;
            clips[newest] = clip.samples();
            starts[newest] = start;
            ends[newest] = start + clip.samples().length;
            start = ends[newest];
        }
    }

    /** Whether Hark's voice may be in the microphone at stream sample {@code now}. */
    boolean audible(long now) {
        return heardAt(now, ECHO_TAIL_SAMPLES) >= 0;
    }

    /**
     * Whether a detection of {@code keyword} with {@code score} at stream sample {@code now} is Hark's own
     * voice: a clip is audible, or ended so recently that the keyword window still holds it, and scores
     * within {@link #MARGIN} of the detection around that moment.
     */
    boolean isOwn(String keyword, double score, long now) {
        int k = heardAt(now, ECHO_TAIL_SAMPLES + KEYWORD_REACH_SAMPLES);
        if (k < 0) {
            return false;
        }
        int at = (int) Math.min(clips[k].length, now - starts[k]);
        double own = scorer.maxScore(keyword, clips[k], Math.max(0, at - BEFORE_SAMPLES),
                Math.min(clips[k].length, at + AFTER_SAMPLES));
        return score < own + MARGIN;
    }

    /** Barge-in: what was playing stops at {@code now}; nothing queued will play. */
    void cut(long now) {
        for (int i = 0; i < KEPT; i++) {
            if (clips[i] != null && ends[i] > now) {
                ends[i] = Math.max(starts[i], Math.min(ends[i], now));
            }
        }
    }

    /** The newest clip that started by {@code now} and ended less than {@code after} samples before it, or -1. */
    private int heardAt(long now, int after) {
        for (int i = 0; i < KEPT; i++) {
            int k = Math.floorMod(newest - i, KEPT);
            if (newest >= 0 && clips[k] != null && starts[k] <= now && now < ends[k] + after) {
                return k;
            }
        }
        return -1;
    }
}
