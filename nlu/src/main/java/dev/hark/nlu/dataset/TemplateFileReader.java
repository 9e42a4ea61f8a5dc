package dev.hark.nlu.dataset;

import dev.hark.nlu.template.Template;
import dev.hark.nlu.template.TemplateNode;
import dev.hark.nlu.template.TemplateParser;
import dev.hark.nlu.template.TemplateSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a template file (see {@link DatasetLoader} for the layout) into a {@link DatasetFragment}:
 * {@code [intentName]} sections of template lines and {@code [$entity option=value...]} sections of entity
 * values, {@code value = synonym | synonym}. Faults are collected as {@code file:line[:column]: problem}.
 */
final class TemplateFileReader {
    private TemplateFileReader() {
    }

    static DatasetFragment read(String content, String file, List<String> problems) {
        DatasetFragment f = new DatasetFragment(file);
        String intent = null;
        String entity = null;
        EntityBuilder entityBuilder = null;
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = file + ":" + (i + 1);
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]") && isSectionHeader(line)) {
                if (entityBuilder != null) {
                    entityBuilder.finish(f, problems);
                    entityBuilder = null;
                }
                String header = line.substring(1, line.length() - 1).strip();
                intent = null;
                entity = null;
                if (header.startsWith("$")) {
                    entityBuilder = EntityBuilder.parse(header.substring(1), where, problems);
                    entity = entityBuilder == null ? "" : entityBuilder.name;
                } else if (header.matches("[A-Za-z0-9_.\\-]+")) {
                    intent = header;
                    f.declareIntent(intent);
                } else {
                    problems.add(where + ": bad section name \"" + header + "\" (an intent name: letters, digits, _ . -; or $entity)");
                    entity = "";
                }
                continue;
            }
            if (entityBuilder != null) {
                entityBuilder.value(line, where, problems);
            } else if (intent != null) {
                try {
                    Template t = TemplateParser.parse(lines[i], where);
                    f.templates.get(intent).add(t);
                    collectUses(f, intent, t.root(), where);
                } catch (TemplateSyntaxException e) {
                    problems.add(e.getMessage());
                }
            } else if (entity == null) {
                problems.add(where + ": line outside a section; start with [intentName] or [$entityName]");
            }
        }
        if (entityBuilder != null) {
            entityBuilder.finish(f, problems);
        }
        return f;
    }

    /** A header is a whole bracketed line without nested brackets; "[optional] words" is a template. */
    private static boolean isSectionHeader(String line) {
        String inner = line.substring(1, line.length() - 1);
        return inner.indexOf('[') < 0 && inner.indexOf(']') < 0 && inner.indexOf('(') < 0 && inner.indexOf('|') < 0
                && (inner.strip().startsWith("$") || inner.strip().indexOf(' ') < 0);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static void collectUses(DatasetFragment f, String intent, TemplateNode node, String where) {
        if (node instanceof TemplateNode.SlotRef s) {
            f.uses.add(new DatasetFragment.EntityUse(intent, s.entity(), s.slotName(), where, true));
        } else if (node instanceof TemplateNode.Sequence s) {
            s.items().forEach(n -> collectUses(f, intent, n, where));
        } else if (node instanceof TemplateNode.Alternatives a) {
            a.choices().forEach(n -> collectUses(f, intent, n, where));
        } else if (node instanceof TemplateNode.Optional o) {
            collectUses(f, intent, o.child(), where);
        }
    }

    /** Accumulates one {@code [$entity ...]} section. */
    private static final class EntityBuilder {
        final String name;
        final String where;
        boolean useSynonyms = true;
        boolean extensible = true;
        double strictness = 1.0;
        final List<EntityValue> values = new ArrayList<>();

        private EntityBuilder(String name, String where) {
            this.name = name;
            this.where = where;
        }

        static EntityBuilder parse(String header, String where, List<String> problems) {
            String[] parts = header.strip().split("\\s+");
            String name = parts[0];
            if (name.isEmpty() || BuiltinEntity.isBuiltinName(name) || !name.matches("[A-Za-z0-9_.\\-]+")) {
                problems.add(where + ": bad entity name \"" + name + "\" (letters, digits, _ . -; built-ins cannot be redefined)");
                return null;
            }
            EntityBuilder b = new EntityBuilder(name, where);
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                String key = kv[0];
                String value = kv.length == 2 ? kv[1] : "true";
                switch (key) {
                    case "use_synonyms" -> b.useSynonyms = flag(value, key, where, problems);
                    case "automatically_extensible" -> b.extensible = flag(value, key, where, problems);
                    case "matching_strictness" -> {
                        try {
                            b.strictness = Double.parseDouble(value);
                            if (b.strictness <= 0 || b.strictness > 1) {
                                problems.add(where + ": matching_strictness must be in (0, 1], got " + value);
                            }
                        } catch (NumberFormatException e) {
                            problems.add(where + ": matching_strictness must be a number, got \"" + value + "\"");
                        }
                    }
                    default -> problems.add(where + ": unknown entity option \"" + key
                            + "\" (use_synonyms, automatically_extensible, matching_strictness)");
                }
            }
            return b;
        }

        private static boolean flag(String v, String key, String where, List<String> problems) {
            if (v.equals("true") || v.equals("false")) {
                return v.equals("true");
            }
            problems.add(where + ": " + key + " must be true or false, got \"" + v + "\"");
            return true;
        }

        void value(String line, String where, List<String> problems) {
            int eq = line.indexOf('=');
            String value = (eq < 0 ? line : line.substring(0, eq)).strip();
            if (value.isEmpty()) {
                problems.add(where + ": entity value is empty");
                return;
            }
            List<String> synonyms = new ArrayList<>();
            if (eq >= 0) {
                for (String s : line.substring(eq + 1).split("\\|")) {
                    if (!s.isBlank()) {
                        synonyms.add(s.strip());
                    }
                }
            }
            values.add(new EntityValue(value, synonyms));
        }

        void finish(DatasetFragment f, List<String> problems) {
            if (values.isEmpty() && !extensible) {
                problems.add(where + ": entity \"" + name + "\" is not extensible and has no values");
            }
            CustomEntity e = new CustomEntity(name, values, useSynonyms, extensible, strictness);
            CustomEntity prev = f.entities.get(name);
            f.entities.put(name, prev == null ? e : DatasetLoader.mergeEntities(prev, e, where, problems));
        }
    }
}
