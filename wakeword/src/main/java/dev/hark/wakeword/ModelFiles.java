package dev.hark.wakeword;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the fetched model files live ({@code <hark.root>/models/files/}) and the names the model
 * manifest gives them. Resolving a name costs one file-system check.
 */
public final class ModelFiles {
    /** The openWakeWord mel-spectrogram front end. */
    public static final String MELSPECTROGRAM = "melspectrogram.onnx";
    /** Google's speech_embedding model as converted by openWakeWord. */
    public static final String EMBEDDING = "embedding_model.onnx";
    /** Silero VAD v5. */
    public static final String SILERO_VAD = "silero_vad_v5.onnx";
    /** {@link #MELSPECTROGRAM} with int8 weights, derived by {@code hark models fetch}. */
    public static final String MELSPECTROGRAM_INT8 = "melspectrogram.int8.onnx";
    /** {@link #EMBEDDING} with int8 weights and activations, derived by {@code hark models fetch}. */
    public static final String EMBEDDING_INT8 = "embedding_model.int8.onnx";
    /** The pre-trained openWakeWord keyword models the manifest fetches, by name. */
    public static final java.util.List<String> PRETRAINED_KEYWORDS = java.util.List.of("alexa", "hey_jarvis", "hey_mycroft", "hey_rhasspy");

    private ModelFiles() {
    }

    /**
     * The folder holding fetched models: {@code models/files} under the system property
     * {@code hark.root}, or under the working directory when it is unset.
     */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("hark.root", ".")).resolve("models").resolve("files");
    }

    /**
     * The time-batched variant of an embedding model file ({@code scripts/wakeword/time-batch.py}: any
     * number of mel frames in, one embedding per 8 frames out), derived by {@code hark models fetch}:
     * {@code embedding_model.onnx -> embedding_model.timebatch.onnx}.
     */
    public static String timeBatched(String embeddingFile) {
        return embeddingFile.replaceFirst("\\.onnx$", "") + ".timebatch.onnx";
    }

    /** The manifest file name of the pre-trained keyword model {@code name}, e.g. alexa -> alexa_v0.1.onnx. */
    public static String keywordFileName(String name) {
        return name + "_v0.1.onnx";
    }

    /**
     * {@code directory/fileName}, which must exist.
     *
     * @throws ModelLoadException naming the manifest entry and the fix when the file is missing
     */
    public static Path require(Path directory, String fileName) throws ModelLoadException {
        Path file = directory.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("model " + fileName + " (models.json entry '" + fileName
                    + "') is missing from " + directory + "; run `hark models fetch`");
        }
        return file;
    }
}
