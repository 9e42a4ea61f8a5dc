package dev.hark.asr.feature;

/**
 * Drops the frames between stretches of speech, as sphinxbase's {@code -remove_silence} does for
 * pocketsphinx_batch: speech starts after {@code startSpeech} consecutive speech frames and is
 * passed on with up to {@code preSpeech} frames before it; it ends after {@code postSpeech}
 * consecutive non-speech frames, which are passed on too. The recogniser (and batch CMN) then sees
 * the speech with a little silence around it, not seconds of pauses or digital zeros. Holds
 * {@code preSpeech + 1} cepstra; no allocation per frame. Not thread-safe.
 */
final class SilenceRemover {
    private final int postSpeech, startSpeech;
    private final float[][] ring;
    private int ringStart, ringCount;
    private boolean inSpeech;
    private int speechRun, silenceRun;

    SilenceRemover(int cepstra, int preSpeech, int postSpeech, int startSpeech) {
        this.postSpeech = postSpeech;
        this.startSpeech = startSpeech;
        ring = new float[preSpeech + 1][cepstra];
    }

    /** Starts a new utterance (the gate closes, the pre-speech frames are forgotten). */
    void reset() {
        inSpeech = false;
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

    private void update(float[] cep, boolean speech) {
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
