package dev.hark.asr.lexicon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Hark's own additions to the CMU dictionary: pronunciations that real speakers were heard to use
 * and the dictionary lacks (bundled as {@code pronunciation-variants.dict}, the dictionary's
 * format). {@link Lexicon#load(java.nio.file.Path, java.util.Collection, Map, PronunciationVariants)}
 * adds them beside the dictionary's own, so a word keeps its usual pronunciation and gains the
 * variant. Immutable; loading reads a few lines once.
 */
public final class PronunciationVariants {
    private static final String RESOURCE = "pronunciation-variants.dict";
    private static final PronunciationVariants BUNDLED = read();

    private final Map<String, List<String[]>> entries;
    private final String text;

    private PronunciationVariants(Map<String, List<String[]>> entries, String text) {
        this.entries = entries;
        this.text = text;
    }

    /** The variants shipped with Hark. */
    public static PronunciationVariants bundled() {
        return BUNDLED;
    }

    /** The variants of {@code word} (normalised as the dictionary spells it), empty if none. */
    public List<String[]> of(String word) {
        return entries.getOrDefault(Lexicon.normalize(word), List.of());
    }

    /** The file's text: compiled search graphs depend on it (their cache key includes it). */
    public String text() {
        return text;
    }

    private static PronunciationVariants read() {
        try (InputStream in = PronunciationVariants.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing from hark-asr's resources");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String[]>> entries = new LinkedHashMap<>();
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                Optional<DictionaryEntry> e;
                try {
                    e = DictionaryEntry.parse(lines[i]);
                } catch (IllegalArgumentException bad) {
                    throw new IllegalStateException(RESOURCE + ":" + (i + 1) + ": " + bad.getMessage());
                }
                if (e.isEmpty()) continue;
                entries.computeIfAbsent(Lexicon.normalize(e.get().word()), k -> new ArrayList<>())
                        .add(e.get().phones().toUpperCase(Locale.ROOT).split("\\s+"));
            }
            entries.replaceAll((w, p) -> List.copyOf(p));
            return new PronunciationVariants(Collections.unmodifiableMap(entries), text);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
