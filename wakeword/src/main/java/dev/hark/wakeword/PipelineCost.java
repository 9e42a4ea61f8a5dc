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
 * fused; this class exists because its parts are package-private. Cost: one pass of the front end and
 * every head over the audio, plus two thread-CPU clock reads per part and frame.
 */
public final class PipelineCost implements AutoCloseable {
    private final SpeechEmbeddingFrontEnd frontEnd;
    private final KeywordHead[] heads;
    private final String[] names;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private PipelineCost(SpeechEmbeddingFrontEnd frontEnd, KeywordHead[] heads, String[] names) {
        this.frontEnd = frontEnd;
        this.heads = heads;
        this.names = names;
    }

    /**
     * Loads the front end and the keyword heads {@code keywords} (bundled ones from the jar, pre-trained
     * ones from {@code modelDirectory}) on one ONNX Runtime thread each.
     */
    public static PipelineCost open(Path modelDirectory, List<String> keywords) throws ModelLoadException {
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
            // the detector's default front end: the mel spectrogram in Java, the fp32 embedding
            SpeechEmbeddingFrontEnd fe = new SpeechEmbeddingFrontEnd(null,
                    ModelFiles.require(modelDirectory, ModelFiles.EMBEDDING), window, 1);
            return new PipelineCost(fe, heads, keywords.toArray(new String[0]));
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
     * frame once the front end holds enough embeddings for it.
     */
    public Result measure(short[][] frames) {
        frontEnd.reset();
        long fe = 0;
        long[] head = new long[heads.length];
        try {
            for (short[] frame : frames) {
                long t0 = threads.getCurrentThreadCpuTime();
                frontEnd.process(frame);
                fe += threads.getCurrentThreadCpuTime() - t0;
                for (int k = 0; k < heads.length; k++) {
                    if (frontEnd.embeddingsAvailable() >= heads[k].window()) {
                        long s = threads.getCurrentThreadCpuTime();
                        heads[k].score(frontEnd, 0);
                        head[k] += threads.getCurrentThreadCpuTime() - s;
                    }
                }
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
