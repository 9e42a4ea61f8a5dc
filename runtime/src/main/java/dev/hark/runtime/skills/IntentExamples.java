package dev.hark.runtime.skills;

import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.Intent;
import dev.hark.nlu.dataset.Utterance;
import dev.hark.nlu.template.TemplateExpander;
import java.util.Iterator;
import java.util.Optional;

/** Picks an intent's example sentence: its first utterance, or the first expansion of its first template. */
final class IntentExamples {
    private IntentExamples() {
    }

    static Optional<String> first(Dataset dataset, Intent intent) {
        if (!intent.utterances().isEmpty()) {
            return Optional.of(intent.utterances().get(0).text().trim());
        }
        if (!intent.templates().isEmpty()) {
            // lazy: only the first sentence of the template's language is built
            Iterator<Utterance> it = new TemplateExpander(dataset).expand(intent.templates().get(0));
            if (it.hasNext()) {
                return Optional.of(it.next().text().trim().replaceAll("\\s+", " "));
            }
        }
        return Optional.empty();
    }
}
