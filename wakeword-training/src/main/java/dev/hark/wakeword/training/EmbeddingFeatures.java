package dev.hark.wakeword.training;

import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavFiles;
import dev.hark.wakeword.ModelLoadException;
import dev.hark.wakeword.SpeechEmbeddings;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Recordings kept as the speech embeddings the front end computes for them ({@code .features} files,
 * which {@code hark wakeword features} writes): each recording streamed from a fresh state as
 * {@code hark wake} streams a file (2 s of silence before it, 1 s after), stored as its rows of 96
 * floats. Hours of real speech embedded once are then reused by every training run as negatives,
 * and measuring sets are scored by a head in seconds. Size: 17 MB per hour of audio (96 float32
 * values per 80 ms frame); reading costs the file read.
 */
public final class EmbeddingFeatures {
    /** The file name extension that marks a features file among negative sources. */
    public static final String EXTENSION = ".features";
    private static final int MAGIC = 0x48454d42; // "HEMB"
    private static final int VERSION = 1;
    /** Silence before each recording, as {@code hark wake} pads it (the detector's warm-up). */
    static final double LEAD_SECONDS = 2.0;
    /** Silence after each recording, as {@code hark wake} pads it. */
    static final double TAIL_SECONDS = 1.0;

    /**
     * One recording's embeddings.
     *
     * @param name  the recording's file name (for reports; a speaker's folder may stand before it)
     * @param rows  {@code n x 96} embeddings, row {@code i} for stream frame {@code i + 9}
     * @param audioSeconds the recording's own duration, without the padding
     */
    public record Stream(String name, float[] rows, double audioSeconds) {
        /** Rows held. */
        public int length() {
            return rows.length / SpeechEmbeddings.DIM;
        }
    }

    private EmbeddingFeatures() {
    }

    /** The embeddings of {@code samples} (16 kHz, [-1, 1]) padded as {@code hark wake} pads a file. */
    static Stream embed(SpeechEmbeddings embeddings, String name, float[] samples) {
        int lead = (int) (LEAD_SECONDS * PcmFormat.SAMPLE_RATE);
        float[] padded = new float[lead + samples.length + (int) (TAIL_SECONDS * PcmFormat.SAMPLE_RATE)];
        System.arraycopy(samples, 0, padded, lead, samples.length);
        return new Stream(name, embeddings.embed(Signals.toPcm(padded)), samples.length / (double) PcmFormat.SAMPLE_RATE);
    }

    /**
     * Embeds every WAV file under {@code folders} on {@code threads} threads (one front end each),
     * reporting progress to {@code progress}. Cost: about 15 ms of CPU per second of audio.
     *
     * @throws IOException when a folder or a recording cannot be read
     * @throws IllegalArgumentException when the folders hold no WAV file
     */
    public static List<Stream> make(List<Path> folders, Path modelDirectory, int threads,
                                    java.util.function.Consumer<String> progress) throws IOException, ModelLoadException {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            for (Path f : WavFiles.under(folder)) {
                files.add(f);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(folders.size() == 1 ? folders.get(0) + ": no .wav recordings in it"
                    : "no .wav recordings in " + folders);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, threads));
        try (FrontEnds frontEnds = new FrontEnds(modelDirectory)) {
            List<java.util.concurrent.Callable<Stream>> jobs = new ArrayList<>();
            for (Path f : files) {
                String name = f.getParent() == null ? f.getFileName().toString()
                        : f.getParent().getFileName() + "/" + f.getFileName();
                jobs.add(() -> embed(frontEnds.get(), name, Signals.read(f)));
            }
            return Jobs.run(pool, jobs, "recordings embedded", progress);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes {@code streams} to {@code file} (replacing it whole, so a reader never sees half). */
    public static void write(Path file, List<Stream> streams) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(SpeechEmbeddings.DIM);
            out.writeInt(streams.size());
            for (Stream s : streams) {
                out.writeUTF(s.name());
                out.writeDouble(s.audioSeconds());
                out.writeInt(s.rows().length);
                for (float v : s.rows()) {
                    out.writeFloat(v);
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The streams of {@code file}.
     *
     * @throws IOException naming the file when it is missing, not a features file, or cut short
     */
    public static List<Stream> read(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int n = header(file, in);
            List<Stream> streams = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                double seconds = in.readDouble();
                float[] rows = new float[in.readInt()];
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = in.readFloat();
                }
                streams.add(new Stream(name, rows, seconds));
            }
            return streams;
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such features file");
        } catch (EOFException e) {
            throw new IOException(file + ": features file cut short");
        }
    }

    /**
     * Checks that {@code file} is a features file by its header alone (a training run checks its
     * sources before minutes of work), returning the number of recordings it holds.
     *
     * @throws IOException naming the file when it is missing or not a features file
     */
    public static int check(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            return header(file, in);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such features file");
        } catch (EOFException e) {
            throw new IOException(file + ": features file cut short");
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** Reads the header, returning the number of recordings. */
    private static int header(Path file, DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION || in.readInt() != SpeechEmbeddings.DIM) {
            throw new IOException(file + ": not a Hark features file (make one with hark wakeword features)");
        }
        return in.readInt();
    }

    /** Whether {@code source} names a features file rather than a folder of recordings. */
    public static boolean isFeatures(Path source) {
        return source.getFileName() != null && source.getFileName().toString().endsWith(EXTENSION);
    }
}
