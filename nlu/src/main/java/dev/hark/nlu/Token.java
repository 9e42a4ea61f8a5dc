package dev.hark.nlu;

/** A word of an input sentence: lower-cased text and its character range {@code [start, end)} in the input. */
public record Token(String text, int start, int end) {
}
