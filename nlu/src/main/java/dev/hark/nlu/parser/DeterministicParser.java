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

    /** The intent and slots of the first pattern that matches the whole sentence, or null. */
    Match parse(Mentions m) {
        if (m.tokens.isEmpty()) {
            return null;
        }
        List<SlotSpan> slots = new ArrayList<>();
        Node end = walk(root, m, 0, slots);
        return end == null ? null : new Match(end.intent, List.copyOf(slots));
    }

    private Node walk(Node node, Mentions m, int i, List<SlotSpan> slots) {
        if (i == m.tokens.size()) {
            return node.intent != null && !node.intent.equals(AMBIGUOUS) ? node : null;
        }
        Node next = node.words.get(m.tokens.get(i).text());
        if (next != null) {
            Node r = walk(next, m, i + 1, slots);
            if (r != null) {
                return r;
            }
        }
        if (node.slots.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, Node> edge : node.slots.entrySet()) {
            String key = edge.getKey();
            int sep = key.indexOf('\u0001');
            int entity = Integer.parseInt(key.substring(0, sep));
            for (Mentions.Span s : m.spansAt.get(i)) {
                if (s.entityIndex() != entity) {
                    continue;
                }
                slots.add(new SlotSpan(entity, key.substring(sep + 1), s.start(), s.end()));
                Node r = walk(edge.getValue(), m, s.end(), slots);
                if (r != null) {
                    return r;
                }
                slots.remove(slots.size() - 1);
            }
        }
        return null;
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
