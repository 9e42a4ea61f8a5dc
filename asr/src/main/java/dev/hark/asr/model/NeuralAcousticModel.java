package dev.hark.asr.model;

import dev.hark.asr.feature.FrontendConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The noise-robust acoustic model: a small convolutional network (the student, run by ONNX Runtime)
 * that was trained to recognise, from noisy copies of real speech, the HMM states the Sphinx GMM
 * (the teacher) force-aligned on the clean copies. It scores the context-independent state
 * (phone x HMM state) of each senone; the GMM's own senone scores are added with a weight that
 * depends on the utterance's estimated SNR ({@link SnrEstimate}), since the GMM is sharper in
 * quiet and the student far steadier in noise. A third term, the GMM's score less the best one of
 * the senones scored this frame for the same CI state, adds the context detail the student cannot
 * see without the GMM's (noise-prone) say on which phone state it is
 * ({@link NeuralModelDescription.Fusion}). The lexicon, grammar graph, HMM topology and
 * transitions are the Sphinx model's, so it plugs in behind {@link AcousticModel} unchanged.
 *
 * <p>It looks {@link #lookahead()} frames ahead (the network's right context plus the frames it
 * waits for to run a chunk). Cost per frame: the network (about 0.6 M multiply-adds in int8, run a
 * chunk of frames at a time so that its weights are read from memory once per chunk) plus, unless
 * the fusion gives the GMM no weight, the GMM's codebook evaluation, and with the context term one
 * more pass over the scored senones. Memory: the Sphinx model,
 * the ONNX session (about 1.4 MB of native memory: 0.76 MB of int8 weights, the graph and its
 * kernels; no memory arena) and a few KB of buffers. Not thread-safe; {@link #close()}
 * frees the native session.
 *
 * <pre>{@code
 * try (NeuralAcousticModel am = NeuralAcousticModel.builder().build()) {
 *     GrammarRecognizer r = GrammarRecognizer.builder().model(am).grammar(g).build();
 * }
 * }</pre>
 */
public final class NeuralAcousticModel implements AcousticModel, AutoCloseable {
    /** Which of the model's two files to run. */
    public enum Variant { FP32, INT8 }

    private final SphinxAcousticModel gmm;
    private final StudentNetwork network;
    private final NeuralModelDescription description;
    private final NeuralModelDescription.Fusion fusion;
    private final boolean studentOnly;
    private final int[] senoneClass;
    private final SnrEstimate snr = new SnrEstimate();
    private float[] current;
    private float gmmWeight;
    private float studentWeight;
    private float contextWeight;
    /** per CI state: the best GMM score among this frame's scored senones (the context term's reference) */
    private final float[] stateBest;
    private float lastSnr;

    private NeuralAcousticModel(SphinxAcousticModel gmm, StudentNetwork network, NeuralModelDescription d) {
        this.gmm = gmm;
        this.network = network;
        this.description = d;
        this.fusion = d.fusion();
        this.studentOnly = fusion.studentOnly();
        this.gmmWeight = fusion.gmmWeight(0f);
        this.studentWeight = fusion.studentWeight(0f);
        this.contextWeight = fusion.contextWeight(0f);
        ModelDefinition mdef = gmm.definition();
        int states = mdef.emittingStates();
        senoneClass = new int[mdef.senoneCount()];
        for (int p = 0; p < mdef.phoneCount(); p++) {
            for (int j = 0; j < states; j++) senoneClass[mdef.senone(p, j)] = mdef.base(p) * states + j;
        }
        stateBest = new float[mdef.ciPhoneCount() * states];
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The description the model was built from. */
    public NeuralModelDescription description() {
        return description;
    }

    @Override
    public FrontendConfig frontend() {
        return gmm.frontend();
    }

    @Override
    public ModelDefinition definition() {
        return gmm.definition();
    }

    @Override
    public TransitionMatrices transitions() {
        return gmm.transitions();
    }

    @Override
    public int senoneCount() {
        return gmm.senoneCount();
    }

    @Override
    public int lookahead() {
        return network.lookahead();
    }

    /** The description's search settings (tuned on commands-dev for the fused scores). */
    @Override
    public SearchSettings searchSettings() {
        return description.search();
    }

    @Override
    public void observe(float[] feature) {
        network.push(feature);
        snr.add(feature[0]);
    }

    @Override
    public void endOfUtterance() {
        network.finish();
    }

    @Override
    public void reset() {
        network.reset();
        if (!snr.isEmpty()) lastSnr = snr.decibels();
        snr.reset();
        gmm.reset();
    }

    @Override
    public void setFrame(float[] feature) {
        current = network.next();
        if (!fusion.constant()) {
            // the estimate's quantiles scan its histogram: read it only where the weights depend on it
            float s = snr.decibels();
            gmmWeight = fusion.gmmWeight(s);
            studentWeight = fusion.studentWeight(s);
            contextWeight = fusion.contextWeight(s);
        }
        if (!studentOnly) gmm.setFrame(feature);
    }

    @Override
    public void score(int[] senones, int count, float[] scores) {
        score(senones, count, count, scores);
    }

    /**
     * The GMM estimates the rejection loop's senones as it does alone; the student scores all exactly.
     * The context term's reference for a CI state is the best of its senones among all {@code count}
     * (the rejection loop's CI senones among them while the loop holds them): only the senones
     * scored this frame, since scoring the others would cost the GMM's full senone evaluation, so a
     * state with one scored senone gets 0 for it.
     */
    @Override
    public void score(int[] senones, int exact, int count, float[] scores) {
        float[] cur = current;
        float ws = studentWeight;
        if (studentOnly || (gmmWeight == 0f && contextWeight == 0f)) {
            for (int i = 0; i < count; i++) {
                int s = senones[i];
                scores[s] = ws * cur[senoneClass[s]];
            }
            return;
        }
        gmm.score(senones, exact, count, scores);
        float wg = gmmWeight;
        float wc = contextWeight;
        if (wc == 0f) {
            for (int i = 0; i < count; i++) {
                int s = senones[i];
                scores[s] = wg * scores[s] + ws * cur[senoneClass[s]];
            }
            return;
        }
        float[] best = stateBest;
        java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < count; i++) {
            int s = senones[i];
            int c = senoneClass[s];
            if (scores[s] > best[c]) best[c] = scores[s];
        }
        for (int i = 0; i < count; i++) {
            int s = senones[i];
            int c = senoneClass[s];
            float g = scores[s];
            scores[s] = wg * g + wc * (g - best[c]) + ws * cur[c];
        }
    }

    /**
     * The SNR estimate (dB) the current frame's fusion weights come from; between utterances, the
     * last utterance's final estimate.
     */
    public float estimatedSnr() {
        return snr.isEmpty() ? lastSnr : snr.decibels();
    }

    /** The student's scores of the current frame (for diagnostics and tests): one per CI state. */
    public float[] studentScores() {
        return current;
    }

    @Override
    public void close() {
        network.close();
    }

    /** Options; every one has a working default (the built-in int8 model, Debian's en-us GMM). */
    public static final class Builder {
        private Path sphinxDirectory = Path.of("/usr/share/pocketsphinx/model/en-us/en-us");
        private SphinxAcousticModel gmm;
        private NeuralModelDescription description;
        private Path modelFile;
        private Variant variant = Variant.INT8;
        private NeuralModelDescription.Fusion fusion;
        private int threads = 1;

        private Builder() {
        }

        /** The Sphinx model directory (teacher, HMMs, frontend). */
        public Builder sphinxDirectory(Path dir) {
            this.sphinxDirectory = dir;
            return this;
        }

        /** An already loaded Sphinx model to share. */
        public Builder sphinx(SphinxAcousticModel m) {
            this.gmm = m;
            return this;
        }

        /** A model other than the built-in one: its description and the ONNX file to run. */
        public Builder model(NeuralModelDescription d, Path onnxFile) {
            this.description = d;
            this.modelFile = onnxFile;
            return this;
        }

        /** Which built-in file to run (default {@link Variant#INT8}). */
        public Builder variant(Variant v) {
            this.variant = v;
            return this;
        }

        /** Fusion weights other than the description's. */
        public Builder fusion(NeuralModelDescription.Fusion f) {
            this.fusion = f;
            return this;
        }

        /** ONNX Runtime intra-op threads (default 1). */
        public Builder threads(int n) {
            if (n < 1) throw new IllegalArgumentException("threads must be at least 1");
            this.threads = n;
            return this;
        }

        /** Loads both models; fails with an IOException naming the file at fault. */
        public NeuralAcousticModel build() throws IOException {
            NeuralModelDescription d = description != null ? description : NeuralModelDescription.builtIn();
            if (fusion != null) d = d.withFusion(fusion);
            SphinxAcousticModel g = gmm != null ? gmm : SphinxAcousticModel.load(sphinxDirectory);
            String source;
            byte[] bytes;
            if (modelFile != null) {
                source = modelFile.toString();
                try {
                    bytes = Files.readAllBytes(modelFile);
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new IOException(modelFile + ": no such neural acoustic model file");
                }
            } else {
                String file = variant == Variant.INT8 ? d.int8File() : d.fp32File();
                source = d.name() + " (" + file + ")";
                try (InputStream in = NeuralAcousticModel.class.getResourceAsStream("/dev/hark/asr/" + file)) {
                    if (in == null) throw new IOException("hark-asr is missing its built-in model " + file);
                    bytes = in.readAllBytes();
                }
                checkSha256(bytes, variant == Variant.INT8 ? d.int8Sha256() : d.fp32Sha256(), source);
            }
            if (d.classes() != g.definition().ciPhoneCount() * g.definition().emittingStates()) {
                throw new IOException(source + ": " + d.classes() + " classes, the Sphinx model has "
                        + g.definition().ciPhoneCount() + " phones x " + g.definition().emittingStates() + " states");
            }
            StudentNetwork net = new StudentNetwork(d, bytes, g.frontend().featureDimension(), threads, source);
            return new NeuralAcousticModel(g, net, d);
        }

        private static void checkSha256(byte[] model, String expected, String source) throws IOException {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(model);
                String actual = java.util.HexFormat.of().formatHex(digest);
                if (!actual.equalsIgnoreCase(expected)) {
                    throw new IOException(source + ": corrupt neural acoustic model (sha256 " + actual + ", expected " + expected + ")");
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
