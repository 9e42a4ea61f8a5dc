package dev.hark.runtime.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one condition of an evaluation: how many recordings Hark understood exactly, how
 * many it rejected or heard nothing in, its decoding CPU time and real-time factor, the most
 * frequent confusions, and the reference recogniser's figures on the same audio when it ran.
 */
public record ConditionResult(Condition condition, int files, int right, int rejected, int empty,
                              double cpuSeconds, double audioSeconds, Confusions confusions, Reference reference,
                              Endpointing endpointing) {
    /** The reference recogniser's figures on the same audio. */
    public record Reference(String engine, int right, int empty, double cpuSeconds) {
    }

    /**
     * How the loop's endpointer ended the recordings, when it cut them: given up on for no speech or for
     * length (not recognised, so counted as not understood, neither rejected nor empty), and cut at the
     * recording's end while it still heard speech.
     */
    public record Endpointing(int noSpeech, int tooLong, int unended) {
    }

    /** How many confusions of each kind the JSON and the table show. */
    public static final int TOP = 10;

    /** Fraction of recordings understood exactly. */
    public double accuracy() {
        return files == 0 ? 0 : (double) right / files;
    }

    /** The reference's accuracy on the same recordings (NaN without a reference). */
    public double referenceAccuracy() {
        return reference == null || files == 0 ? Double.NaN : (double) reference.right() / files;
    }

    /** Decoding CPU seconds per second of audio. */
    public double rtf() {
        return audioSeconds == 0 ? 0 : cpuSeconds / audioSeconds;
    }

    /** The object printed by {@code hark eval --json} (DESIGN.md §5 "eval"). */
    public Map<String, Object> toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("condition", condition.name());
        o.put("snr_db", condition.noisy() ? condition.snrDb() : null);
        o.put("files", files);
        o.put("accepted", right);
        o.put("accuracy", round(accuracy(), 4));
        o.put("rejected", rejected);
        o.put("empty", empty);
        o.put("cpu_s", round(cpuSeconds, 3));
        o.put("audio_s", round(audioSeconds, 2));
        o.put("rtf", round(rtf(), 4));
        o.put("slot_confusions", json(confusions.topSlots(TOP)));
        o.put("word_confusions", json(confusions.topWords(TOP)));
        if (endpointing != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("no_speech", endpointing.noSpeech());
            e.put("too_long", endpointing.tooLong());
            e.put("unended", endpointing.unended());
            o.put("endpointer", e);
        }
        if (reference != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("engine", reference.engine());
            r.put("accepted", reference.right());
            r.put("accuracy", round(referenceAccuracy(), 4));
            r.put("empty", reference.empty());
            r.put("cpu_s", round(reference.cpuSeconds(), 3));
            r.put("cpu_ratio", reference.cpuSeconds() == 0 ? null : round(cpuSeconds / reference.cpuSeconds(), 3));
            o.put("reference", r);
        }
        return o;
    }

    private static List<Map<String, Object>> json(List<Confusions.Confusion> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Confusions.Confusion c : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("slot", c.what());
            m.put("expected", c.expected());
            m.put("heard", c.heard());
            m.put("count", c.count());
            m.put("examples", c.examples());
            out.add(m);
        }
        return out;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
