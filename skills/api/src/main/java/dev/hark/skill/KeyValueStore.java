package dev.hark.skill;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A skill's persistent string-to-string store. Every change is written to disk atomically before the call
 * returns (the whole store is rewritten to a temporary file and moved into place), so after a crash or
 * power cut the store holds either the state before or after the change, never a mixture. Meant for small
 * state (timers, preferences): each write costs a file rewrite.
 */
public interface KeyValueStore {

    /** The value stored under the key, if any. */
    Optional<String> get(String key);

    /** A snapshot of every entry. */
    Map<String, String> entries();

    /** Stores a value, replacing any previous one. */
    void put(String key, String value) throws IOException;

    /** Removes a key; nothing happens if it is absent. */
    void remove(String key) throws IOException;

    /**
     * Applies several changes in one atomic write: keys mapped to a value are stored, keys mapped to null
     * are removed.
     */
    void update(Map<String, String> changes) throws IOException;
}
