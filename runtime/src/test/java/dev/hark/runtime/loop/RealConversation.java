package dev.hark.runtime.loop;

import dev.hark.audio.PcmFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A conversation as a microphone in a room would record it, assembled from recordings: a wake phrase
 * (synthetic: there are no real recordings of the wake words), a short tail of real speech after it (the
 * wake word's speech going on after the detector fires), a pause, a real spoken command, real speech that
 * is not meant for Hark, and Hark's own answers as the microphone hears them. Real room noise runs under
 * everything, so there is never digital silence between the parts or inside them (commands-dev files
 * carry stretches of exact zeros; the noise covers them too). Every spoken part is set to the same
 * active level ({@link #SPEECH_DBFS}, the person stays where they are) and the room noise to a level
 * {@code snrDb} below it. Deterministic: the same parts and seed make the same samples.
 *
 * <p>The builder remembers where each part lies, so tests can check when events came.
 */
final class RealConversation {
    /** Active level every spoken part is set to, dB relative to full scale. */
    static final double SPEECH_DBFS = -26;
    /** Room kept around a command's speech from its own recording (before, after). */
    static final double COMMAND_LEAD_S = 0.15;
    static final double COMMAND_TRAIL_S = 0.25;
    /** A tail is quieter than the phrase it ends. */
    static final double TAIL_DB = -6;
    private static final int FADE = PcmFormat.SAMPLE_RATE / 200;

    /**
     * One wake word and command, in seconds: where the wake phrase ends, where the speech before the
     * command (the phrase and its tail) ends, and where the command's speech lies.
     */
    record Turn(String command, double pause, double wakeEnd, double speechBefore, double commandStart, double commandEnd) {
    }

    private final short[] noise;
    private final double noiseDbfs;
    private final int noiseOffset;
    private float[] mix = new float[PcmFormat.SAMPLE_RATE * 30];
    private int length;
    private final List<Turn> turns = new ArrayList<>();
    private double wakeEnd = -1;
    private double speechBefore = -1;
    private double pause;

    /**
     * A conversation over {@code noise} (a real room recording, looped as needed from a point chosen by
     * {@code seed}) at {@code snrDb} below the speech.
     */
    RealConversation(short[] noise, double snrDb, long seed) {
        if (noise.length < PcmFormat.SAMPLE_RATE) {
            throw new IllegalArgumentException("room noise must last at least 1 s, got " + noise.length + " samples");
        }
        this.noise = noise;
        this.noiseDbfs = SPEECH_DBFS - snrDb;
        this.noiseOffset = (int) Math.floorMod(seed * 7919L * PcmFormat.FRAME_SAMPLES, (long) noise.length);
    }

    /** The room alone for {@code seconds}. */
    RealConversation room(double seconds) {
        reserve(samples(seconds));
        length += samples(seconds);
        return this;
    }

    /** A wake phrase: its speech (trimmed of the synthesiser's silence) at the speech level. */
    RealConversation wakePhrase(short[] phrase) {
        SpeechEnergy e = new SpeechEnergy(phrase);
        place(phrase, e.startSample(), e.endSample(), e.activeDbfs(), SPEECH_DBFS);
        wakeEnd = PcmFormat.seconds(length);
        return this;
    }

    /** The last {@code seconds} of speech of a real recording, right after the wake phrase, a little quieter. */
    RealConversation tail(short[] speech, double seconds) {
        SpeechEnergy e = new SpeechEnergy(speech);
        int end = e.endSample();
        int start = Math.max(e.startSample(), end - samples(seconds));
        place(speech, start, end, e.activeDbfs(), SPEECH_DBFS + TAIL_DB);
        return this;
    }

    /**
     * The room for {@code seconds} between the end of the wake phrase's speech (and tail) and the onset of
     * the next command; 0 says the command follows without a pause.
     */
    RealConversation pause(double seconds) {
        pause = seconds;
        speechBefore = seconds();
        return room(Math.max(0, seconds - COMMAND_LEAD_S));
    }

    /**
     * A real spoken command: its speech with a little of its own room around it (less before it when the
     * pause is shorter), at the speech level.
     */
    RealConversation command(String name, short[] recording) {
        SpeechEnergy e = new SpeechEnergy(recording);
        int lead = samples(Math.min(COMMAND_LEAD_S, pause));
        int from = Math.max(0, e.startSample() - lead);
        int to = Math.min(recording.length, e.endSample() + samples(COMMAND_TRAIL_S));
        double start = PcmFormat.seconds(length + e.startSample() - from);
        place(recording, from, to, e.activeDbfs(), SPEECH_DBFS);
        double end = PcmFormat.seconds(length) - PcmFormat.seconds(to - e.endSample());
        turns.add(new Turn(name, pause, wakeEnd, speechBefore, start, end));
        wakeEnd = -1;
        return this;
    }

    /** Real speech not meant for Hark (someone talking in the room), at the speech level. */
    RealConversation speech(short[] recording) {
        SpeechEnergy e = new SpeechEnergy(recording);
        place(recording, e.startSample(), e.endSample(), e.activeDbfs(), SPEECH_DBFS);
        return this;
    }

    /**
     * Hark's own voice as the microphone hears it: {@code clip} added from {@code atSeconds} at
     * {@code dbfs} active level, over whatever is there (the conversation grows to hold it).
     */
    RealConversation overlay(short[] clip, double atSeconds, double dbfs) {
        SpeechEnergy e = new SpeechEnergy(clip);
        int at = samples(atSeconds);
        reserve(at + clip.length - length);
        add(clip, 0, clip.length, at, gain(e.activeDbfs(), dbfs));
        length = Math.max(length, at + clip.length);
        return this;
    }

    /** Seconds assembled so far. */
    double seconds() {
        return PcmFormat.seconds(length);
    }

    /** The commands, in order. */
    List<Turn> turns() {
        return List.copyOf(turns);
    }

    /** The recording: every part over the room noise, as 16 kHz 16-bit PCM. */
    short[] pcm() {
        double noiseRms = 0;
        for (short s : noise) {
            noiseRms += (double) s * s;
        }
        noiseRms = Math.sqrt(noiseRms / noise.length) / 32768.0;
        float g = (float) (Math.pow(10, noiseDbfs / 20) / Math.max(noiseRms, 1e-9));
        short[] out = new short[length];
        int loopFade = Math.min(PcmFormat.SAMPLE_RATE / 20, noise.length / 4);
        for (int i = 0; i < length; i++) {
            out[i] = clip(mix[i] + g * loopedNoise(i, loopFade));
        }
        return out;
    }

    /** The noise looped from the seed's offset, cross-faded where it wraps, so the loop makes no click. */
    private float loopedNoise(int i, int fade) {
        int period = noise.length - fade;
        int k = (noiseOffset + i) % period;
        if (k < fade) {
            float w = (k + 0.5f) / fade;
            return w * noise[k] + (1 - w) * noise[period + k];
        }
        return noise[k];
    }

    private void place(short[] pcm, int from, int to, double levelDbfs, double targetDbfs) {
        reserve(to - from);
        add(pcm, from, to, length, gain(levelDbfs, targetDbfs));
        length += to - from;
    }

    /** Adds pcm[from, to) at {@code at}, scaled, with 5 ms fades at both ends so no part starts with a click. */
    private void add(short[] pcm, int from, int to, int at, double gain) {
        int n = to - from;
        for (int i = 0; i < n; i++) {
            double w = Math.min(1, Math.min((i + 0.5) / FADE, (n - i - 0.5) / FADE));
            mix[at + i] += (float) (gain * w * pcm[from + i]);
        }
    }

    private static double gain(double levelDbfs, double targetDbfs) {
        return Math.pow(10, (targetDbfs - levelDbfs) / 20);
    }

    private void reserve(int more) {
        if (length + more > mix.length) {
            mix = Arrays.copyOf(mix, Math.max(mix.length * 2, length + more));
        }
    }

    private static short clip(float v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }

    private static int samples(double seconds) {
        return (int) Math.round(seconds * PcmFormat.SAMPLE_RATE);
    }
}
