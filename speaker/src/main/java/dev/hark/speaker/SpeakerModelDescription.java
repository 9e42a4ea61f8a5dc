package dev.hark.speaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Hark needs to know to run a speaker-embedding model: its ONNX input and output names, the
 * embedding size, the frontend that makes its input, and the calibrated default threshold. Read from
 * a JSON description (the built-in model's is {@code dev/hark/speaker/speaker-model.json} on the
 * class path; the same fields form the model's entry in {@code models/models.json}). Parsing costs
 * microseconds; the object is immutable.
 *
 * @param name          model name; profiles store it with the weights' digest ({@link #profileModel()})
 * @param fp32File      file name of the float model
 * @param int8File      file name of the int8-quantised model, or null
 * @param fp32Sha256    expected SHA-256 (hex) of the float model file, or null to skip the check
 * @param int8Sha256    expected SHA-256 (hex) of the int8 model file, or null
 * @param input         ONNX input name, shape [1, frames, melBins]
 * @param output        ONNX output name, shape [1, embeddingDim]
 * @param embeddingDim  size of one embedding
 * @param frontend      the log-mel frontend parameters
 * @param threshold     default threshold for accepting a speaker: on the AS-norm score when
 *                      {@code cohort} is given, else on the raw cosine
 * @param cohort        the impostor cohort for score normalisation ({@link ScoreNormaliser}), or null
 */
public record SpeakerModelDescription(String name, String fp32File, String int8File, String fp32Sha256,
                                      String int8Sha256, String input, String output,
                                      int embeddingDim, FbankConfig frontend, double threshold,
                                      Cohort cohort) {

    /**
     * The impostor cohort a model's scores are normalised against.
     *
     * @param file   file name beside the description (float32 little-endian embeddings)
     * @param sha256 its expected SHA-256 (hex)
     * @param topK   how many of the closest cohort members give each side's statistics
     * @param folder the folder of a description read from a file; null for the built-in model, whose
     *               cohort is a resource beside its description
     */
    public record Cohort(String file, String sha256, int topK, Path folder) {
    }

    /**
     * What a voice profile records as the model its embeddings came from: the name and the start of
     * the float weights' SHA-256, so that a profile enrolled before the same-named model was
     * retrained is refused ("enroll again") instead of being scored against embeddings it cannot
     * match. Both variants share it: the int8 file is quantised from the same weights.
     */
    public String profileModel() {
        String digest = fp32Sha256 != null ? fp32Sha256 : int8Sha256;
        return digest == null ? name : name + "@" + digest.substring(0, Math.min(12, digest.length()));
    }

    /** The description of the model that ships inside hark-speaker. */
    public static final String BUILT_IN_RESOURCE = "/dev/hark/speaker/speaker-model.json";

    /** The built-in model's description. */
    public static SpeakerModelDescription builtIn() {
        try (InputStream in = SpeakerModelDescription.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("hark-speaker is missing " + BUILT_IN_RESOURCE);
            }
            return parse(new ObjectMapper().readTree(in), BUILT_IN_RESOURCE, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a description file; a malformed one is refused with the file and the field at fault. */
    public static SpeakerModelDescription read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return parse(root, file.toString(), file.toAbsolutePath().getParent());
    }

    static SpeakerModelDescription parse(JsonNode root, String source, Path folder) throws IOException {
        try {
            JsonNode files = root.path("files");
            String fp32 = text(files, "files.fp32");
            String int8 = files.path("int8").isTextual() ? files.get("int8").asText() : null;
            int dim = root.path("embedding_dim").asInt(0);
            if (dim < 1) {
                throw new IllegalArgumentException("embedding_dim: a positive integer is required");
            }
            JsonNode threshold = root.get("threshold");
            if (threshold == null || !threshold.isNumber()) {
                throw new IllegalArgumentException("threshold: a number is required");
            }
            JsonNode sha = root.path("sha256");
            String fp32Sha = sha.path("fp32").isTextual() ? sha.get("fp32").asText() : null;
            String int8Sha = sha.path("int8").isTextual() ? sha.get("int8").asText() : null;
            Cohort cohort = null;
            JsonNode n = root.get("score_normalisation");
            if (n != null) {
                int k = n.path("top_k").asInt(0);
                if (!"as-norm".equals(n.path("type").asText()) || k < 2) {
                    throw new IllegalArgumentException("score_normalisation: type \"as-norm\" and top_k >= 2 are required");
                }
                cohort = new Cohort(text(n, "score_normalisation.cohort"), text(n, "score_normalisation.sha256"), k, folder);
            }
            return new SpeakerModelDescription(text(root, "name"), fp32, int8, fp32Sha, int8Sha, text(root, "input"),
                    text(root, "output"), dim, FbankConfig.fromJson(root.path("frontend")), threshold.asDouble(), cohort);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String path) {
        JsonNode v = n.get(path.substring(path.lastIndexOf('.') + 1));
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(path + ": a string is required");
        }
        return v.asText();
    }
}
