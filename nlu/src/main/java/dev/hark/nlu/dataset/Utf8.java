package dev.hark.nlu.dataset;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a dataset file's bytes as UTF-8, also accepting characters beyond the Basic Multilingual Plane
 * written as two 3-byte surrogates (CESU-8, as Java's and some JSON writers' "modified UTF-8" does: the
 * Snips benchmark's PlayMusic file has emoji written so). One pass over the bytes.
 */
final class Utf8 {
    private Utf8() {
    }

    /** The text, or null when the bytes are not UTF-8 (nor CESU-8) text. */
    static String decode(byte[] bytes) {
        String s = strict(bytes);
        return s != null ? s : strict(joinSurrogatePairs(bytes));
    }

    private static String strict(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Each 6-byte encoded surrogate pair (ED A0-AF xx ED B0-BF xx) rewritten as the 4-byte UTF-8 sequence. */
    private static byte[] joinSurrogatePairs(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        int i = 0;
        while (i < b.length) {
            if (i + 5 < b.length && (b[i] & 0xff) == 0xED && (b[i + 1] & 0xf0) == 0xA0 && (b[i + 2] & 0xc0) == 0x80
                    && (b[i + 3] & 0xff) == 0xED && (b[i + 4] & 0xf0) == 0xB0 && (b[i + 5] & 0xc0) == 0x80) {
                int high = 0xD000 | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
                int low = 0xD000 | ((b[i + 4] & 0x3f) << 6) | (b[i + 5] & 0x3f);
                int cp = Character.toCodePoint((char) high, (char) low);
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3f));
                out.write(0x80 | ((cp >> 6) & 0x3f));
                out.write(0x80 | (cp & 0x3f));
                i += 6;
            } else {
                out.write(b[i++]);
            }
        }
        return out.toByteArray();
    }
}
