package dev.hark.asr.grammar;

import dev.hark.nlu.dataset.BuiltinEntity;
import dev.hark.nlu.dataset.Chunk;
import dev.hark.nlu.dataset.CustomEntity;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.EntityValue;
import dev.hark.nlu.dataset.Intent;
import dev.hark.nlu.dataset.Utterance;
import dev.hark.nlu.template.Template;
import dev.hark.nlu.template.TemplateNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compiles an assistant's dataset into a {@link WordGraph}: every intent's utterances and
 * templates, with slots expanded to their entity's values (and synonyms when the entity uses them)
 * or, for built-in entities, to the entity's word grammar. Paths carry tags so the recognised path
 * gives the parse: {@code intent=NAME} before an intent's words, {@code slot=NAME|ENTITY} before a
 * slot's words and {@code /slot} after them. Uses only the dataset types and template AST of
 * hark-nlu, not its parsers. Cost and size are linear in the expanded template AST.
 */
public final class DatasetGrammarCompiler {
    /** Tag prefix announcing the intent of the path. */
    public static final String INTENT = "intent=";
    /** Tag prefix opening a slot: {@code slot=NAME|ENTITY}. */
    public static final String SLOT = "slot=";
    /** Tag closing the current slot. */
    public static final String SLOT_END = "/slot";

    private final Dataset dataset;
    private final WordGraph g = new WordGraph();
    private String intentName;

    private DatasetGrammarCompiler(Dataset dataset) {
        this.dataset = dataset;
    }

    /** Compiles all intents of {@code dataset}; fails naming the intent and entity of an undefined slot. */
    public static WordGraph compile(Dataset dataset) throws GrammarException {
        return new DatasetGrammarCompiler(dataset).run();
    }

    private WordGraph run() throws GrammarException {
        int end = g.newState();
        g.addFinal(end);
        for (Intent intent : dataset.intents().values()) {
            intentName = intent.name();
            int start = g.newState();
            g.addArc(g.start(), start, null, List.of(INTENT + intent.name()));
            for (Utterance u : intent.utterances()) {
                int cur = start;
                for (Chunk c : u.chunks()) {
                    int next = g.newState();
                    if (c.isSlot()) {
                        slot(c.entity(), c.slotName(), cur, next);
                    } else {
                        words(c.text(), cur, next);
                    }
                    cur = next;
                }
                g.addArc(cur, end, null);
            }
            for (Template t : intent.templates()) {
                node(t.root(), start, end);
            }
        }
        return g;
    }

    /** Splits text into recogniser words: lower case, letters, digits and apostrophes. */
    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            String t = w.replaceAll("^'+|'+$", "");
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    private void words(String text, int from, int to) {
        List<String> ws = tokenize(text);
        int cur = from;
        for (String w : ws) {
            int next = g.newState();
            g.addArc(cur, next, w);
            g.addOrigin(w, "intent " + intentName);
            cur = next;
        }
        g.addArc(cur, to, null);
    }

    private void node(TemplateNode n, int from, int to) throws GrammarException {
        if (n instanceof TemplateNode.Word w) {
            words(w.text(), from, to);
        } else if (n instanceof TemplateNode.SlotRef s) {
            slot(s.entity(), s.slotName(), from, to);
        } else if (n instanceof TemplateNode.Sequence s) {
            int cur = from;
            for (TemplateNode item : s.items()) {
                int next = g.newState();
                node(item, cur, next);
                cur = next;
            }
            g.addArc(cur, to, null);
        } else if (n instanceof TemplateNode.Alternatives a) {
            for (TemplateNode c : a.choices()) node(c, from, to);
        } else if (n instanceof TemplateNode.Optional o) {
            node(o.child(), from, to);
            g.addArc(from, to, null);
        } else {
            throw new GrammarException("intent " + intentName + ": unsupported template element " + n);
        }
    }

    private void slot(String entity, String slotName, int from, int to) throws GrammarException {
        int in = g.newState();
        int out = g.newState();
        g.addArc(from, in, null, List.of(SLOT + slotName + "|" + entity));
        g.addArc(out, to, null, List.of(SLOT_END));
        CustomEntity custom = dataset.customEntities().get(entity);
        if (custom != null) {
            for (EntityValue v : custom.values()) {
                words(v.value(), in, out);
                if (custom.useSynonyms()) {
                    for (String syn : v.synonyms()) words(syn, in, out);
                }
            }
        } else if (BuiltinEntity.isBuiltinName(entity)) {
            node(BuiltinEntity.fromName(entity).grammar(), in, out);
        } else {
            throw new GrammarException("intent " + intentName + ": slot " + slotName + " uses undefined entity " + entity);
        }
    }
}
