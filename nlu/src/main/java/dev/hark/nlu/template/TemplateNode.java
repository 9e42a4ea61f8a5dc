package dev.hark.nlu.template;

import java.util.List;
import java.util.Objects;

/**
 * The abstract syntax of a sentence template: what {@link TemplateParser} produces and what both the
 * intent parser's training data ({@link TemplateExpander}) and the speech recogniser's decoding graph
 * are built from. A tree (or, for built-in entity grammars, a DAG sharing sub-nodes) of five node kinds.
 * Nodes are immutable; {@link Sequence} and {@link Alternatives} never hold fewer than two items when
 * produced by the parser (single items are unwrapped) but any size is valid.
 */
public sealed interface TemplateNode
        permits TemplateNode.Word, TemplateNode.SlotRef, TemplateNode.Sequence, TemplateNode.Alternatives,
        TemplateNode.Optional {

    /** One literal word, as written (case kept; parsers normalise). */
    record Word(String text) implements TemplateNode {
        public Word {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty word");
            }
        }
    }

    /**
     * {@code $entity:slot}: any value of {@code entity} (a custom entity's values and synonyms, or a
     * built-in entity's grammar, see {@link dev.hark.nlu.dataset.BuiltinEntity#grammar()}) filling slot
     * {@code slotName}.
     */
    record SlotRef(String entity, String slotName) implements TemplateNode {
        public SlotRef {
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(slotName, "slotName");
        }
    }

    /** The items one after the other. An empty sequence matches nothing (the empty string). */
    record Sequence(List<TemplateNode> items) implements TemplateNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** Exactly one of the choices: {@code (a | b | c)}. */
    record Alternatives(List<TemplateNode> choices) implements TemplateNode {
        public Alternatives {
            choices = List.copyOf(choices);
            if (choices.isEmpty()) {
                throw new IllegalArgumentException("no choices");
            }
        }
    }

    /** The child or nothing: {@code [words]}. */
    record Optional(TemplateNode child) implements TemplateNode {
        public Optional {
            Objects.requireNonNull(child, "child");
        }
    }
}
