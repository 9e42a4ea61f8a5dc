package dev.hark.nlu.parser;

import dev.hark.nlu.EntityResolver;
import dev.hark.nlu.Gazetteer;
import dev.hark.nlu.Token;
import dev.hark.nlu.Tokenizer;
import dev.hark.nlu.builtin.BuiltinMatch;
import dev.hark.nlu.dataset.BuiltinEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A sentence's tokens and where the assistant's entities may occur in it: for each entity (custom ones
 * through their gazetteer, built-in ones through the resolver), every span starting at each token; and,
 * for the slot filler, where the shipped {@link Lexicons} and the built-in entities the assistant does
 * not declare occur. Shared by the three parsers so that a sentence is analysed once.
 */
final class Mentions {
    /** A possible entity occurrence: tokens {@code [start, end)}. */
    record Span(int entityIndex, int start, int end) {
    }

    final String text;
    final List<Token> tokens;
    /** spansAt.get(i): the spans starting at token i, any entity. */
    final List<List<Span>> spansAt;
    /** Codes of a token's place in an occurrence (BILOU): first of several, inside, last of several, alone. */
    static final int BEGIN = 1;
    static final int INSIDE = 2;
    static final int LAST = 3;
    static final int UNIT = 4;

    /** marks[e][i]: 0 outside, else the BILOU code of token i in the greedy, longest occurrences of entity e. */
    final int[][] marks;
    private final EntityIndex index;
    private int[][] ambient;

    /** The built-in entities whose occurrences the slot filler sees even where the assistant does not use them. */
    static final BuiltinEntity[] AMBIENT_BUILTINS = BuiltinEntity.values();

    private Mentions(String text, List<Token> tokens, List<List<Span>> spansAt, int[][] marks, EntityIndex index) {
        this.text = text;
        this.tokens = tokens;
        this.spansAt = spansAt;
        this.marks = marks;
        this.index = index;
    }

    /**
     * ambient()[k][i]: the BILOU code of token i in occurrences of the {@link Lexicons} (k below
     * {@code Lexicons.NAMES.length}), then of each built-in entity ({@link #AMBIENT_BUILTINS}) the assistant
     * does not declare (all zero when it does). Only the slot filler needs them: found on first use.
     */
    int[][] ambient() {
        if (ambient == null) {
            int n = tokens.size();
            int[][] lexicons = Lexicons.marks(tokens);
            int[][] all = new int[lexicons.length + AMBIENT_BUILTINS.length][];
            System.arraycopy(lexicons, 0, all, 0, lexicons.length);
            for (int b = 0; b < AMBIENT_BUILTINS.length; b++) {
                int[] mark = new int[n];
                if (index.indexOf(AMBIENT_BUILTINS[b].entityName()) < 0) {
                    for (BuiltinMatch m : index.resolver().builtins().extract(text, tokens, AMBIENT_BUILTINS[b])) {
                        markSpan(mark, m.tokenStart(), m.tokenEnd());
                    }
                }
                all[lexicons.length + b] = mark;
            }
            ambient = all;
        }
        return ambient;
    }

    /** Writes the BILOU codes of an occurrence of tokens {@code [from, to)} into {@code mark}. */
    static void markSpan(int[] mark, int from, int to) {
        if (to - from == 1) {
            mark[from] = UNIT;
            return;
        }
        mark[from] = BEGIN;
        for (int k = from + 1; k < to - 1; k++) {
            mark[k] = INSIDE;
        }
        mark[to - 1] = LAST;
    }

    /** Analyses {@code text} for the entities of {@code index}. */
    static Mentions of(String text, EntityIndex index) {
        return of(text, index, Set.of());
    }

    /**
     * As {@link #of(String, EntityIndex)}, but a gazetteer occurrence listed in {@code hidden} (as
     * {@link #hiddenKey}) is not reported: training hides the values only the sentence itself taught the
     * gazetteer, so that the parsers learn how often a held-out value is in it.
     */
    static Mentions of(String text, EntityIndex index, Set<String> hidden) {
        List<Token> tokens = Tokenizer.tokenize(text);
        int n = tokens.size();
        List<List<Span>> spansAt = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            spansAt.add(new ArrayList<>(2));
        }
        int[][] marks = new int[index.size()][n];
        EntityResolver resolver = index.resolver();
        for (int e = 0; e < index.size(); e++) {
            String name = index.name(e);
            Gazetteer g = resolver.gazetteer(name);
            int[] mark = marks[e];
            if (g != null) {
                int covered = 0;
                for (int i = 0; i < n; i++) {
                    int longest = 0;
                    for (int len : g.matchLengths(tokens, i)) {
                        if (hidden.isEmpty() || !hidden.contains(hiddenKey(name, phrase(tokens, i, i + len)))) {
                            spansAt.get(i).add(new Span(e, i, i + len));
                            longest = len;
                        }
                    }
                    // greedy, longest first, left to right
                    if (longest > 0 && i >= covered) {
                        markSpan(mark, i, i + longest);
                        covered = i + longest;
                    }
                }
            } else {
                BuiltinEntity b = BuiltinEntity.fromName(name);
                int covered = 0;
                for (int i = 0; i < n; i++) {
                    BuiltinMatch m = resolver.builtins().matchAt(text, tokens, i, b);
                    if (m == null) {
                        continue;
                    }
                    spansAt.get(i).add(new Span(e, i, m.tokenEnd()));
                    if (i >= covered) {
                        markSpan(mark, i, m.tokenEnd());
                        covered = m.tokenEnd();
                    }
                }
            }
        }
        return new Mentions(text, tokens, spansAt, marks, index);
    }

    /** The key of a gazetteer value of {@code entity} (a normalised phrase) for {@link #of(String, EntityIndex, Set)}. */
    static String hiddenKey(String entity, String normalisedValue) {
        return entity + "\u0001" + normalisedValue;
    }

    private static String phrase(List<Token> tokens, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) {
            sb.append(k == from ? "" : " ").append(tokens.get(k).text());
        }
        return sb.toString();
    }

    /** Whether any entity occurs anywhere in the sentence. */
    boolean hasAnySpan() {
        for (List<Span> spans : spansAt) {
            if (!spans.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The words with entity occurrences collapsed to {@code <entity>} placeholders (longest spans first,
     * left to right), for the intent classifier's n-grams.
     */
    List<String> collapsed(EntityIndex index) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Span best = null;
            for (Span s : spansAt.get(i)) {
                if (best == null || s.end() > best.end()) {
                    best = s;
                }
            }
            if (best == null) {
                out.add(tokens.get(i).text());
                i++;
            } else {
                out.add("<" + index.name(best.entityIndex()) + ">");
                i = best.end();
            }
        }
        return out;
    }
}
