package dev.hark.nlu.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads an assistant's {@link Dataset} from a Snips NLU JSON file, a template file, or a directory of
 * both (the files of a directory, not its subdirectories, in name order, merged into one assistant), or
 * from several such paths merged into one assistant. A JSON file may also be one of the Snips NLU
 * benchmark's per-intent files ({@code {"PlayMusic": [utterances]}}, entities defined implicitly).
 *
 * <p>File kinds by extension: {@code .json} is a Snips NLU dataset; {@code .txt} and {@code .ini} are
 * template files laid out as:
 * <pre>
 * # comments start with '#'
 * [setTimer]                                  # an intent section: one template per line
 * (set | start) a timer for $snips/duration:duration
 * [please] cancel [the] timer
 *
 * [$room automatically_extensible=false]      # a custom entity section: one value per line
 * kitchen
 * living room = lounge | front room           # value = synonym | synonym
 * </pre>
 * Entity options (all optional): {@code use_synonyms} (default true), {@code automatically_extensible}
 * (default true), {@code matching_strictness} (default 1.0). Built-in entities ({@code snips/number}...)
 * need no definition in template files. Merging: an intent named in several files gets all their
 * utterances and templates; an entity defined in several files must have the same options, and its
 * values are merged.
 *
 * <p>Validation reports every fault at once in a {@link DatasetException}, each with the file and a JSON
 * path or line and column: malformed JSON, missing or mistyped fields, empty intents, an empty dataset,
 * a slot without entity, an entity referenced but not defined, an unsupported built-in entity, a slot
 * name used with two different entities in one intent.
 */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    /** Loads a dataset file or a directory of dataset and template files (see class doc). */
    public static Dataset load(Path path) throws IOException, DatasetException {
        return load(List.of(path));
    }

    /** Loads dataset files and directories (each as {@link #load(Path)}), all merged into one assistant. */
    public static Dataset load(List<Path> paths) throws IOException, DatasetException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no dataset path");
        }
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            files.addAll(filesOf(path));
        }
        return loadFiles(files);
    }

    private static List<Path> filesOf(Path path) throws IOException, DatasetException {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(p -> Files.isRegularFile(p) && kindOf(p) != null).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new DatasetException(path + ": directory holds no .json dataset or .txt/.ini template file");
            }
            return files;
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or directory");
        }
        if (kindOf(path) == null) {
            throw new DatasetException(path + ": unknown dataset file type (expected .json, .txt or .ini)");
        }
        return List.of(path);
    }

    /** Loads these files, merged into one dataset. */
    public static Dataset loadFiles(List<Path> files) throws IOException, DatasetException {
        List<String> problems = new ArrayList<>();
        List<DatasetFragment> fragments = new ArrayList<>();
        for (Path p : files) {
            String text = Utf8.decode(Files.readAllBytes(p));
            if (text == null) {
                throw new DatasetException(p + ": not UTF-8 text");
            }
            if ("json".equals(kindOf(p))) {
                fragments.add(SnipsJsonReader.read(text, p.toString(), problems));
            } else {
                fragments.add(TemplateFileReader.read(text, p.toString(), problems));
            }
        }
        return build(fragments, problems, files.size() == 1 ? files.get(0).toString() : files.get(0).getParent() + "");
    }

    /** Parses a Snips NLU JSON dataset held in a string; {@code name} names it in messages. */
    public static Dataset fromJson(String json, String name) throws DatasetException {
        List<String> problems = new ArrayList<>();
        return build(List.of(SnipsJsonReader.read(json, name, problems)), problems, name);
    }

    /** Parses template-file text (see class doc); {@code name} names it in messages. */
    public static Dataset fromTemplates(String text, String name) throws DatasetException {
        List<String> problems = new ArrayList<>();
        return build(List.of(TemplateFileReader.read(text, name, problems)), problems, name);
    }

    private static String kindOf(Path p) {
        String n = p.getFileName().toString().toLowerCase();
        if (n.endsWith(".json")) {
            return "json";
        }
        if (n.endsWith(".txt") || n.endsWith(".ini")) {
            return "templates";
        }
        return null;
    }

    private static Dataset build(List<DatasetFragment> fragments, List<String> problems, String name)
            throws DatasetException {
        Map<String, List<Utterance>> utterances = new LinkedHashMap<>();
        Map<String, List<dev.hark.nlu.template.Template>> templates = new LinkedHashMap<>();
        Map<String, CustomEntity> entities = new LinkedHashMap<>();
        Map<String, String> entityFile = new HashMap<>();
        Set<BuiltinEntity> builtins = EnumSet.noneOf(BuiltinEntity.class);
        for (DatasetFragment f : fragments) {
            for (String intent : f.utterances.keySet()) {
                utterances.computeIfAbsent(intent, k -> new ArrayList<>()).addAll(f.utterances.get(intent));
                templates.computeIfAbsent(intent, k -> new ArrayList<>()).addAll(f.templates.get(intent));
            }
            for (CustomEntity e : f.entities.values()) {
                CustomEntity prev = entities.get(e.name());
                entities.put(e.name(), prev == null ? e
                        : mergeEntities(prev, e, f.file + " and " + entityFile.get(e.name()), problems));
                entityFile.putIfAbsent(e.name(), f.file);
            }
            builtins.addAll(f.builtins);
        }
        for (DatasetFragment f : fragments) {
            for (String e : f.implicitEntities) {
                entities.putIfAbsent(e, new CustomEntity(e, List.of(), true, true, 1.0));
            }
        }
        // a slot name stands for one entity within an intent (Snips requires it; the parsers rely on it)
        Map<String, Map<String, String>> slotEntity = new HashMap<>();
        for (DatasetFragment f : fragments) {
            for (DatasetFragment.EntityUse use : f.uses) {
                BuiltinEntity b = BuiltinEntity.fromName(use.entity());
                if (b != null) {
                    builtins.add(b);
                } else if (BuiltinEntity.isBuiltinName(use.entity())) {
                    problems.add(use.where() + ": unsupported built-in entity \"" + use.entity()
                            + "\" (Hark has " + SnipsJsonReader.supported() + ")");
                } else if (!entities.containsKey(use.entity())) {
                    problems.add(use.where() + ": entity \"" + use.entity() + "\" is not defined");
                } else if (use.fromTemplate() && entities.get(use.entity()).values().isEmpty()) {
                    // a template expands a slot into the entity's values; with none it could say nothing
                    problems.add(use.where() + ": entity \"" + use.entity() + "\" has no values to fill the template's slot");
                }
                String prev = slotEntity.computeIfAbsent(use.intent(), k -> new HashMap<>())
                        .putIfAbsent(use.slotName(), use.entity());
                if (prev != null && !prev.equals(use.entity())) {
                    problems.add(use.where() + ": slot \"" + use.slotName() + "\" of intent \"" + use.intent()
                            + "\" is used with entity \"" + use.entity() + "\" and elsewhere with \"" + prev + "\"");
                }
            }
        }
        Map<String, Intent> intents = new LinkedHashMap<>();
        for (String intent : utterances.keySet()) {
            if (utterances.get(intent).isEmpty() && templates.get(intent).isEmpty()) {
                if (problems.stream().noneMatch(p -> p.contains("\"" + intent + "\" has no utterances"))) {
                    problems.add(name + ": intent \"" + intent + "\" has no utterances or templates");
                }
                continue;
            }
            intents.put(intent, new Intent(intent, utterances.get(intent), templates.get(intent)));
        }
        if (intents.isEmpty() && problems.isEmpty()) {
            problems.add(name + ": the dataset has no intents");
        }
        if (!problems.isEmpty()) {
            throw new DatasetException(new ArrayList<>(new LinkedHashSet<>(problems)));
        }
        return new Dataset("en", intents, entities, builtins);
    }

    /** One entity defined twice: values merged when the options agree, else a fault naming {@code where}. */
    static CustomEntity mergeEntities(CustomEntity a, CustomEntity b, String where, List<String> problems) {
        if (a.useSynonyms() != b.useSynonyms() || a.automaticallyExtensible() != b.automaticallyExtensible()
                || a.matchingStrictness() != b.matchingStrictness()) {
            problems.add(where + ": entity \"" + a.name() + "\" is defined twice with different options");
            return a;
        }
        List<EntityValue> values = new ArrayList<>(a.values());
        for (EntityValue v : b.values()) {
            if (!values.contains(v)) {
                values.add(v);
            }
        }
        return new CustomEntity(a.name(), values, a.useSynonyms(), a.automaticallyExtensible(), a.matchingStrictness());
    }
}
