package dev.hark.nlu.builtin;

import dev.hark.nlu.SlotValue;
import dev.hark.nlu.dataset.BuiltinEntity;

/**
 * A built-in entity found in a sentence: characters {@code [start, end)} ({@code rawValue}), tokens
 * {@code [tokenStart, tokenEnd)}, and the resolved value.
 */
public record BuiltinMatch(BuiltinEntity entity, int start, int end, int tokenStart, int tokenEnd, String rawValue,
                           SlotValue value) {
}
