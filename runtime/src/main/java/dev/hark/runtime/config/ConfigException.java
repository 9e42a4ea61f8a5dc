package dev.hark.runtime.config;

/** A configuration that cannot be used; the message names the file, the JSON path and the problem. */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
