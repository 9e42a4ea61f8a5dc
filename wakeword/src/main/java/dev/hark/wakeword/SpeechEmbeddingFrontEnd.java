package dev.hark.wakeword;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.hark.audio.PcmFormat;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The openWakeWord front end shared by every keyword head: 80 ms frames of 16 kHz PCM in, one
 * 96-dimensional speech embedding out per frame.
 *
 * <p>Per frame, the mel spectrogram ({@link MelSpectrogram}: computed in Java, or by
 * {@code melspectrogram.onnx}) is computed on the new 1280 samples plus the 480 before them (the first
 * frame of a stream has no history and is computed on its 1280 samples alone), giving 8 new mel frames
 * (5 for the first): its frames are 512 samples long, 160 apart, so consecutive calls tile the stream
 * exactly as one call on the whole recording would. Each mel value is rescaled to {@code x / 10 + 2},
 * as openWakeWord does to match Google's speech_embedding input. Once 76 mel frames exist,
 * {@code embedding_model.onnx} embeds the latest 76 (a 760 ms window stepping 8 frames, one per 80 ms
 * frame). No embedding is made from a window that is not full of real audio; openWakeWord instead pads
 * with ones and with embeddings of random noise, which this class does not imitate.
 *
 * <p>The mel spectrogram floors its log energies at 80 dB below the loudest value of each call. With
 * any real noise floor that never binds and the chunks equal one whole-recording call to about 1e-6; on
 * digital silence next to loud speech it does bind, and the streamed values differ from a
 * whole-recording call exactly as openWakeWord's own streaming does.
 *
 * <p>Embeddings may be deferred ({@code process(frame, false)}): the mel history is long enough
 * (76 + 8 x (capacity - 1) frames) to compute the owed embeddings later, identical to those computed
 * on time, which lets a voice-activity gate skip the costly embedding model in silence.
 *
 * <p>Screening ({@code screenFile} given): every frame is embedded by the cheaper screen model
 * (the int8 variant) instead, and the exact model's embeddings are computed only when asked for, by
 * {@link #copyExactEmbeddings}, from the same mel history, each at most once; they equal those an
 * unscreened front end computes on time.
 *
 * <p>Time batching ({@code batch} K > 1): the model that embeds every frame (the screen model when
 * screening) is a time-batched variant ({@code scripts/wakeword/time-batch.py}: any number of mel
 * frames in, one embedding per 8 out), and owed embeddings are computed up to K per run, on
 * 76 + 8 (K - 1) mel frames: each equals the one a single run on its 76 frames gives (the network is
 * convolutional in time), for about a third of the CPU per embedding at K = 4. The caller defers
 * ({@code process(frame, false)}) until K are owed.
 *
 * <p>Cost per frame: one mel spectrogram and one embedding inference (see docs/benchmarks/wakeword.md),
 * copies of a few tens of kilobytes, and no Java allocation beyond what ONNX Runtime's {@code run} makes
 * for its result bookkeeping. Not thread-safe.
 */
final class SpeechEmbeddingFrontEnd implements AutoCloseable {
    static final int MEL_BINS = MelSpectrogram.BINS;
    static final int MEL_WINDOW = 76;
    static final int MEL_STEP = 8;
    static final int EMBEDDING_DIM = 96;
    /** Samples of the previous frame prepended to each frame: 3 hops, so that mel frames tile. */
    static final int HISTORY_SAMPLES = 480;
    private static final int CHUNK = PcmFormat.FRAME_SAMPLES + HISTORY_SAMPLES;

    private final MelSpectrogram melSpectrogram;
    /** The chunk the mel spectrogram is computed on: the history, then the frame. */
    private final float[] chunk = new float[CHUNK];
    /** The chunk's mel frames, before rescaling. */
    private final float[] chunkMel = new float[MelSpectrogram.frames(CHUNK) * MEL_BINS];
    private final OnnxModel embeddingModel;
    /** The cheaper model embedding every frame when screening, else null. */
    private final OnnxModel screenModel;
    /** The model that embeds every frame: the screen model when screening, else the embedding model. */
    private final OnnxModel frameModel;
    /** Embeddings computed per run of {@link #frameModel} at most. */
    private final int batch;
    /** Per run length k (index k - 1): the input of 76 + 8 (k - 1) mel frames and the output of k embeddings. */
    private final FloatTensor[] batchInput;
    private final FloatTensor[] batchOutput;
    private final Map<String, OnnxTensor>[] frameInputs;
    private final Map<String, OnnxTensor>[] frameOutputs;
    /** When screening, the exact model's single-window tensors, else null. */
    private final Map<String, OnnxTensor> exactInputs;
    private final Map<String, OnnxTensor> exactOutputs;

    private final short[] history = new short[HISTORY_SAMPLES];
    /** The latest mel frames (rescaled), oldest first; {@link #melFilled} of them are valid. */
    private final float[] mel;
    private final int melCapacity;
    private int melFilled;
    private long melTotal;
    /** Frames (with full mel windows) whose embeddings are not computed yet, at most the capacity. */
    private int owed;
    /** The latest embeddings, oldest first; {@link #embeddingsFilled} of them are valid. */
    private final float[] embeddings;
    private final int embeddingCapacity;
    private int embeddingsFilled;
    /** Frames with a full mel window since the stream started: embedding k belongs to the k-th. */
    private long windows;
    /** When screening: the exact embeddings computed so far, embedding k in slot k % capacity. */
    private final float[] exact;
    private final long[] exactNumber;
    private long frames;
    private long exactComputed;

    /**
     * Computes the mel spectrogram with {@code melFile} (null: in Java) and embeds with
     * {@code embeddingFile}, keeping the latest {@code embeddingCapacity} embeddings.
     */
    SpeechEmbeddingFrontEnd(Path melFile, Path embeddingFile, int embeddingCapacity, int threads)
            throws ModelLoadException {
        this(melFile, embeddingFile, null, embeddingCapacity, threads);
    }

    /**
     * As above, screening every frame with {@code screenFile} (an embedding model of the same shapes)
     * when it is not null.
     */
    SpeechEmbeddingFrontEnd(Path melFile, Path embeddingFile, Path screenFile, int embeddingCapacity, int threads)
            throws ModelLoadException {
        this(melFile, embeddingFile, screenFile, embeddingCapacity, 1, threads);
    }

    /**
     * As above, computing up to {@code batch} embeddings per run of the model that embeds every frame
     * (the screen model when screening), which must then be a time-batched model when {@code batch} > 1.
     */
    @SuppressWarnings("unchecked")
    SpeechEmbeddingFrontEnd(Path melFile, Path embeddingFile, Path screenFile, int embeddingCapacity, int batch,
                            int threads) throws ModelLoadException {
        if (batch < 1 || batch > embeddingCapacity) {
            throw new IllegalArgumentException("embedding batch must be in [1, " + embeddingCapacity + "], got " + batch);
        }
        this.embeddingCapacity = embeddingCapacity;
        this.batch = batch;
        this.embeddings = new float[embeddingCapacity * EMBEDDING_DIM];
        this.melCapacity = MEL_WINDOW + (embeddingCapacity - 1) * MEL_STEP;
        this.mel = new float[melCapacity * MEL_BINS];
        this.exact = screenFile == null ? null : new float[embeddingCapacity * EMBEDDING_DIM];
        this.exactNumber = screenFile == null ? null : new long[embeddingCapacity];
        MelSpectrogram spectrogram = null;
        OnnxModel embedding = null;
        OnnxModel screen = null;
        try {
            spectrogram = melFile == null ? new JavaMelSpectrogram()
                    : new OnnxMelSpectrogram(melFile, threads, PcmFormat.FRAME_SAMPLES, CHUNK);
            embedding = OnnxModel.open(embeddingFile, threads, "openWakeWord embedding model");
            if (screenFile != null) {
                screen = OnnxModel.open(screenFile, threads, "openWakeWord embedding model");
            }
            requireEmbeddingShapes(embedding, screen == null && batch > 1);
            if (screen != null) {
                requireEmbeddingShapes(screen, batch > 1);
            }
            melSpectrogram = spectrogram;
            embeddingModel = embedding;
            screenModel = screen;
            frameModel = screen != null ? screen : embedding;
            batchInput = new FloatTensor[batch];
            batchOutput = new FloatTensor[batch];
            frameInputs = new Map[batch];
            frameOutputs = new Map[batch];
            for (int k = 1; k <= batch; k++) {
                batchInput[k - 1] = new FloatTensor(1, MEL_WINDOW + (k - 1) * MEL_STEP, MEL_BINS, 1);
                batchOutput[k - 1] = new FloatTensor(1, k, 1, EMBEDDING_DIM);
                frameInputs[k - 1] = Map.of(frameModel.inputName(0), batchInput[k - 1].tensor());
                frameOutputs[k - 1] = Map.of(frameModel.outputName(0), batchOutput[k - 1].tensor());
            }
            // the exact model reads and writes the single-window tensors between the frame model's runs
            exactInputs = screen == null ? null : Map.of(embedding.inputName(0), batchInput[0].tensor());
            exactOutputs = screen == null ? null : Map.of(embedding.outputName(0), batchOutput[0].tensor());
        } catch (OrtException e) {
            closeAll(spectrogram, embedding, screen);
            throw new ModelLoadException(embeddingFile + ": cannot prepare tensors (" + e.getMessage() + ")", e);
        } catch (ModelLoadException | RuntimeException e) {
            closeAll(spectrogram, embedding, screen);
            throw e;
        }
        reset();
    }

    /** Refuses a model that is not openWakeWord's embedding model, or not time-batched when {@code batched}. */
    private static void requireEmbeddingShapes(OnnxModel model, boolean batched) throws ModelLoadException {
        String what = batched ? "a time-batched openWakeWord embedding model" : "the openWakeWord embedding model";
        long[] in = model.requireShape(true, 0, OnnxJavaType.FLOAT, what, 1, batched ? OnnxModel.ANY : MEL_WINDOW, MEL_BINS, 1);
        model.requireShape(false, 0, OnnxJavaType.FLOAT, what, 1, batched ? OnnxModel.ANY : 1, 1, EMBEDDING_DIM);
        if (batched && in[1] >= 0) {
            throw new ModelLoadException(model.file() + ": not " + what + " (its input holds a fixed " + in[1]
                    + " mel frames; scripts/wakeword/time-batch.py makes the variant, 'hark models fetch' runs it)");
        }
    }

    private static void closeAll(MelSpectrogram spectrogram, OnnxModel... models) {
        if (spectrogram != null) {
            spectrogram.close();
        }
        for (OnnxModel m : models) {
            if (m != null) {
                m.close();
            }
        }
    }

    /** Index of a stream's first frame with an embedding (9: 5 + 9 x 8 mel frames are the first to fill a window). */
    static int firstEmbeddingFrame() {
        return (MEL_WINDOW - MelSpectrogram.frames(PcmFormat.FRAME_SAMPLES) + MEL_STEP - 1) / MEL_STEP;
    }

    /**
     * Feeds one 1280-sample frame and brings the embeddings up to date. Returns true when the frame
     * has an embedding (from the 10th frame of a stream on: 5 + 9 x 8 mel frames are the first to
     * fill a window).
     */
    boolean process(short[] frame) throws OrtException {
        return process(frame, true);
    }

    /**
     * Feeds one 1280-sample frame; computes the embeddings owed (this frame's and any deferred ones,
     * at most the capacity) only when {@code embed} is true. Returns whether the frame has a full
     * mel window (so an embedding exists or is owed).
     */
    boolean process(short[] frame, boolean embed) throws OrtException {
        if (frames == 0) {
            for (int i = 0; i < PcmFormat.FRAME_SAMPLES; i++) {
                chunk[i] = frame[i];
            }
            appendMel(melSpectrogram.compute(chunk, PcmFormat.FRAME_SAMPLES, chunkMel));
        } else {
            for (int i = 0; i < HISTORY_SAMPLES; i++) {
                chunk[i] = history[i];
            }
            for (int i = 0; i < PcmFormat.FRAME_SAMPLES; i++) {
                chunk[HISTORY_SAMPLES + i] = frame[i];
            }
            appendMel(melSpectrogram.compute(chunk, CHUNK, chunkMel));
        }
        System.arraycopy(frame, PcmFormat.FRAME_SAMPLES - HISTORY_SAMPLES, history, 0, HISTORY_SAMPLES);
        frames++;
        if (melTotal < MEL_WINDOW) {
            return false;
        }
        windows++;
        owed = Math.min(owed + 1, embeddingCapacity);
        if (embed) {
            embedOwed();
        }
        return true;
    }

    /** Computes the owed embeddings, oldest first, up to {@link #batch} per run. */
    void embedOwed() throws OrtException {
        while (owed > 0) {
            int k = Math.min(owed, batch);
            // every frame with a full window added exactly MEL_STEP mel frames
            embed(melFilled - MEL_WINDOW - (owed - 1) * MEL_STEP, k);
            owed -= k;
        }
    }

    /** Embeddings owed: frames with a full mel window whose embedding is not computed yet. */
    int owed() {
        return owed;
    }

    /** Whether every frame is embedded by a screen model, the exact embeddings only on demand. */
    boolean screening() {
        return screenModel != null;
    }

    /** Appends the chunk's {@code n} mel frames, rescaled, to the history. */
    private void appendMel(int n) {
        int keep = Math.min(melFilled, melCapacity - n);
        // slide the history so the n new frames land at the end
        System.arraycopy(mel, (melFilled - keep) * MEL_BINS, mel, 0, keep * MEL_BINS);
        int at = keep * MEL_BINS;
        for (int i = 0; i < n * MEL_BINS; i++) {
            mel[at + i] = chunkMel[i] / 10f + 2f;
        }
        melFilled = keep + n;
        melTotal += n;
    }

    /**
     * Embeds the {@code k} windows of 76 mel frames from {@code start} in the history, 8 frames apart,
     * in one run of the frame model, and appends the embeddings.
     */
    private void embed(int start, int k) throws OrtException {
        int keep = Math.min(embeddingsFilled, embeddingCapacity - k);
        System.arraycopy(embeddings, (embeddingsFilled - keep) * EMBEDDING_DIM, embeddings, 0, keep * EMBEDDING_DIM);
        runEmbedding(frameModel, frameInputs[k - 1], frameOutputs[k - 1], start, k, embeddings, keep * EMBEDDING_DIM);
        embeddingsFilled = keep + k;
    }

    /**
     * Runs {@code model} on the 76 + 8 (k - 1) mel frames from {@code start}, writing its {@code k}
     * embeddings to {@code dst} from {@code at}.
     */
    private void runEmbedding(OnnxModel model, Map<String, OnnxTensor> inputs, Map<String, OnnxTensor> outputs,
                              int start, int k, float[] dst, int at) throws OrtException {
        FloatBuffer in = batchInput[k - 1].buffer();
        int from = start * MEL_BINS;
        int n = (MEL_WINDOW + (k - 1) * MEL_STEP) * MEL_BINS;
        for (int i = 0; i < n; i++) {
            in.put(i, mel[from + i]);
        }
        try (OrtSession.Result ignored = model.session().run(inputs, outputs)) {
            FloatBuffer out = batchOutput[k - 1].buffer();
            for (int i = 0; i < k * EMBEDDING_DIM; i++) {
                dst[at + i] = out.get(i);
            }
        }
    }

    /**
     * When screening: copies the exact model's embeddings of the {@code count} frames that end
     * {@code lag} frames before the latest (count + lag at most the capacity, and the stream must have
     * that many full windows), oldest first, into {@code dst} from position 0, computing from the mel
     * history those not computed before.
     */
    void copyExactEmbeddings(int count, int lag, FloatBuffer dst) throws OrtException {
        for (int j = count - 1; j >= 0; j--) {
            long number = windows - 1 - lag - j;
            int slot = (int) (number % embeddingCapacity);
            if (exactNumber[slot] != number) {
                runEmbedding(embeddingModel, exactInputs, exactOutputs,
                        melFilled - MEL_WINDOW - (lag + j) * MEL_STEP, 1, exact, slot * EMBEDDING_DIM);
                exactNumber[slot] = number;
                exactComputed++;
            }
            int to = (count - 1 - j) * EMBEDDING_DIM;
            for (int i = 0; i < EMBEDDING_DIM; i++) {
                dst.put(to + i, exact[slot * EMBEDDING_DIM + i]);
            }
        }
    }

    /** When screening: exact embeddings computed since construction (what screening did not save). */
    long exactEmbeddingsComputed() {
        return exactComputed;
    }

    /**
     * How many of the latest embeddings are held (at most the capacity given at construction); after
     * a deferred frame, the held ones are older than the latest frame.
     */
    int embeddingsAvailable() {
        return embeddingsFilled;
    }

    /**
     * Copies the {@code count} embeddings that end {@code lag} before the latest held, oldest first,
     * into {@code dst} from position 0.
     */
    void copyEmbeddings(int count, int lag, FloatBuffer dst) {
        int from = (embeddingsFilled - lag - count) * EMBEDDING_DIM;
        for (int i = 0; i < count * EMBEDDING_DIM; i++) {
            dst.put(i, embeddings[from + i]);
        }
    }

    /** Frames fed since construction or the last {@link #reset()}. */
    long frames() {
        return frames;
    }

    /** Forgets all audio: the next frame starts a new stream. */
    void reset() {
        frames = 0;
        melFilled = 0;
        melTotal = 0;
        owed = 0;
        embeddingsFilled = 0;
        windows = 0;
        if (exactNumber != null) {
            Arrays.fill(exactNumber, -1);
        }
    }

    @Override
    public void close() {
        for (int k = 0; k < batch; k++) {
            batchInput[k].close();
            batchOutput[k].close();
        }
        melSpectrogram.close();
        embeddingModel.close();
        if (screenModel != null) {
            screenModel.close();
        }
    }
}
