package dev.hark.nlu.parser;

import dev.hark.nlu.EntityResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The entities a trained parser knows, numbered, with the resolver for their values. */
final class EntityIndex {
    private final List<String> names;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final EntityResolver resolver;

    EntityIndex(List<String> names, EntityResolver resolver) {
        this.names = new ArrayList<>(names);
        for (int i = 0; i < names.size(); i++) {
            indexOf.put(names.get(i), i);
        }
        this.resolver = resolver;
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    int indexOf(String name) {
        return indexOf.getOrDefault(name, -1);
    }

    EntityResolver resolver() {
        return resolver;
    }
}
