package dev.hark.nlu.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one template line into a {@link TemplateNode} tree. Syntax:
 * <pre>
 *   words            literal words separated by spaces
 *   [optional words] may be left out
 *   (a | b c | d)    exactly one of the alternatives
 *   $entity:slot     a value of the entity filling the slot ($entity alone: slot named after the entity,
 *                    for built-ins the part after "snips/")
 *   # comment        to the end of the line
 * </pre>
 * Groups nest freely; a top-level {@code |} separates whole alternatives. Linear in the line's length.
 */
public final class TemplateParser {
    private static final String SPECIAL = "()[]|$#";

    private final String text;
    private final String origin;
    private int pos;

    private TemplateParser(String text, String origin) {
        this.text = text;
        this.origin = origin;
    }

    /**
     * Parses {@code line} (comments allowed). {@code origin} names where it came from (e.g. {@code file:12})
     * for error messages, which add the 1-based column. Returns null when the line is blank or only a comment.
     */
    public static Template parse(String line, String origin) throws TemplateSyntaxException {
        String body = stripComment(line);
        if (body.isBlank()) {
            return null;
        }
        TemplateParser p = new TemplateParser(body, origin);
        TemplateNode root = p.alternatives();
        p.skipSpaces();
        if (p.pos < p.text.length()) {
            throw p.error("unexpected '" + p.text.charAt(p.pos) + "'");
        }
        return new Template(body.strip(), origin, root);
    }

    /** The part of {@code line} before a {@code #} comment. */
    static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private TemplateNode alternatives() throws TemplateSyntaxException {
        List<TemplateNode> choices = new ArrayList<>();
        while (true) {
            int start = pos;
            TemplateNode seq = sequence();
            if (seq == null) {
                throw error(start, "empty alternative");
            }
            choices.add(seq);
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == '|') {
                pos++;
                continue;
            }
            return choices.size() == 1 ? choices.get(0) : new TemplateNode.Alternatives(choices);
        }
    }

    private TemplateNode sequence() throws TemplateSyntaxException {
        List<TemplateNode> items = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '|' || c == ')' || c == ']') {
                break;
            }
            items.add(item());
        }
        if (items.isEmpty()) {
            return null;
        }
        return items.size() == 1 ? items.get(0) : new TemplateNode.Sequence(items);
    }

    private TemplateNode item() throws TemplateSyntaxException {
        char c = text.charAt(pos);
        if (c == '(' || c == '[') {
            int open = pos;
            char close = c == '(' ? ')' : ']';
            pos++;
            TemplateNode inner = alternatives();
            skipSpaces();
            if (pos >= text.length() || text.charAt(pos) != close) {
                throw error(open, "'" + c + "' is not closed by '" + close + "'");
            }
            pos++;
            return c == '(' ? inner : new TemplateNode.Optional(inner);
        }
        if (c == '$') {
            return slotRef();
        }
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && SPECIAL.indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        if (pos == start) {
            throw error("unexpected '" + c + "'");
        }
        return new TemplateNode.Word(text.substring(start, pos));
    }

    private TemplateNode slotRef() throws TemplateSyntaxException {
        int dollar = pos++;
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos), true)) {
            pos++;
        }
        if (pos == start) {
            throw error(dollar, "'$' must be followed by an entity name");
        }
        String entity = text.substring(start, pos);
        String slot;
        if (pos < text.length() && text.charAt(pos) == ':') {
            pos++;
            int slotStart = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos), false)) {
                pos++;
            }
            if (pos == slotStart) {
                throw error(slotStart, "':' must be followed by a slot name");
            }
            slot = text.substring(slotStart, pos);
        } else {
            slot = entity.startsWith("snips/") ? entity.substring("snips/".length()) : entity;
        }
        return new TemplateNode.SlotRef(entity, slot);
    }

    private static boolean isNameChar(char c, boolean entity) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || (entity && (c == '/' || c == '.'));
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private TemplateSyntaxException error(String problem) {
        return error(pos, problem);
    }

    private TemplateSyntaxException error(int at, String problem) {
        return new TemplateSyntaxException(origin, at + 1, problem);
    }
}
