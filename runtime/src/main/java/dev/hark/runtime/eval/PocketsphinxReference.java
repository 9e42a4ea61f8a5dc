package dev.hark.runtime.eval;

import dev.hark.asr.lexicon.Lexicon;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The reference recogniser of an evaluation: Debian's {@code pocketsphinx_batch} with the same
 * acoustic model and pronunciations as Hark and a JSGF grammar written from the same assistant, in its
 * default settings (noise removal, silence removal, batch CMN from the model's feat.params). Each
 * batch of recordings is written as raw 16 kHz PCM into a scratch folder that {@link #close()}
 * deletes. CPU time is pocketsphinx's own per-utterance total ({@code TOTAL ... seconds CPU}), which,
 * like Hark's figure, leaves out model loading.
 */
public final class PocketsphinxReference implements AutoCloseable {
    /** The program run; Debian package {@code pocketsphinx}. */
    public static final String PROGRAM = "pocketsphinx_batch";
    private static final Pattern TOTAL = Pattern.compile("TOTAL ([0-9.]+) seconds speech, ([0-9.]+) seconds CPU");

    /** Transcripts in the order of the recordings given, and the CPU seconds spent decoding them. */
    public record Result(List<String> transcripts, double cpuSeconds) {
    }

    private final Path model;
    private final Path dictionary;
    private final Path dir;
    private final Path grammar;
    private int batches;

    private PocketsphinxReference(Path model, Path dictionary, Path dir, Path grammar) {
        this.model = model;
        this.dictionary = dictionary;
        this.dir = dir;
        this.grammar = grammar;
    }

    /**
     * Prepares a scratch folder holding {@code jsgf} and the pronunciations of {@code lexicon} in the
     * dictionary's format, so that pocketsphinx hears the grammar's words as Hark does (its
     * pronunciation variants included).
     */
    public static PocketsphinxReference create(Path model, Lexicon lexicon, String jsgf) throws IOException {
        Path dir = Files.createTempDirectory("hark-eval-");
        Path grammar = dir.resolve("assistant.gram");
        Files.writeString(grammar, jsgf);
        StringBuilder dict = new StringBuilder();
        for (String word : lexicon.words()) {
            List<String[]> prons = lexicon.pronunciations(word);
            for (int i = 0; i < prons.size(); i++) {
                dict.append(word).append(i == 0 ? "" : "(" + (i + 1) + ")").append(' ')
                        .append(String.join(" ", prons.get(i))).append('\n');
            }
        }
        Path dictionary = dir.resolve("assistant.dict");
        Files.writeString(dictionary, dict);
        return new PocketsphinxReference(model, dictionary, dir, grammar);
    }

    /** Gives the audio of one recording of a batch (null: not decoded, an empty transcript); called once per recording, in order. */
    @FunctionalInterface
    public interface Audio {
        short[] get(int index) throws IOException;
    }

    /** Decodes {@code count} recordings (16 kHz mono PCM, written out one at a time) in one run of the program. */
    public Result decode(int count, Audio recordings) throws IOException {
        Path batch = Files.createDirectory(dir.resolve("batch" + batches++));
        StringBuilder ctl = new StringBuilder();
        for (int i = 0; i < count; i++) {
            short[] pcm = recordings.get(i);
            if (pcm == null) continue;
            ByteBuffer buf = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            buf.asShortBuffer().put(pcm);
            Files.write(batch.resolve(id(i) + ".raw"), buf.array());
            ctl.append(id(i)).append('\n');
        }
        if (ctl.isEmpty()) {
            return new Result(java.util.Collections.nCopies(count, ""), 0);
        }
        Path ctlFile = batch.resolve("files.ctl"), hyp = batch.resolve("files.hyp"), log = batch.resolve("log.txt");
        Files.writeString(ctlFile, ctl);
        Process p;
        try {
            p = new ProcessBuilder(PROGRAM, "-hmm", model.toString(), "-dict", dictionary.toString(),
                    "-jsgf", grammar.toString(), "-ctl", ctlFile.toString(), "-cepdir", batch.toString(),
                    "-cepext", ".raw", "-adcin", "yes", "-hyp", hyp.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException(PROGRAM + " could not be started (install Debian's pocketsphinx): " + e.getMessage());
        }
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException(PROGRAM + " interrupted");
        }
        String out = Files.readString(log);
        Matcher m = TOTAL.matcher(out);
        if (exit != 0 || !m.find() || !Files.exists(hyp)) {
            throw new IOException(PROGRAM + " failed (exit " + exit + "): " + lastError(out));
        }
        Map<String, String> byId = new HashMap<>();
        for (String line : Files.readAllLines(hyp)) {
            int paren = line.lastIndexOf('(');
            if (paren < 0) continue;
            String[] idScore = line.substring(paren + 1).replace(")", " ").trim().split("\\s+");
            byId.put(idScore[0], line.substring(0, paren).trim());
        }
        List<String> transcripts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) transcripts.add(byId.getOrDefault(id(i), ""));
        return new Result(transcripts, Double.parseDouble(m.group(2)));
    }

    private static String id(int i) {
        return String.format("f%05d", i);
    }

    private static String lastError(String log) {
        String found = "no result";
        for (String line : log.split("\n")) {
            if (line.startsWith("ERROR") || line.startsWith("FATAL")) found = line.strip();
        }
        return found;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }
}
