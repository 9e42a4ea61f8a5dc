package dev.hark.runtime.models;

/**
 * One model of the manifest: its name, the file it is extracted to (npm models) or its installed
 * path (Debian models), its source, sha256, licence and what Hark uses it for.
 */
public record ModelEntry(String name, String file, ModelSource source, String sha256, String licence, String use) {
}
