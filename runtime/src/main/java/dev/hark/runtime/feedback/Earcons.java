package dev.hark.runtime.feedback;

import dev.hark.audio.PcmFormat;
import dev.hark.skill.Earcon;
import java.util.EnumMap;
import java.util.Map;

/**
 * Hark's short sounds, synthesised once at start-up so no sound files need shipping: "listening" is two
 * rising notes, "done" two falling ones, "error" a low double note, "alarm" a bright three-note pattern
 * repeated for about two seconds. Each note is a sine with 5 ms fades (no clicks) at half volume.
 * Costs a few hundred kilobytes of samples, held for the life of the process.
 */
public final class Earcons {
    private static final int RATE = PcmFormat.SAMPLE_RATE;
    private static final double VOLUME = 0.5;
    private final Map<Earcon, AudioClip> clips = new EnumMap<>(Earcon.class);

    /** Synthesises every earcon. */
    public Earcons() {
        clips.put(Earcon.LISTENING, clip("listening", new double[] {660, 0.08, 880, 0.10}));
        clips.put(Earcon.DONE, clip("done", new double[] {880, 0.08, 660, 0.10}));
        clips.put(Earcon.ERROR, clip("error", new double[] {330, 0.12, 0, 0.06, 330, 0.16}));
        double[] alarm = new double[6 * 8];
        for (int i = 0; i < 6; i++) {
            double[] bar = {880, 0.1, 1175, 0.1, 1320, 0.1, 0, 0.05};
            System.arraycopy(bar, 0, alarm, i * 8, 8);
        }
        clips.put(Earcon.ALARM, clip("alarm", alarm));
    }

    /** The clip of an earcon. */
    public AudioClip get(Earcon earcon) {
        return clips.get(earcon);
    }

    /** Notes as (frequency Hz, seconds) pairs; frequency 0 is a rest. */
    private static AudioClip clip(String label, double[] notes) {
        int total = 0;
        for (int i = 1; i < notes.length; i += 2) {
            total += (int) Math.round(notes[i] * RATE);
        }
        short[] out = new short[total];
        int pos = 0;
        int fade = RATE / 200;
        for (int i = 0; i < notes.length; i += 2) {
            int n = (int) Math.round(notes[i + 1] * RATE);
            double step = 2 * Math.PI * notes[i] / RATE;
            for (int k = 0; notes[i] > 0 && k < n; k++) {
                double envelope = Math.min(1.0, Math.min(k, n - 1 - k) / (double) fade);
                out[pos + k] = (short) Math.round(32767 * VOLUME * envelope * Math.sin(step * k));
            }
            pos += n;
        }
        return new AudioClip(label, out, RATE);
    }
}
