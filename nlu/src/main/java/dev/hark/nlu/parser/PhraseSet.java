package dev.hark.nlu.parser;

import dev.hark.nlu.Token;
import java.util.Arrays;
import java.util.List;

/**
 * A large set of phrases (lower-case tokens joined by single spaces) kept as sorted 64-bit hashes: 8 bytes
 * a phrase, looked up by binary search. A false match needs two phrases with the same 64-bit FNV-1a hash
 * (about one chance in 10^10 for a sentence against 150,000 phrases). Immutable.
 */
final class PhraseSet {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private final long[] hashes;
    private final int longest;

    /** The set of {@code phrases}; {@code longest} is the most tokens any of them has. */
    PhraseSet(long[] hashes, int longest) {
        this.hashes = hashes.clone();
        Arrays.sort(this.hashes);
        this.longest = longest;
    }

    /** The hash of a normalised phrase. */
    static long hash(String phrase) {
        return extend(OFFSET, phrase);
    }

    private static long extend(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= PRIME;
        }
        return h;
    }

    /**
     * The length in tokens of the longest phrase of the set starting at token {@code i}, or 0. Costs one
     * binary search per length tried (up to the longest phrase's).
     */
    int longestMatch(List<Token> tokens, int i) {
        long h = OFFSET;
        int best = 0;
        for (int len = 1; len <= longest && i + len <= tokens.size(); len++) {
            if (len > 1) {
                h = extend(h, " ");
            }
            h = extend(h, tokens.get(i + len - 1).text());
            if (Arrays.binarySearch(hashes, h) >= 0) {
                best = len;
            }
        }
        return best;
    }
}
