package dev.hark.runtime.stages;

import dev.hark.wakeword.KeywordDescription;
import dev.hark.wakeword.ModelFiles;
import dev.hark.wakeword.ModelLoadException;
import dev.hark.wakeword.WakeWordDetector;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What a wake-model entry ({@code wake.models[].name}, {@code hark wake --model}) may name: Hark's own
 * bundled wake word ({@code hello_hark}), a pre-trained openWakeWord head by name, the JSON description
 * a {@code hark wakeword train} run wrote (its calibrated threshold comes with it), or a bare
 * openWakeWord {@code .onnx} head. Resolving costs reading a description and its head (tens of kB).
 */
public final class WakeModels {
    /** The openWakeWord pre-trained heads in the manifest (non-commercial licence). */
    public static final List<String> PRETRAINED = ModelFiles.PRETRAINED_KEYWORDS;
    /** The threshold of a head that carries none (pre-trained and bare .onnx heads). */
    public static final float DEFAULT_THRESHOLD = 0.5f;

    private WakeModels() {
    }

    /** Whether {@code model} is a file path rather than a name. */
    public static boolean isFile(String model) {
        return model.endsWith(".onnx") || model.endsWith(".json") || model.contains("/");
    }

    /** Whether {@code model} names a bundled or pre-trained head, or is a file path. */
    public static boolean isKnown(String model) {
        return isFile(model) || KeywordDescription.BUNDLED.contains(model) || PRETRAINED.contains(model);
    }

    /** The names {@link #isKnown} accepts, for messages. */
    public static String knownNames() {
        return String.join(", ", KeywordDescription.BUNDLED) + ", " + String.join(", ", PRETRAINED)
                + " (or the path of a trained head's .json description or an .onnx keyword model)";
    }

    /**
     * The mel spectrogram model for {@code setting} (wake.precision.melspectrogram, {@code hark wake
     * --melspectrogram}): null for "java" (computed in Java), else the fp32 or int8 model file.
     */
    public static String melFile(String setting) {
        return switch (setting) {
            case "java" -> null;
            case "int8" -> ModelFiles.MELSPECTROGRAM_INT8;
            default -> ModelFiles.MELSPECTROGRAM;
        };
    }

    /**
     * Sets {@code builder}'s front end: the mel model {@code melFile} (null: the Java mel spectrogram) and the embedding variant
     * {@code embedding} ("fp32", "int8" or "screened", as {@code HarkConfig.Precision.resolve} gives),
     * screening at {@code screenThreshold}.
     */
    public static void frontEnd(WakeWordDetector.Builder builder, String melFile, String embedding, float screenThreshold) {
        switch (embedding) {
            case "int8" -> builder.frontEndFiles(melFile, ModelFiles.EMBEDDING_INT8);
            case "screened" -> builder.frontEndFiles(melFile, ModelFiles.EMBEDDING)
                    .screeningEmbedding(ModelFiles.EMBEDDING_INT8, screenThreshold);
            default -> builder.frontEndFiles(melFile, ModelFiles.EMBEDDING);
        }
    }

    /**
     * Adds {@code model} to {@code builder}, firing at {@code threshold}, or at the model's own
     * threshold when it is null; {@code resolve} turns a path from the entry into a file.
     *
     * @throws ModelLoadException naming the file when a description or bundled head cannot be read
     */
    public static void add(WakeWordDetector.Builder builder, String model, Float threshold, Function<String, Path> resolve)
            throws ModelLoadException {
        if (model.endsWith(".json") || KeywordDescription.BUNDLED.contains(model)) {
            KeywordDescription d = model.endsWith(".json") ? KeywordDescription.read(resolve.apply(model))
                    : KeywordDescription.bundled(model);
            builder.keyword(d, threshold != null ? threshold : d.threshold());
        } else if (isFile(model)) {
            Path file = resolve.apply(model);
            builder.keyword(file.getFileName().toString().replaceFirst("\\.onnx$", ""), file,
                    threshold != null ? threshold : DEFAULT_THRESHOLD);
        } else {
            builder.pretrainedKeyword(model, threshold != null ? threshold : DEFAULT_THRESHOLD);
        }
    }
}
