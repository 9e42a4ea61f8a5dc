package dev.hark.asr.grammar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reader for JSGF grammars (the subset pocketsphinx accepts without imports): rules with
 * alternatives {@code |}, sequences, groups {@code ( )}, optional items {@code [ ]}, repetition
 * {@code *} and {@code +}, rule references, weights {@code /w/} and tags {@code { }} (both
 * ignored), and comments. Compiles the public rules (or one named rule) into a {@link WordGraph}
 * by inlining rule references; recursive rules are rejected. Tokens are lower-cased.
 */
public final class JsgfGrammar {
    private final String source;
    private final Map<String, String> rules = new LinkedHashMap<>();
    private final List<String> publicRules = new ArrayList<>();
    private String text;
    private int pos;

    private JsgfGrammar(String source, String text) throws GrammarException {
        this.source = source;
        parseRules(stripComments(text));
    }

    /** Reads and parses a grammar file. */
    public static JsgfGrammar read(Path file) throws IOException, GrammarException {
        return new JsgfGrammar(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses grammar text; {@code source} names it in error messages. */
    public static JsgfGrammar parse(String source, String text) throws GrammarException {
        return new JsgfGrammar(source, text);
    }

    /** Names of the public rules, in file order. */
    public List<String> publicRules() {
        return List.copyOf(publicRules);
    }

    private static String stripComments(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') i++;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                out.append(' ');
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private void parseRules(String s) throws GrammarException {
        for (String statement : s.split(";")) {
            String st = statement.trim();
            if (st.isEmpty() || st.startsWith("#JSGF") || st.startsWith("#jsgf") || st.startsWith("grammar ")) {
                continue;
            }
            if (st.startsWith("import ")) {
                throw new GrammarException(source + ": imports are not supported (" + st + ")");
            }
            boolean isPublic = false;
            if (st.startsWith("public ")) {
                isPublic = true;
                st = st.substring(7).trim();
            }
            int eq = st.indexOf('=');
            if (!st.startsWith("<") || eq < 0) {
                throw new GrammarException(source + ": cannot parse \"" + st + "\"");
            }
            String name = st.substring(1, st.indexOf('>')).trim();
            rules.put(name, st.substring(eq + 1).trim());
            if (isPublic) publicRules.add(name);
        }
        if (rules.isEmpty()) {
            throw new GrammarException(source + ": grammar has no rules");
        }
    }

    /** Compiles all public rules as alternatives. */
    public WordGraph compile() throws GrammarException {
        if (publicRules.isEmpty()) {
            throw new GrammarException(source + ": grammar has no public rule");
        }
        return compile(publicRules);
    }

    /** Compiles the named rules as alternatives. */
    public WordGraph compile(List<String> ruleNames) throws GrammarException {
        WordGraph g = new WordGraph();
        int end = g.newState();
        for (String r : ruleNames) {
            if (!rules.containsKey(r)) throw new GrammarException(source + ": no rule <" + r + ">");
            compileRule(g, r, g.start(), end, new HashSet<>());
        }
        g.addFinal(end);
        return g;
    }

    private void compileRule(WordGraph g, String name, int from, int to, Set<String> active) throws GrammarException {
        if (!active.add(name)) {
            throw new GrammarException(source + ": rule <" + name + "> is recursive");
        }
        String saveText = text;
        int savePos = pos;
        text = rules.get(name);
        pos = 0;
        compileAlternatives(g, from, to, active);
        skipSpace();
        if (pos < text.length()) {
            throw new GrammarException(source + ": rule <" + name + ">: unexpected '" + text.charAt(pos) + "'");
        }
        text = saveText;
        pos = savePos;
        active.remove(name);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private void compileAlternatives(WordGraph g, int from, int to, Set<String> active) throws GrammarException {
        while (true) {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '/') { // weight
                int end = text.indexOf('/', pos + 1);
                pos = end + 1;
            }
            compileSequence(g, from, to, active);
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '|') {
                pos++;
                continue;
            }
            return;
        }
    }

    private void compileSequence(WordGraph g, int from, int to, Set<String> active) throws GrammarException {
        int cur = from;
        boolean any = false;
        while (true) {
            skipSpace();
            if (pos >= text.length()) break;
            char c = text.charAt(pos);
            if (c == '|' || c == ')' || c == ']') break;
            if (c == '{') { // tag
                int end = text.indexOf('}', pos);
                if (end < 0) throw new GrammarException(source + ": unterminated tag");
                pos = end + 1;
                continue;
            }
            int itemStart = g.newState();
            int itemEnd = g.newState();
            g.addArc(cur, itemStart, null);
            compileItem(g, itemStart, itemEnd, active);
            skipSpace();
            if (pos < text.length() && (text.charAt(pos) == '*' || text.charAt(pos) == '+')) {
                if (text.charAt(pos) == '*') g.addArc(itemStart, itemEnd, null);
                g.addArc(itemEnd, itemStart, null);
                pos++;
            }
            cur = itemEnd;
            any = true;
        }
        if (!any) {
            throw new GrammarException(source + ": empty alternative in \"" + text + "\"");
        }
        g.addArc(cur, to, null);
    }

    private void compileItem(WordGraph g, int from, int to, Set<String> active) throws GrammarException {
        char c = text.charAt(pos);
        if (c == '(' || c == '[') {
            pos++;
            compileAlternatives(g, from, to, active);
            skipSpace();
            char close = c == '(' ? ')' : ']';
            if (pos >= text.length() || text.charAt(pos) != close) {
                throw new GrammarException(source + ": missing '" + close + "' in \"" + text + "\"");
            }
            pos++;
            if (c == '[') g.addArc(from, to, null);
        } else if (c == '<') {
            int end = text.indexOf('>', pos);
            if (end < 0) throw new GrammarException(source + ": unterminated rule reference");
            String name = text.substring(pos + 1, end).trim();
            pos = end + 1;
            if (name.equals("NULL")) {
                g.addArc(from, to, null);
            } else if (name.equals("VOID")) {
                // matches nothing: no arc
            } else if (!rules.containsKey(name)) {
                throw new GrammarException(source + ": reference to undefined rule <" + name + ">");
            } else {
                compileRule(g, name, from, to, active);
            }
        } else {
            int start = pos;
            if (c == '"') {
                int end = text.indexOf('"', pos + 1);
                if (end < 0) throw new GrammarException(source + ": unterminated quoted token");
                pos = end + 1;
                String[] words = text.substring(start + 1, end).trim().split("\\s+");
                int cur = from;
                for (int i = 0; i < words.length; i++) {
                    int next = i == words.length - 1 ? to : g.newState();
                    g.addArc(cur, next, words[i].toLowerCase(Locale.ROOT));
                    cur = next;
                }
                return;
            }
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))
                    && "|()[]<>{}*+;/".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            if (pos == start) {
                throw new GrammarException(source + ": unexpected '" + c + "' in \"" + text + "\"");
            }
            g.addArc(from, to, text.substring(start, pos).toLowerCase(Locale.ROOT));
        }
    }
}
