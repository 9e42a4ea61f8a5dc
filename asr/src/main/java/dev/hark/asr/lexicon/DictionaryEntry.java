package dev.hark.asr.lexicon;

import java.util.Optional;

/**
 * One line of a pronunciation file in the CMU dictionary's format: "word PH ON ES", alternates as
 * "word(2) PH ON ES", a line starting with '#' a comment. Hark's bundled
 * {@link PronunciationVariants} and an author's pronunciation file are read with it, so both accept
 * exactly the same lines. (The 134k-line dictionary itself is scanned by {@link Lexicon} without
 * building an entry per line.) Parsing a line costs two regular-expression splits.
 *
 * @param word   the word as written, without the alternate's "(n)"
 * @param phones the phones as written, trimmed
 */
public record DictionaryEntry(String word, String phones) {

    /**
     * Parses one line: empty for a blank or comment line.
     *
     * @throws IllegalArgumentException for a line with a word and no phones
     */
    public static Optional<DictionaryEntry> parse(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) return Optional.empty();
        String[] parts = s.split("\\s+", 2);
        if (parts.length < 2) throw new IllegalArgumentException("expected \"word PH ON ES\"");
        return Optional.of(new DictionaryEntry(parts[0].replaceAll("\\(\\d+\\)$", ""), parts[1].strip()));
    }
}
