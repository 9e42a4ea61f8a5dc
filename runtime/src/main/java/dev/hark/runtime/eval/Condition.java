package dev.hark.runtime.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A listening condition of an evaluation: the recordings as they are ({@code clean}) or mixed with
 * real noise at a signal-to-noise ratio in dB ({@code snr12}).
 */
public record Condition(String name, double snrDb) {
    /** The recordings as recorded. */
    public static final Condition CLEAN = new Condition("clean", Double.NaN);

    /** Whether noise is mixed in. */
    public boolean noisy() {
        return !Double.isNaN(snrDb);
    }

    /** A noisy condition at {@code snrDb}. */
    public static Condition snr(double snrDb) {
        String n = snrDb == Math.rint(snrDb) ? String.valueOf((long) snrDb) : String.valueOf(snrDb);
        return new Condition("snr" + n, snrDb);
    }

    /**
     * Parses a comma-separated list of SNRs in dB and/or the word {@code clean}, e.g.
     * {@code clean,24,18,12,6}.
     *
     * @throws IllegalArgumentException naming the item that is neither a finite number nor {@code clean}
     */
    public static List<Condition> parseList(String list) {
        List<Condition> out = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            String t = item.strip().toLowerCase(Locale.ROOT);
            if (t.equals("clean")) {
                out.add(CLEAN);
                continue;
            }
            double db;
            try {
                db = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + item + "' is neither an SNR in dB nor 'clean'");
            }
            if (!Double.isFinite(db) || db < -30 || db > 100) {
                throw new IllegalArgumentException("'" + item + "' is not an SNR between -30 and 100 dB");
            }
            out.add(snr(db));
        }
        return out;
    }
}
