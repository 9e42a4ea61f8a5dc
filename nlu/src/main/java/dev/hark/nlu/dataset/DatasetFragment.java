package dev.hark.nlu.dataset;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one file contributes to an assistant before files are merged and cross-checked: its intents,
 * entities, and every entity reference with the place it was made (for error messages).
 */
final class DatasetFragment {
    /** An entity named by an utterance chunk or a template, and where (JSON path or file:line). */
    record EntityUse(String intent, String entity, String slotName, String where, boolean fromTemplate) {
    }

    final String file;
    String language = "en";
    final Map<String, List<Utterance>> utterances = new LinkedHashMap<>();
    final Map<String, List<dev.hark.nlu.template.Template>> templates = new LinkedHashMap<>();
    final Map<String, CustomEntity> entities = new LinkedHashMap<>();
    final Set<BuiltinEntity> builtins = EnumSet.noneOf(BuiltinEntity.class);
    final List<EntityUse> uses = new ArrayList<>();
    /** Entities used without a definition where the format allows it (the benchmark's per-intent files). */
    final Set<String> implicitEntities = new java.util.LinkedHashSet<>();

    DatasetFragment(String file) {
        this.file = file;
    }

    void declareIntent(String name) {
        utterances.computeIfAbsent(name, k -> new ArrayList<>());
        templates.computeIfAbsent(name, k -> new ArrayList<>());
    }
}
