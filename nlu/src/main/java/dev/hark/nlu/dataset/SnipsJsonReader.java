package dev.hark.nlu.dataset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a Snips NLU JSON dataset into a {@link DatasetFragment}, collecting every structural fault with
 * its JSON path (and line/column when the JSON itself is malformed). Unknown fields are ignored so that
 * existing Snips datasets load unchanged.
 *
 * <p>Also reads the per-intent files of the Snips NLU benchmark ({@code {"PlayMusic": [{"data": [...]},
 * ...]}}: an object of utterance arrays, no {@code language} or {@code entities}), where a chunk's
 * {@code entity} is also its slot name when {@code slot_name} is absent, and every entity used is defined
 * implicitly as an automatically extensible custom entity whose values are the utterances' (unless a
 * file merged with it defines the entity; names starting with {@code snips/} are built-ins).
 */
final class SnipsJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String file;
    private final List<String> problems;

    private SnipsJsonReader(String file, List<String> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Reads JSON text (for tests and embedded datasets) named {@code name} in messages. */
    static DatasetFragment read(String json, String name, List<String> problems) throws DatasetException {
        try {
            return read(MAPPER.readTree(json), name, problems);
        } catch (JsonProcessingException e) {
            throw malformed(e, name);
        }
    }

    private static DatasetException malformed(JsonProcessingException e, String name) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? name : name + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        return new DatasetException(where + ": malformed JSON: " + e.getOriginalMessage());
    }

    private static DatasetFragment read(JsonNode root, String name, List<String> problems) throws DatasetException {
        if (root == null || root.isMissingNode()) {
            throw new DatasetException(name + ": empty input, expected a Snips NLU JSON dataset");
        }
        return new SnipsJsonReader(name, problems).dataset(root);
    }

    /** The benchmark's per-intent form: a non-empty object of arrays, with no dataset fields. */
    private static boolean isIntentFile(JsonNode root) {
        if (!root.isObject() || root.isEmpty() || root.has("language") || root.has("intents") || root.has("entities")) {
            return false;
        }
        for (JsonNode v : root) {
            if (!v.isArray()) {
                return false;
            }
        }
        return true;
    }

    private DatasetFragment dataset(JsonNode root) {
        DatasetFragment f = new DatasetFragment(file);
        if (!root.isObject()) {
            fault("$", "expected a JSON object (a Snips NLU dataset)");
            return f;
        }
        if (isIntentFile(root)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                utterances(f, e.getKey(), e.getValue(), "$" + key(e.getKey()), true);
            }
            return f;
        }
        JsonNode lang = root.get("language");
        if (lang == null) {
            fault("$.language", "missing (expected \"en\")");
        } else if (!lang.isTextual()) {
            fault("$.language", "expected a string");
        } else if (!lang.asText().equals("en")) {
            fault("$.language", "unsupported language \"" + lang.asText() + "\" (Hark understands \"en\")");
        }
        JsonNode entities = root.get("entities");
        if (entities == null) {
            fault("$.entities", "missing (expected an object, {} when there are none)");
        } else if (!entities.isObject()) {
            fault("$.entities", "expected an object");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = entities.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                entity(f, e.getKey(), e.getValue(), "$.entities" + key(e.getKey()));
            }
        }
        JsonNode intents = root.get("intents");
        if (intents == null) {
            fault("$.intents", "missing");
        } else if (!intents.isObject()) {
            fault("$.intents", "expected an object");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = intents.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                intent(f, e.getKey(), e.getValue(), "$.intents" + key(e.getKey()));
            }
        }
        return f;
    }

    private void entity(DatasetFragment f, String name, JsonNode node, String path) {
        if (!node.isObject()) {
            fault(path, "expected an object");
            return;
        }
        if (BuiltinEntity.isBuiltinName(name)) {
            BuiltinEntity b = BuiltinEntity.fromName(name);
            if (b == null) {
                fault(path, "unsupported built-in entity \"" + name + "\" (Hark has " + supported() + ")");
            } else {
                f.builtins.add(b);
            }
            return;
        }
        if (name.isBlank()) {
            fault(path, "entity name is empty");
            return;
        }
        boolean useSynonyms = bool(node, "use_synonyms", true, path);
        boolean extensible = bool(node, "automatically_extensible", true, path);
        double strictness = 1.0;
        JsonNode s = node.get("matching_strictness");
        if (s != null && !s.isNull()) {
            if (!s.isNumber()) {
                fault(path + ".matching_strictness", "expected a number");
            } else if (s.asDouble() <= 0 || s.asDouble() > 1) {
                fault(path + ".matching_strictness", "must be in (0, 1], got " + s.asText());
            } else {
                strictness = s.asDouble();
            }
        }
        List<EntityValue> values = new ArrayList<>();
        JsonNode data = node.get("data");
        if (data == null) {
            fault(path + ".data", "missing (expected a list of {\"value\", \"synonyms\"})");
        } else if (!data.isArray()) {
            fault(path + ".data", "expected an array");
        } else {
            for (int i = 0; i < data.size(); i++) {
                String vp = path + ".data[" + i + "]";
                JsonNode v = data.get(i);
                if (!v.isObject()) {
                    fault(vp, "expected an object with \"value\" and \"synonyms\"");
                    continue;
                }
                JsonNode value = v.get("value");
                if (value == null || !value.isTextual() || value.asText().isBlank()) {
                    fault(vp + ".value", value == null ? "missing" : "expected a non-empty string");
                    continue;
                }
                List<String> synonyms = new ArrayList<>();
                JsonNode syn = v.get("synonyms");
                if (syn != null && !syn.isNull()) {
                    if (!syn.isArray()) {
                        fault(vp + ".synonyms", "expected an array of strings");
                    } else {
                        for (int j = 0; j < syn.size(); j++) {
                            JsonNode sj = syn.get(j);
                            if (!sj.isTextual()) {
                                fault(vp + ".synonyms[" + j + "]", "expected a string");
                            } else if (!sj.asText().isBlank()) {
                                synonyms.add(sj.asText());
                            }
                        }
                    }
                }
                values.add(new EntityValue(value.asText(), synonyms));
            }
        }
        if (values.isEmpty() && !extensible) {
            fault(path + ".data", "a non-extensible entity needs at least one value");
        }
        f.entities.put(name, new CustomEntity(name, values, useSynonyms, extensible, strictness));
    }

    private void intent(DatasetFragment f, String name, JsonNode node, String path) {
        f.declareIntent(name);
        if (!node.isObject()) {
            fault(path, "expected an object with \"utterances\"");
            return;
        }
        JsonNode utts = node.get("utterances");
        if (utts == null) {
            fault(path + ".utterances", "missing");
            return;
        }
        utterances(f, name, utts, path + ".utterances", false);
    }

    /** An intent's utterance array; {@code implicit}: entities need no definition, the slot name may be left out. */
    private void utterances(DatasetFragment f, String name, JsonNode utts, String path, boolean implicit) {
        f.declareIntent(name);
        if (!utts.isArray()) {
            fault(path, "expected an array");
            return;
        }
        if (utts.isEmpty()) {
            fault(path, "intent \"" + name + "\" has no utterances");
            return;
        }
        List<Utterance> out = f.utterances.get(name);
        for (int i = 0; i < utts.size(); i++) {
            String up = path + "[" + i + "]";
            JsonNode u = utts.get(i);
            JsonNode data = u.isObject() ? u.get("data") : null;
            if (data == null || !data.isArray()) {
                fault(up + ".data", data == null ? "missing" : "expected an array of chunks");
                continue;
            }
            List<Chunk> chunks = new ArrayList<>();
            boolean ok = true;
            for (int j = 0; j < data.size(); j++) {
                Chunk c = chunk(f, name, data.get(j), up + ".data[" + j + "]", implicit);
                if (c == null) {
                    ok = false;
                } else {
                    chunks.add(c);
                }
            }
            Utterance utt = new Utterance(chunks);
            if (ok && utt.text().isBlank()) {
                fault(up, "utterance is empty");
                ok = false;
            }
            if (ok) {
                out.add(utt);
            }
        }
    }

    private Chunk chunk(DatasetFragment f, String intent, JsonNode node, String path, boolean implicit) {
        if (!node.isObject()) {
            fault(path, "expected an object with \"text\"");
            return null;
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            fault(path + ".text", text == null ? "missing" : "expected a string");
            return null;
        }
        JsonNode entity = node.get("entity");
        JsonNode slot = node.get("slot_name");
        if (entity == null && slot == null) {
            return Chunk.text(text.asText());
        }
        if (implicit && slot == null) {
            slot = entity;
        }
        if (entity == null || !entity.isTextual() || entity.asText().isBlank()) {
            fault(path + ".entity", entity == null ? "missing for slot \"" + slot.asText() + "\"" : "expected an entity name");
            return null;
        }
        if (slot == null || !slot.isTextual() || slot.asText().isBlank()) {
            fault(path + ".slot_name", slot == null ? "missing for entity \"" + entity.asText() + "\"" : "expected a slot name");
            return null;
        }
        if (text.asText().isBlank()) {
            fault(path + ".text", "slot \"" + slot.asText() + "\" has empty text");
            return null;
        }
        f.uses.add(new DatasetFragment.EntityUse(intent, entity.asText(), slot.asText(), file + ": " + path + ".entity", false));
        if (implicit && !BuiltinEntity.isBuiltinName(entity.asText())) {
            f.implicitEntities.add(entity.asText());
        }
        return Chunk.slot(text.asText(), entity.asText(), slot.asText());
    }

    private boolean bool(JsonNode node, String field, boolean dflt, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            fault(path + "." + field, "expected true or false");
            return dflt;
        }
        return v.asBoolean();
    }

    private void fault(String path, String problem) {
        problems.add(file + ": " + path + ": " + problem);
    }

    /** A JSON path step for an object key: {@code .name}, or {@code ["odd key"]} when not a plain name. */
    private static String key(String k) {
        return k.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + k : "[\"" + k.replace("\"", "\\\"") + "\"]";
    }

    static String supported() {
        StringBuilder sb = new StringBuilder();
        for (BuiltinEntity b : BuiltinEntity.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(b.entityName());
        }
        return sb.toString();
    }
}
