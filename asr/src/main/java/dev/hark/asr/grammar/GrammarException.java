package dev.hark.asr.grammar;

/** A grammar cannot be read or compiled; the message names the file, rule, intent or word. */
public class GrammarException extends Exception {
    public GrammarException(String message) {
        super(message);
    }
}
