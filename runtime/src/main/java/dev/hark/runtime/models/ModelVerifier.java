package dev.hark.runtime.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks a model against the manifest: present, and for models with a checksum, the same sha256.
 * Cost: one read of each model file (a few MB each).
 */
public final class ModelVerifier {
    private final ModelManifest manifest;

    public ModelVerifier(ModelManifest manifest) {
        this.manifest = manifest;
    }

    /** The verdict on one model. */
    public record Result(ModelEntry model, Path path, Status status, String actualSha256) {
        public boolean ok() {
            return status == Status.OK;
        }

        /** One line for a person: "ok", "missing" or "corrupt (sha256 ... expected ...)". */
        public String describe() {
            return switch (status) {
                case OK -> "ok";
                case MISSING -> "missing";
                case CORRUPT -> "corrupt (sha256 " + actualSha256 + ", expected " + model.sha256() + ")";
            };
        }
    }

    public enum Status { OK, MISSING, CORRUPT }

    public Result verify(ModelEntry model) throws IOException {
        if (model.source().isBundled()) {
            Path where = Path.of("classpath:" + model.source().path());
            try (InputStream in = ModelVerifier.class.getClassLoader().getResourceAsStream(model.source().path())) {
                if (in == null) {
                    return new Result(model, where, Status.MISSING, null);
                }
                String actual = sha256(in);
                return new Result(model, where, actual.equalsIgnoreCase(model.sha256()) ? Status.OK : Status.CORRUPT, actual);
            }
        }
        Path path = manifest.location(model);
        if (!Files.exists(path)) {
            return new Result(model, path, Status.MISSING, null);
        }
        if (model.sha256() == null) {
            return new Result(model, path, Status.OK, null);
        }
        String actual = sha256(path);
        return new Result(model, path, actual.equalsIgnoreCase(model.sha256()) ? Status.OK : Status.CORRUPT, actual);
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
