package dev.hark.runtime.stages;

import dev.hark.asr.model.AcousticModel;
import dev.hark.asr.model.NeuralAcousticModel;
import dev.hark.asr.model.SphinxAcousticModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The acoustic models the recogniser can score with, as named in the configuration
 * ({@code asr.acousticModel}) and on the command line: {@code sphinx}, the CMU Sphinx en-us GMM
 * alone, or {@code neural}, Hark's noise-robust network fused with it ({@link NeuralAcousticModel}).
 */
public enum AcousticModelChoice {
    SPHINX, NEURAL;

    /**
     * The default's configuration name, for the configuration and every command's option (a constant,
     * so that picocli's annotations can take it): the neural model, since it beats the GMM on real
     * commands in every condition measured within the CPU and memory budgets (docs/asr.md).
     */
    public static final String DEFAULT_NAME = "neural";

    /** The configuration's spelling. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice named {@code name} ("sphinx" or "neural"), or null. */
    public static AcousticModelChoice named(String name) {
        for (AcousticModelChoice c : values()) {
            if (c.configName().equals(name)) return c;
        }
        return null;
    }

    /** Loads the model over the Sphinx model in {@code sphinxDir}. */
    public AcousticModel load(Path sphinxDir) throws IOException {
        SphinxAcousticModel gmm = SphinxAcousticModel.load(sphinxDir);
        return this == SPHINX ? gmm : NeuralAcousticModel.builder().sphinx(gmm).build();
    }
}
