package dev.hark.nlu.parser;

import dev.hark.nlu.Token;
import dev.hark.nlu.Tokenizer;
import dev.hark.nlu.dataset.Chunk;
import dev.hark.nlu.dataset.Utterance;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Snips-style deterministic parser: a sentence that is a training utterance after normalisation
 * (lower case, punctuation dropped), with any slot value replaced by another value of the same entity,
 * parses with certainty. Patterns (words and {@code <entity:slot>} placeholders) live in a trie; matching
 * is a depth-first walk over the sentence's tokens and entity spans, linear in practice. A pattern two
 * intents share is ambiguous and left to the probabilistic parser.
 */
final class DeterministicParser {
    /** A slot the parser filled: tokens {@code [start, end)}. */
    record Match(String intent, List<SlotSpan> slots) {
    }

    record SlotSpan(int entityIndex, String slotName, int start, int end) {
    }

    private static final String AMBIGUOUS = "\u0000ambiguous";

    private static final class Node {
        final Map<String, Node> words = new HashMap<>();
        final Map<String, Node> slots = new HashMap<>(); // key: entityIndex + "\u0001" + slotName
        String intent;
    }

    private final Node root = new Node();
    private final List<String[]> patterns = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    /** Adds a training utterance; utterances naming entities outside {@code index} are skipped. */
    void add(String intent, Utterance u, EntityIndex index) {
        List<String> elements = new ArrayList<>();
        elements.add(intent);
        for (Chunk c : u.chunks()) {
            if (c.isSlot()) {
                int e = index.indexOf(c.entity());
                if (e < 0) {
                    return;
                }
                elements.add("\u0001" + e + "\u0001" + c.slotName());
            } else {
                for (Token t : Tokenizer.tokenize(c.text())) {
                    elements.add(t.text());
                }
            }
        }
        if (elements.size() > 1) {
            addPattern(elements.toArray(new String[0]));
        }
    }

    private void addPattern(String[] p) {
        if (!seen.add(String.join("\u0002", p))) {
            return;
        }
        patterns.add(p);
        Node node = root;
        for (int i = 1; i < p.length; i++) {
            Map<String, Node> edges = p[i].startsWith("\u0001") ? node.slots : node.words;
            String key = p[i].startsWith("\u0001") ? p[i].substring(1) : p[i];
            node = edges.computeIfAbsent(key, k -> new Node());
        }
        if (node.intent == null) {
            node.intent = p[0];
        } else if (!node.intent.equals(p[0])) {
            node.intent = AMBIGUOUS;
        }
    }

    /**
     * The intent and slots of the pattern that matches the whole sentence, or null when none does, or when
     * readings of its entity spans match patterns of different intents ({@code play <track>} and
     * {@code play <object_name>} when the title is a value of both): the sentence is then as ambiguous as
     * a pattern two intents share.
     */
    Match parse(Mentions m) {
        if (m.tokens.isEmpty()) {
            return null;
        }
        Search search = new Search(m);
        search.walk(root, 0);
        return search.ambiguous ? null : search.match;
    }

    /** A depth-first walk over every reading of a sentence, keeping the first match and noting a second intent. */
    private static final class Search {
        private final Mentions m;
        private final List<SlotSpan> slots = new ArrayList<>();
        private Match match;
        private boolean ambiguous;

        Search(Mentions m) {
            this.m = m;
        }

        void walk(Node node, int i) {
            if (ambiguous) {
                return;
            }
            if (i == m.tokens.size()) {
                if (node.intent == null) {
                    return;
                }
                if (node.intent.equals(AMBIGUOUS) || match != null && !match.intent().equals(node.intent)) {
                    ambiguous = true;
                } else if (match == null) {
                    match = new Match(node.intent, List.copyOf(slots));
                }
                return;
            }
            Node next = node.words.get(m.tokens.get(i).text());
            if (next != null) {
                walk(next, i + 1);
            }
            for (Map.Entry<String, Node> edge : node.slots.entrySet()) {
                String key = edge.getKey();
                int sep = key.indexOf('\u0001');
                int entity = Integer.parseInt(key.substring(0, sep));
                for (Mentions.Span s : m.spansAt.get(i)) {
                    if (s.entityIndex() == entity) {
                        slots.add(new SlotSpan(entity, key.substring(sep + 1), s.start(), s.end()));
                        walk(edge.getValue(), s.end());
                        slots.remove(slots.size() - 1);
                    }
                }
            }
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(patterns.size());
        for (String[] p : patterns) {
            out.writeInt(p.length);
            for (String s : p) {
                out.writeUTF(s);
            }
        }
    }

    static DeterministicParser read(DataInput in) throws IOException {
        DeterministicParser d = new DeterministicParser();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String[] p = new String[in.readInt()];
            for (int j = 0; j < p.length; j++) {
                p[j] = in.readUTF();
            }
            d.addPattern(p);
        }
        return d;
    }
}
