package dev.hark.runtime.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The model manifest {@code models/models.json}: every model Hark uses, where it comes from, its
 * checksum and licence. npm models are extracted into {@link #filesDir()}; Debian models stay where
 * their package installs them. Loading parses a few kilobytes of JSON.
 */
public final class ModelManifest {
    private final Path manifestFile;
    private final Path filesDir;
    private final List<ModelEntry> models;

    private ModelManifest(Path manifestFile, Path filesDir, List<ModelEntry> models) {
        this.manifestFile = manifestFile;
        this.filesDir = filesDir;
        this.models = List.copyOf(models);
    }

    private record Document(List<ModelEntry> models) {
    }

    /** Reads {@code <root>/models/models.json}; npm model files live in {@code <root>/models/files}. */
    public static ModelManifest load(Path root) throws IOException {
        return load(root.resolve("models").resolve("models.json"), root.resolve("models").resolve("files"));
    }

    /** Reads a manifest file, with npm model files in {@code filesDir}. */
    public static ModelManifest load(Path manifestFile, Path filesDir) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            Document doc = mapper.readValue(Files.readAllBytes(manifestFile), Document.class);
            if (doc.models() == null) {
                throw new IOException(manifestFile + ": no \"models\" list");
            }
            return new ModelManifest(manifestFile, filesDir, doc.models());
        } catch (NoSuchFileException e) {
            throw new IOException(manifestFile + ": model manifest not found");
        } catch (JsonProcessingException e) {
            throw new IOException(manifestFile + ": malformed manifest: " + e.getOriginalMessage());
        }
    }

    public List<ModelEntry> models() {
        return models;
    }

    public Path manifestFile() {
        return manifestFile;
    }

    public Path filesDir() {
        return filesDir;
    }

    public Optional<ModelEntry> find(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Where the model's file or folder is on this machine (bundled models live in a jar instead). */
    public Path location(ModelEntry model) {
        if (model.source().isBundled()) {
            throw new IllegalArgumentException(model.name() + " is bundled in a jar at " + model.source().path());
        }
        return model.source().isNpm() || model.source().isDerived() ? filesDir.resolve(model.file()) : Path.of(model.source().path());
    }

    /**
     * The path of a named model that must be present, or an exception saying which manifest entry is
     * missing and how to get it.
     */
    public Path require(String name) throws IOException {
        ModelEntry entry = find(name).orElseThrow(() -> new IOException(
                manifestFile + ": no model named \"" + name + "\""));
        Path path = location(entry);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "model \"" + name + "\" is missing; run "
                    + (entry.source().isNpm() || entry.source().isDerived() ? "'hark models fetch'" : "'apt-get install " + entry.source().packageName() + "'"));
        }
        return path;
    }
}
