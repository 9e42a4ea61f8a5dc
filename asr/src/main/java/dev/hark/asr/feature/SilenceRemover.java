package dev.hark.asr.feature;

/**
 * Drops the frames between stretches of speech, as sphinxbase's {@code -remove_silence} does for
 * pocketsphinx_batch: speech starts after {@code startSpeech} consecutive speech frames and is
 * passed on with up to {@code preSpeech} frames before it; it ends after {@code postSpeech}
 * consecutive non-speech frames, which are passed on too. The recogniser (and batch CMN) then sees
 * the speech with a little silence around it, not seconds of pauses or digital zeros.
 *
 * <p>Where sphinxbase would pass on nothing at all (speech too quiet or too noisy for its VAD to
 * start), {@link #finish} can pass on every frame of the utterance instead, so that a spoken command
 * is still decoded ({@code keepAllIfSilent}, Hark's addition). Holds {@code preSpeech + 1} cepstra,
 * and, until speech starts, the utterance's frames for that fallback (up to
 * {@link #MAX_HELD_FRAMES}, grown geometrically); no allocation per frame otherwise. Not thread-safe.
 */
final class SilenceRemover {
    /** At most this many frames (60 s) are kept for the fallback; later ones are not. */
    static final int MAX_HELD_FRAMES = 6000;

    private final int postSpeech, startSpeech;
    private final boolean keepAllIfSilent;
    private final int cepstra;
    private float[][] held = new float[0][];
    private int heldCount;
    private boolean opened;
    private final float[][] ring;
    private int ringStart, ringCount;
    private boolean inSpeech;
    private int speechRun, silenceRun;

    SilenceRemover(int cepstra, int preSpeech, int postSpeech, int startSpeech, boolean keepAllIfSilent) {
        this.cepstra = cepstra;
        this.keepAllIfSilent = keepAllIfSilent;
        this.postSpeech = postSpeech;
        this.startSpeech = startSpeech;
        ring = new float[preSpeech + 1][cepstra];
    }

    /** Starts a new utterance (the gate closes, the pre-speech frames are forgotten). */
    void reset() {
        inSpeech = false;
        opened = false;
        heldCount = 0;
        speechRun = 0;
        silenceRun = 0;
        ringStart = 0;
        ringCount = 0;
    }

    /** Whether frames are being passed on. */
    boolean inSpeech() {
        return inSpeech;
    }

    /**
     * Takes one frame and its speech decision; passes on what the gate lets through (the frames
     * kept before speech first, then this one). Returns the number of frames passed on.
     */
    int accept(float[] cep, boolean speech, CepstrumSink sink) {
        update(cep, speech);
        if (!inSpeech) return 0;
        if (ringCount == 0) {
            sink.accept(cep);
            return 1;
        }
        // the frame that opened the gate is the newest in the ring
        int n = ringCount;
        for (int k = 0; k < n; k++) sink.accept(ring[(ringStart + k) % ring.length]);
        ringStart = 0;
        ringCount = 0;
        return n;
    }

    /** The last frame of an utterance: passed on only while the gate is open, without the pre-speech frames. */
    int acceptLast(float[] cep, boolean speech, CepstrumSink sink) {
        update(cep, speech);
        if (!inSpeech) return 0;
        sink.accept(cep);
        return 1;
    }

    /**
     * Ends the utterance: when speech never started and the fallback is on, passes on every frame
     * of the utterance. Returns the number of frames passed on.
     */
    int finish(CepstrumSink sink) {
        int n = opened || !keepAllIfSilent ? 0 : heldCount;
        for (int k = 0; k < n; k++) sink.accept(held[k]);
        reset();
        return n;
    }

    private void hold(float[] cep) {
        if (heldCount == held.length) {
            if (heldCount == MAX_HELD_FRAMES) return;
            held = java.util.Arrays.copyOf(held, Math.min(MAX_HELD_FRAMES, Math.max(64, 2 * heldCount)));
        }
        if (held[heldCount] == null) held[heldCount] = new float[cepstra];
        System.arraycopy(cep, 0, held[heldCount++], 0, cepstra);
    }

    private void update(float[] cep, boolean speech) {
        if (keepAllIfSilent && !opened) hold(cep);
        if (!inSpeech) {
            int slot = (ringStart + ringCount) % ring.length;
            System.arraycopy(cep, 0, ring[slot], 0, cep.length);
            if (ringCount < ring.length) ringCount++;
            else ringStart = (ringStart + 1) % ring.length;
        }
        if (speech) {
            silenceRun = 0;
            if (!inSpeech && ++speechRun >= startSpeech) {
                speechRun = 0;
                inSpeech = true;
                opened = true;
                heldCount = 0;
            }
        } else {
            speechRun = 0;
            if (inSpeech && ++silenceRun >= postSpeech) {
                silenceRun = 0;
                inSpeech = false;
                ringStart = 0;
                ringCount = 0;
            }
        }
    }
}
