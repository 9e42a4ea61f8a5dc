package dev.hark.asr.search;

import dev.hark.asr.grammar.WordGraph;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * On-disk cache of compiled {@link SearchGraph}s, one file per key. The key is a SHA-256 over
 * everything the graph depends on: the grammar (every arc, word and tag, hence the dataset it came
 * from), the search penalties, the model definition and dictionary (by path, size and time) and the
 * author pronunciations. A hit skips lexicon lookup, letter-to-sound and triphone expansion.
 * Files are written atomically; a damaged file is treated as a miss.
 */
public final class SearchGraphCache {
    private static final int FORMAT = 6;
    private final Path dir;

    public SearchGraphCache(Path dir) {
        this.dir = dir;
    }

    /** The cache key for a grammar and what its compilation depends on. */
    public static String key(WordGraph grammar, SearchParameters params, List<Path> dependencies, String extra)
            throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder();
            sb.append(FORMAT).append('|').append(grammar.start()).append('|').append(grammar.finals()).append('\n');
            for (WordGraph.Arc a : grammar.arcs()) {
                sb.append(a.from()).append(' ').append(a.to()).append(' ').append(a.word()).append(' ').append(a.tags()).append('\n');
                if (sb.length() > 1 << 16) {
                    md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                }
            }
            sb.append(params.wordPenalty()).append(params.silencePenalty()).append(params.fillerPenalty())
                    .append(params.phoneLoopPenalty());
            for (Path p : dependencies) {
                sb.append(p.toAbsolutePath()).append(Files.size(p)).append(Files.getLastModifiedTime(p));
            }
            sb.append(extra);
            md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path file(String key) {
        return dir.resolve("asr-graph-" + key + ".bin");
    }

    /**
     * A cached graph and the words of its grammar that the dictionary lacked and letter-to-sound
     * pronounced, so that a start from the cache can still say which words were guessed.
     */
    public record Entry(SearchGraph graph, List<String> guessedWords) {
    }

    /** The cached graph for {@code key}, or null. */
    public Entry load(String key) {
        Path f = file(key);
        if (!Files.isRegularFile(f)) return null;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
            if (in.readInt() != FORMAT) return null;
            int nodes = in.readInt(), states = in.readInt(), loopStart = in.readInt();
            int[] hmm = ints(in), hmmSenones = ints(in), hmmTmat = ints(in), succStart = ints(in), succ = ints(in);
            float[] pen = floats(in);
            int[] wordEnd = ints(in), finalOf = ints(in);
            @SuppressWarnings("unchecked")
            List<String>[] finalLists = new List[in.readInt()];
            for (int i = 0; i < finalLists.length; i++) finalLists[i] = strings(in);
            int[] startNodes = ints(in);
            float[] startPen = floats(in);
            SearchGraph.WordInstance[] inst = new SearchGraph.WordInstance[in.readInt()];
            for (int i = 0; i < inst.length; i++) {
                inst[i] = new SearchGraph.WordInstance(in.readUTF(), in.readInt(), in.readInt(), strings(in));
            }
            List<String> guessed = strings(in);
            return new Entry(new SearchGraph(nodes, states, hmm, hmmSenones, hmmTmat, succStart, succ, pen, wordEnd,
                    finalOf, finalLists, startNodes, startPen, loopStart, inst), guessed);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Stores a graph under {@code key}, with the words letter-to-sound pronounced for it. */
    public void save(String key, SearchGraph g, List<String> guessedWords) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "asr-graph", ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(FORMAT);
            out.writeInt(g.nodeCount);
            out.writeInt(g.states);
            out.writeInt(g.loopStart);
            ints(out, g.hmm);
            ints(out, g.hmmSenones);
            ints(out, g.hmmTmat);
            ints(out, g.succStart);
            ints(out, g.succ);
            floats(out, g.succPenalty);
            ints(out, g.wordEnd);
            ints(out, g.finalOf);
            out.writeInt(g.finalTagLists.length);
            for (List<String> f : g.finalTagLists) strings(out, f);
            ints(out, g.startNodes);
            floats(out, g.startPenalty);
            out.writeInt(g.instances.length);
            for (SearchGraph.WordInstance w : g.instances) {
                out.writeUTF(w.word());
                out.writeInt(w.pronunciation());
                out.writeInt(w.phones());
                strings(out, w.tags());
            }
            strings(out, guessedWords);
        }
        Files.move(tmp, file(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int[] ints(DataInputStream in) throws IOException {
        int[] a = new int[in.readInt()];
        for (int i = 0; i < a.length; i++) a[i] = in.readInt();
        return a;
    }

    private static float[] floats(DataInputStream in) throws IOException {
        float[] a = new float[in.readInt()];
        for (int i = 0; i < a.length; i++) a[i] = in.readFloat();
        return a;
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) l.add(in.readUTF());
        return List.copyOf(l);
    }

    private static void ints(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) out.writeInt(v);
    }

    private static void floats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) out.writeFloat(v);
    }

    private static void strings(DataOutputStream out, List<String> l) throws IOException {
        out.writeInt(l.size());
        for (String s : l) out.writeUTF(s);
    }
}
