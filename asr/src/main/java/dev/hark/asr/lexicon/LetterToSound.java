package dev.hark.asr.lexicon;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Letter-to-sound rules learned from the CMU dictionary, for words it lacks (names, brands).
 *
 * <p>Training: each dictionary word's letters are aligned to its phones by dynamic programming,
 * a letter producing nothing, one phone or two phones (as "x" gives K S), with the
 * letter-to-phone-chunk probabilities re-estimated over three EM-style passes. Then, for every
 * letter, the chunk it produced is counted under its context window (two letters each side, one
 * each side, the letter alone). The model keeps, per context, the most frequent chunk, and
 * drops a wider context when it predicts the same as its narrower back-off, so the stored model
 * is small (tens of thousands of rules). Prediction walks the word's letters and uses the widest
 * context known. Training reads the 134k-word dictionary once (a few seconds, ~100 MB transient);
 * {@link #cached} stores the result so later starts only read the small rule file. Immutable.
 */
public final class LetterToSound {
    private static final int FORMAT = 1;
    private static final int PASSES = 3;
    private static final String PAD = "#";

    /** context key -> chunk ("" for no phone, phones joined by space) */
    private final Map<String, String> rules;

    private LetterToSound(Map<String, String> rules) {
        this.rules = rules;
    }

    /** Number of stored rules. */
    public int size() {
        return rules.size();
    }

    /**
     * Loads the model from {@code cacheFile}, or trains it from {@code dictionary} and writes the
     * cache (atomically) when it is missing or older than the dictionary.
     */
    public static LetterToSound cached(Path dictionary, Path cacheFile) throws IOException {
        if (Files.isRegularFile(cacheFile)
                && Files.getLastModifiedTime(cacheFile).compareTo(Files.getLastModifiedTime(dictionary)) >= 0) {
            try (InputStream in = Files.newInputStream(cacheFile)) {
                return read(in);
            } catch (IOException e) {
                // a damaged cache is rebuilt below
            }
        }
        LetterToSound lts = train(dictionary);
        Files.createDirectories(cacheFile.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(cacheFile.toAbsolutePath().getParent(), "lts", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            lts.write(out);
        }
        Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return lts;
    }

    /** Trains from a dictionary file ("word PH ON ES" lines). */
    public static LetterToSound train(Path dictionary) throws IOException {
        List<String> words = new ArrayList<>();
        List<String[]> prons = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(dictionary, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                int sp = line.indexOf(' ');
                if (sp <= 0) continue;
                String head = line.substring(0, sp);
                if (head.indexOf('(') >= 0) continue; // first pronunciation only
                String w = head.toLowerCase(Locale.ROOT);
                if (!w.matches("[a-z']+")) continue;
                words.add(w);
                prons.add(line.substring(sp + 1).trim().split("\\s+"));
            }
        }
        Map<String, Double> logp = new HashMap<>();
        List<String[]> alignments = new ArrayList<>();
        for (int pass = 0; pass < PASSES; pass++) {
            Map<String, Integer> counts = new HashMap<>();
            Map<Character, Integer> letterCounts = new HashMap<>();
            alignments.clear();
            for (int i = 0; i < words.size(); i++) {
                String[] a = align(words.get(i), prons.get(i), logp);
                alignments.add(a);
                if (a == null) continue;
                String w = words.get(i);
                for (int k = 0; k < w.length(); k++) {
                    counts.merge(w.charAt(k) + ":" + a[k], 1, Integer::sum);
                    letterCounts.merge(w.charAt(k), 1, Integer::sum);
                }
            }
            logp.clear();
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                char c = e.getKey().charAt(0);
                logp.put(e.getKey(), Math.log(e.getValue() / (double) letterCounts.get(c)));
            }
        }
        // count chunks under context windows
        int[] widths = {2, 1, 0};
        List<Map<String, Map<String, Integer>>> levels = new ArrayList<>();
        for (int ignored : widths) levels.add(new HashMap<>());
        for (int i = 0; i < words.size(); i++) {
            String[] a = alignments.get(i);
            if (a == null) continue;
            String w = words.get(i);
            for (int k = 0; k < w.length(); k++) {
                for (int l = 0; l < widths.length; l++) {
                    levels.get(l).computeIfAbsent(context(w, k, widths[l]), x -> new HashMap<>()).merge(a[k], 1, Integer::sum);
                }
            }
        }
        Map<String, String> rules = new HashMap<>();
        for (int l = widths.length - 1; l >= 0; l--) {
            for (Map.Entry<String, Map<String, Integer>> e : levels.get(l).entrySet()) {
                String best = argmax(e.getValue());
                String key = e.getKey();
                if (l < widths.length - 1) {
                    String backoff = predictFrom(rules, key, widths[l]);
                    if (best.equals(backoff)) continue;
                }
                rules.put(key, best);
            }
        }
        return new LetterToSound(rules);
    }

    private static String argmax(Map<String, Integer> m) {
        String best = null;
        int n = -1;
        for (Map.Entry<String, Integer> e : m.entrySet()) {
            if (e.getValue() > n || (e.getValue() == n && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                n = e.getValue();
            }
        }
        return best;
    }

    // A key is the window width followed by the padded letters around position k.
    private static String context(String w, int k, int width) {
        StringBuilder sb = new StringBuilder().append(width).append(':');
        for (int i = k - width; i <= k + width; i++) {
            sb.append(i < 0 || i >= w.length() ? PAD : String.valueOf(w.charAt(i)));
        }
        return sb.toString();
    }

    // Prediction for a window key using only narrower windows (the key's centre letters).
    private static String predictFrom(Map<String, String> rules, String key, int width) {
        String letters = key.substring(key.indexOf(':') + 1);
        for (int w = width - 1; w >= 0; w--) {
            String sub = w + ":" + letters.substring(width - w, width + w + 1);
            String r = rules.get(sub);
            if (r != null) return r;
        }
        return null;
    }

    /**
     * Aligns letters to phones maximising the sum of chunk log-probabilities (uniform on the first
     * pass); returns one chunk per letter, or null when no alignment fits (too many phones).
     */
    private static String[] align(String w, String[] ph, Map<String, Double> logp) {
        int n = w.length(), m = ph.length;
        double[][] best = new double[n + 1][m + 1];
        int[][] step = new int[n + 1][m + 1];
        for (double[] row : best) java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
        best[0][0] = 0;
        for (int i = 1; i <= n; i++) {
            char c = w.charAt(i - 1);
            for (int j = 0; j <= m; j++) {
                for (int take = 0; take <= 2 && take <= j; take++) {
                    double prev = best[i - 1][j - take];
                    if (prev == Double.NEGATIVE_INFINITY) continue;
                    String chunk = take == 0 ? "" : take == 1 ? ph[j - 1] : ph[j - 2] + " " + ph[j - 1];
                    double s = prev + score(logp, c, chunk, take);
                    if (s > best[i][j]) {
                        best[i][j] = s;
                        step[i][j] = take;
                    }
                }
            }
        }
        if (best[n][m] == Double.NEGATIVE_INFINITY) return null;
        String[] out = new String[n];
        int j = m;
        for (int i = n; i >= 1; i--) {
            int take = step[i][j];
            out[i - 1] = take == 0 ? "" : take == 1 ? ph[j - 1] : ph[j - 2] + " " + ph[j - 1];
            j -= take;
        }
        return out;
    }

    private static double score(Map<String, Double> logp, char c, String chunk, int take) {
        if (logp.isEmpty()) {
            return take == 1 ? 0 : -1; // first pass: prefer one phone per letter
        }
        Double v = logp.get(c + ":" + chunk);
        return v != null ? v : -20 - 2 * take;
    }

    /** Predicts a pronunciation (CMU phones) for a word; empty when it has no letters. */
    public String[] pronounce(String word) {
        String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z']", "");
        List<String> phones = new ArrayList<>();
        for (int k = 0; k < w.length(); k++) {
            String chunk = null;
            for (int width = 2; width >= 0 && chunk == null; width--) {
                chunk = rules.get(context(w, k, width));
            }
            if (chunk != null && !chunk.isEmpty()) {
                for (String p : chunk.split(" ")) phones.add(p);
            }
        }
        return phones.toArray(new String[0]);
    }

    private void write(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os));
        out.writeInt(FORMAT);
        out.writeInt(rules.size());
        for (Map.Entry<String, String> e : rules.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        out.flush();
    }

    private static LetterToSound read(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is));
        if (in.readInt() != FORMAT) throw new IOException("letter-to-sound cache has another format");
        int n = in.readInt();
        Map<String, String> rules = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            rules.put(in.readUTF(), in.readUTF());
        }
        return new LetterToSound(rules);
    }
}
