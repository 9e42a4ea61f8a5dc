package dev.hark.nlu.parser;

import dev.hark.nlu.EntityResolver;
import dev.hark.nlu.Gazetteer;
import dev.hark.nlu.Token;
import dev.hark.nlu.Tokenizer;
import dev.hark.nlu.builtin.BuiltinMatch;
import dev.hark.nlu.dataset.BuiltinEntity;
import java.util.ArrayList;
import java.util.List;

/**
 * A sentence's tokens and where the assistant's entities may occur in it: for each entity (custom ones
 * through their gazetteer, built-in ones through the resolver), every span starting at each token. Shared
 * by the three parsers so that a sentence is analysed once.
 */
final class Mentions {
    /** A possible entity occurrence: tokens {@code [start, end)}. */
    record Span(int entityIndex, int start, int end) {
    }

    final String text;
    final List<Token> tokens;
    /** spansAt.get(i): the spans starting at token i, any entity. */
    final List<List<Span>> spansAt;
    /** marks[e][i]: 0 outside, 1 first token, 2 inside a (greedy, longest) occurrence of entity e. */
    final int[][] marks;

    private Mentions(String text, List<Token> tokens, List<List<Span>> spansAt, int[][] marks) {
        this.text = text;
        this.tokens = tokens;
        this.spansAt = spansAt;
        this.marks = marks;
    }

    /** Analyses {@code text} for the entities of {@code index}. */
    static Mentions of(String text, EntityIndex index) {
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
                for (int i = 0; i < n; i++) {
                    for (int len : g.matchLengths(tokens, i)) {
                        spansAt.get(i).add(new Span(e, i, i + len));
                    }
                }
                g.mark(tokens, mark);
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
                        mark[i] = 1;
                        for (int k = i + 1; k < m.tokenEnd(); k++) {
                            mark[k] = 2;
                        }
                        covered = m.tokenEnd();
                    }
                }
            }
        }
        return new Mentions(text, tokens, spansAt, marks);
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
