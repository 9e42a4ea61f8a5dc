package dev.hark.asr.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Hark needs to know to run a neural acoustic model: its files and their digests, the ONNX
 * input, output and cache tensors, its context (frames left and right of the scored frame), how many
 * frames one inference takes, its classes (CI phone x HMM state of the Sphinx model it was trained
 * against), and how its scores are fused with the GMM's. Read from JSON (the built-in model's is
 * {@value #BUILT_IN_RESOURCE} on the class path). Immutable; parsing costs microseconds.
 *
 * @param name       model name
 * @param fp32File   float model file (beside the description)
 * @param int8File   int8-quantised model file
 * @param fp32Sha256 expected SHA-256 (hex) of the float file
 * @param int8Sha256 expected SHA-256 (hex) of the int8 file
 * @param input      input tensor name, [1, featureDim, frames]
 * @param output     output tensor name, [1, classes, frames]: log posterior minus log prior per class
 * @param caches     streaming caches: input name, output name and shape of each
 * @param left       frames of context before the scored frame
 * @param right      frames of context after it (the model's look-ahead)
 * @param chunk      frames per inference
 * @param classes    number of output classes (CI phones x states)
 * @param fusion     how the scores are weighted against the GMM's
 * @param search     search settings tuned for the fused scores (optional "search" object:
 *                   "silence_penalty", "reject_threshold", "reject_per_phone"; absent ones keep the
 *                   decoder's defaults)
 */
public record NeuralModelDescription(String name, String fp32File, String int8File, String fp32Sha256,
                                     String int8Sha256, String input, String output, List<Cache> caches,
                                     int left, int right, int chunk, int classes, Fusion fusion,
                                     SearchSettings search) {
    /** One streaming cache tensor: passed in as {@code input}, returned as {@code output}. */
    public record Cache(String input, String output, long[] shape) {
    }

    /**
     * Fusion weights as a function of the estimated SNR of the utterance so far (dB): a frame's
     * senone score is
     * {@code gmm(snr) * gmmScore + student(snr) * studentScore + context(snr) * (gmmScore - stateBest)},
     * where {@code stateBest} is the best GMM score this frame among the scored senones of the same
     * context-independent state. That last term is how well this senone fits among the context
     * variants of its phone state, with the GMM's evidence on which phone state it is taken out: it
     * lets the GMM add the context detail the student (which scores CI states only) lacks without
     * its noisy between-phone guesses. Each weight is interpolated linearly between the listed
     * points and held beyond the ends; {@code context} may be left out of the JSON (then zero).
     */
    public record Fusion(float[] snrDb, float[] gmm, float[] student, float[] context) {
        /** Constant weights, no context term. */
        public static Fusion constant(float gmm, float student) {
            return constant(gmm, student, 0f);
        }

        /** Constant weights. */
        public static Fusion constant(float gmm, float student, float context) {
            return new Fusion(new float[] {0f}, new float[] {gmm}, new float[] {student}, new float[] {context});
        }

        /** The GMM's weight at {@code snr}. */
        public float gmmWeight(float snr) {
            return interpolate(gmm, snr);
        }

        /** The student's weight at {@code snr}. */
        public float studentWeight(float snr) {
            return interpolate(student, snr);
        }

        /** The context term's weight at {@code snr}. */
        public float contextWeight(float snr) {
            return interpolate(context, snr);
        }

        /** Whether the weights are the same at every SNR (the estimate need not be read per frame). */
        public boolean constant() {
            return snrDb.length == 1;
        }

        /** Whether the GMM's weights are zero everywhere (it need not be evaluated at all). */
        public boolean studentOnly() {
            for (float g : gmm) if (g != 0f) return false;
            for (float c : context) if (c != 0f) return false;
            return true;
        }

        private float interpolate(float[] w, float snr) {
            if (snr <= snrDb[0]) return w[0];
            for (int i = 1; i < snrDb.length; i++) {
                if (snr <= snrDb[i]) {
                    float a = (snr - snrDb[i - 1]) / (snrDb[i] - snrDb[i - 1]);
                    return w[i - 1] + a * (w[i] - w[i - 1]);
                }
            }
            return w[w.length - 1];
        }
    }

    /** The built-in model's description, inside hark-asr. */
    public static final String BUILT_IN_RESOURCE = "/dev/hark/asr/hark-asr-student.json";

    /** The description of the model that ships inside hark-asr. */
    public static NeuralModelDescription builtIn() {
        try (InputStream in = NeuralModelDescription.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) throw new IllegalStateException("hark-asr is missing " + BUILT_IN_RESOURCE);
            return parse(new ObjectMapper().readTree(in), BUILT_IN_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a description file; a malformed one is refused naming the file and the field. */
    public static NeuralModelDescription read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return parse(root, file.toString());
    }

    /** The same model with other fusion weights. */
    public NeuralModelDescription withFusion(Fusion f) {
        return new NeuralModelDescription(name, fp32File, int8File, fp32Sha256, int8Sha256, input, output, caches,
                left, right, chunk, classes, f, search);
    }

    static NeuralModelDescription parse(JsonNode root, String source) throws IOException {
        try {
            List<Cache> caches = new ArrayList<>();
            for (JsonNode c : root.path("caches")) {
                JsonNode shape = c.path("shape");
                long[] s = new long[shape.size()];
                for (int i = 0; i < s.length; i++) s[i] = shape.get(i).asLong();
                caches.add(new Cache(text(c, "input", "caches[].input"), text(c, "output", "caches[].output"), s));
            }
            JsonNode f = root.path("fusion");
            float[] snrDb = floats(f.path("snr_db"), "fusion.snr_db");
            float[] context = f.has("context") ? floats(f.path("context"), "fusion.context") : new float[snrDb.length];
            Fusion fusion = new Fusion(snrDb, floats(f.path("gmm"), "fusion.gmm"), floats(f.path("student"), "fusion.student"),
                    context);
            if (fusion.gmm.length != snrDb.length || fusion.student.length != snrDb.length || context.length != snrDb.length) {
                throw new IllegalArgumentException("fusion: snr_db, gmm, student and context need the same number of values");
            }
            JsonNode sr = root.path("search");
            SearchSettings search = new SearchSettings(optionalFloat(sr, "silence_penalty"),
                    optionalFloat(sr, "reject_threshold"), optionalFloat(sr, "reject_per_phone"));
            JsonNode files = root.path("files"), sha = root.path("sha256");
            return new NeuralModelDescription(text(root, "name", "name"), text(files, "fp32", "files.fp32"),
                    text(files, "int8", "files.int8"), text(sha, "fp32", "sha256.fp32"), text(sha, "int8", "sha256.int8"),
                    text(root, "input", "input"), text(root, "output", "output"), List.copyOf(caches),
                    positive(root, "left"), positive(root, "right"), positive(root, "chunk"), positive(root, "classes"), fusion,
                    search);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) throw new IllegalArgumentException(path + ": a string is required");
        return v.asText();
    }

    private static int positive(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || v.asInt() < 0) throw new IllegalArgumentException(field + ": a non-negative integer is required");
        return v.asInt();
    }

    private static float optionalFloat(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) return Float.NaN;
        if (!v.isNumber()) throw new IllegalArgumentException("search." + field + ": a number is required");
        return (float) v.asDouble();
    }

    private static float[] floats(JsonNode n, String path) {
        if (!n.isArray() || n.isEmpty()) throw new IllegalArgumentException(path + ": a list of numbers is required");
        float[] out = new float[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).isNumber()) throw new IllegalArgumentException(path + ": a list of numbers is required");
            out[i] = (float) n.get(i).asDouble();
        }
        return out;
    }
}
