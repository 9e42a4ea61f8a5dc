package dev.hark.runtime.eval;

import dev.hark.asr.grammar.DatasetGrammarCompiler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts what was heard instead of what was said, with a few example files each: slot confusions
 * (a slot's labelled value against the value heard, "(none)" for a missing or extra slot) and word
 * confusions, found by aligning the words of each wrong slot value with the words heard in that
 * slot (labels hold slot values, not whole transcripts; a wholly missing or extra slot is a slot
 * confusion only). Only accepted results are counted:
 * rejections and empty transcripts have their own counts. Not thread-safe.
 */
public final class Confusions {
    /** Nothing: the side of a confusion where a slot or word is missing. */
    public static final String NONE = "(none)";
    private static final int EXAMPLES = 3;

    /** One kind of confusion: in {@code what} (a slot name, "intent" or "word"), {@code expected} heard as {@code heard}. */
    public record Confusion(String what, String expected, String heard, int count, List<String> examples) {
    }

    private final Map<List<String>, Confusion> slots = new LinkedHashMap<>();
    private final Map<List<String>, Confusion> words = new LinkedHashMap<>();

    /** Counts the errors of one file's verdict; rejections and empty results are counted elsewhere. */
    public void add(String file, Verdict verdict) {
        if (verdict.outcome() != Verdict.Outcome.ACCEPTED) return;
        for (Verdict.SlotError e : verdict.errors()) {
            count(slots, e.slot(), orNone(e.expected()), orNone(e.heard()), file);
            if (e.slot().equals("intent") || e.expected() == null || e.heard() == null) continue;
            List<String> want = DatasetGrammarCompiler.tokenize(e.expected());
            List<String> got = DatasetGrammarCompiler.tokenize(e.heard());
            for (String[] pair : align(want, got)) count(words, "word", pair[0], pair[1], file);
        }
    }

    /** The {@code n} most frequent slot confusions (ties: first seen first). */
    public List<Confusion> topSlots(int n) {
        return top(slots, n);
    }

    /** The {@code n} most frequent word confusions. */
    public List<Confusion> topWords(int n) {
        return top(words, n);
    }

    private static String orNone(String s) {
        return s == null ? NONE : s;
    }

    private static void count(Map<List<String>, Confusion> into, String what, String expected, String heard, String file) {
        into.merge(List.of(what, expected, heard), new Confusion(what, expected, heard, 1, List.of(file)), (a, b) -> {
            List<String> ex = a.examples();
            if (ex.size() < EXAMPLES && !ex.contains(file)) {
                ex = new ArrayList<>(ex);
                ex.add(file);
            }
            return new Confusion(what, expected, heard, a.count() + 1, List.copyOf(ex));
        });
    }

    private static List<Confusion> top(Map<List<String>, Confusion> m, int n) {
        List<Confusion> all = new ArrayList<>(m.values());
        all.sort(Comparator.comparingInt(Confusion::count).reversed());
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** The substituted, deleted and inserted word pairs of a minimum edit-distance alignment. */
    static List<String[]> align(List<String> want, List<String> got) {
        int n = want.size(), m = got.size();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int sub = d[i - 1][j - 1] + (want.get(i - 1).equals(got.get(j - 1)) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
            }
        }
        List<String[]> pairs = new ArrayList<>();
        int i = n, j = m;
        while (i > 0 || j > 0) {
            if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + (want.get(i - 1).equals(got.get(j - 1)) ? 0 : 1)) {
                if (!want.get(i - 1).equals(got.get(j - 1))) pairs.add(0, new String[] {want.get(i - 1), got.get(j - 1)});
                i--;
                j--;
            } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
                pairs.add(0, new String[] {want.get(i - 1), NONE});
                i--;
            } else {
                pairs.add(0, new String[] {NONE, got.get(j - 1)});
                j--;
            }
        }
        return pairs;
    }
}
