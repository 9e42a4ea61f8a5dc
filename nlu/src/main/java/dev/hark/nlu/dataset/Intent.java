package dev.hark.nlu.dataset;

import dev.hark.nlu.template.Template;
import java.util.List;
import java.util.Objects;

/**
 * An intent: its annotated example utterances (from a Snips JSON dataset) and its sentence templates
 * (from a template file), either list possibly empty but not both. Templates are kept as parsed ASTs so
 * that the speech recogniser can compile them into a grammar without expanding them; the intent parser
 * trains on a bounded expansion of them (see {@link dev.hark.nlu.template.TemplateExpander}).
 */
public record Intent(String name, List<Utterance> utterances, List<Template> templates) {
    public Intent {
        Objects.requireNonNull(name, "name");
        utterances = List.copyOf(utterances);
        templates = List.copyOf(templates);
    }
}
