package dev.hark.wakeword;

import ai.onnxruntime.OrtException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures, for a benchmark ({@code hark bench}), the CPU time of the wake-word pipeline's parts
 * separately on the calling thread: the shared mel-spectrogram + speech-embedding front end, and each
 * keyword head scoring the embeddings it produced. A {@link WakeWordDetector} runs the same models
 * fused; this class exists because its parts are package-private. The front end embeds every frame
 * with the model given, K frames per run when time-batched, as the detector's does. Cost: one pass of
 * the front end and every head over the audio, plus two thread-CPU clock reads per part and frame.
 */
public final class PipelineCost implements AutoCloseable {
    private final SpeechEmbeddingFrontEnd frontEnd;
    private final KeywordHead[] heads;
    private final String[] names;
    private final int batch;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private PipelineCost(SpeechEmbeddingFrontEnd frontEnd, KeywordHead[] heads, String[] names, int batch) {
        this.frontEnd = frontEnd;
        this.heads = heads;
        this.names = names;
        this.batch = batch;
    }

    /** As {@link #open(Path, List, String, int)} with the detector's library defaults: the fp32 embedding, one run per frame. */
    public static PipelineCost open(Path modelDirectory, List<String> keywords) throws ModelLoadException {
        return open(modelDirectory, keywords, ModelFiles.EMBEDDING, 1);
    }

    /**
     * Loads the front end and the keyword heads {@code keywords} (bundled ones from the jar, pre-trained
     * ones from {@code modelDirectory}) on one ONNX Runtime thread each; the front end embeds with
     * {@code embeddingFile} ({@link ModelFiles#EMBEDDING} or {@link ModelFiles#EMBEDDING_INT8}), {@code batch}
     * frames per run of its time-batched variant (1: the model itself, once per frame).
     */
    public static PipelineCost open(Path modelDirectory, List<String> keywords, String embeddingFile, int batch)
            throws ModelLoadException {
        if (batch < 1 || batch > WakeWordDetector.MAX_BATCH) {
            throw new IllegalArgumentException("embedding batch must be 1 to " + WakeWordDetector.MAX_BATCH + ", got " + batch);
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            KeywordHead[] heads = new KeywordHead[keywords.size()];
            int window = 1;
            for (int i = 0; i < heads.length; i++) {
                String k = keywords.get(i);
                if (KeywordDescription.BUNDLED.contains(k)) {
                    KeywordDescription d = KeywordDescription.bundled(k);
                    heads[i] = new KeywordHead(d.source(), d.model(), 1);
                } else {
                    heads[i] = new KeywordHead(ModelFiles.require(modelDirectory, ModelFiles.keywordFileName(k)), 1);
                }
                opened.add(heads[i]);
                window = Math.max(window, heads[i].window());
            }
            // the mel spectrogram in Java, as the detector's by default
            SpeechEmbeddingFrontEnd fe = new SpeechEmbeddingFrontEnd(null, ModelFiles.require(modelDirectory,
                    batch > 1 ? ModelFiles.timeBatched(embeddingFile) : embeddingFile), null, window + batch - 1, batch, 1);
            return new PipelineCost(fe, heads, keywords.toArray(new String[0]), batch);
        } catch (ModelLoadException | RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The keyword heads' names, in the order of {@link Result#headNanos()}. */
    public List<String> keywords() {
        return List.of(names);
    }

    /**
     * Runs the front end from a fresh state over {@code frames} (80 ms each), and every head on each
     * frame once the front end holds enough embeddings for it; time-batched, the embeddings and scores
     * of K frames come together every K-th frame, as in the detector (a last incomplete batch is not run).
     */
    public Result measure(short[][] frames) {
        frontEnd.reset();
        long fe = 0;
        long[] head = new long[heads.length];
        int pending = 0;
        try {
            for (short[] frame : frames) {
                long t0 = threads.getCurrentThreadCpuTime();
                frontEnd.process(frame, false);
                if (++pending == batch) {
                    frontEnd.embedOwed();
                }
                fe += threads.getCurrentThreadCpuTime() - t0;
                if (pending < batch) {
                    continue;
                }
                for (int lag = batch - 1; lag >= 0; lag--) {
                    for (int k = 0; k < heads.length; k++) {
                        if (frontEnd.embeddingsAvailable() - lag >= heads[k].window()) {
                            long s = threads.getCurrentThreadCpuTime();
                            heads[k].score(frontEnd, lag);
                            head[k] += threads.getCurrentThreadCpuTime() - s;
                        }
                    }
                }
                pending = 0;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("wake-word inference failed: " + e.getMessage(), e);
        }
        return new Result(fe, head);
    }

    /** Thread CPU nanoseconds of the front end and of each head over one {@link #measure} pass. */
    public record Result(long frontEndNanos, long[] headNanos) {
    }

    @Override
    public void close() {
        for (KeywordHead h : heads) {
            h.close();
        }
        frontEnd.close();
    }
}
