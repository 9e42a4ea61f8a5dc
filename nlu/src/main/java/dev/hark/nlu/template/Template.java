package dev.hark.nlu.template;

import java.util.Objects;

/**
 * One sentence template of an intent: its source text, where it came from ({@code file:line}, for
 * messages) and its parsed {@link TemplateNode} tree.
 */
public record Template(String source, String origin, TemplateNode root) {
    public Template {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(root, "root");
    }
}
