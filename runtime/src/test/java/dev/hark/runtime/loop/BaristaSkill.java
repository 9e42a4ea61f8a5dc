package dev.hark.runtime.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.runtime.skills.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The coffee-order assistant of {@code ../shared/data/commands-dev} (barista.json, one intent and six
 * custom entities) installed the way any skill is: a plugin jar in the skills folder, compiled against the
 * skill API alone, whose dataset is barista.json and which repeats the order back. With its labels, so
 * that a run's {@code intent} events can be checked against what each recording says.
 */
final class BaristaSkill {
    /** The folder of real spoken coffee orders, beside the clone. */
    static final Path COMMANDS_DEV = Path.of(System.getProperty("hark.root", "..")).toAbsolutePath().normalize()
            .resolve("../shared/data/commands-dev").normalize();

    /** What a recording says: the intent and the slot values a correct assistant extracts. */
    record Label(String intent, Map<String, String> slots) {
    }

    private BaristaSkill() {
    }

    /**
     * Writes {@code barista.jar} into {@code skillsFolder}: it answers "One <the slot values, in the
     * order heard> coming up." or, with {@code answer} not null, always that text.
     */
    static Path install(Path skillsFolder, Path commandsDev, String answer) throws IOException {
        String body = answer != null ? "return Response.say(\"" + answer.replace("\"", "\\\"") + "\");"
                : """
                StringBuilder order = new StringBuilder("One");
                for (Slot s : request.slots()) {
                    order.append(' ').append(request.text(s.name()).orElse(""));
                }
                return Response.say(order + " coming up.");""";
        Files.createDirectories(skillsFolder);
        return PluginJars.skillWithDataset(skillsFolder, "barista.jar", "Barista", "barista", body,
                Files.readString(commandsDev.resolve("barista.json")));
    }

    /** labels.json: file name to label, slot values trimmed (the file has stray leading spaces). */
    static Map<String, Label> labels(Path commandsDev) throws IOException {
        JsonNode root = new ObjectMapper().readTree(commandsDev.resolve("labels.json").toFile());
        Map<String, Label> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, String> slots = new TreeMap<>();
            e.getValue().get("slots").fields().forEachRemaining(s -> slots.put(s.getKey(), s.getValue().asText().trim()));
            out.put(e.getKey(), new Label(e.getValue().get("intent").asText(), slots));
        }
        return out;
    }

    /** The slot values of an {@code intent} event of {@code hark run --json}, by slot name. */
    static Map<String, String> slots(JsonNode intentEvent) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode s : intentEvent.path("slots")) {
            JsonNode v = s.path("value").path("value");
            out.put(s.get("slotName").asText(), (v.isMissingNode() ? s.get("rawValue") : v).asText().trim());
        }
        return out;
    }

    /** Whether an {@code intent} event is the label's intent with exactly its slot values (none missing, none extra). */
    static boolean understood(JsonNode intentEvent, Label label) {
        return intentEvent != null && label.intent().equals(intentEvent.path("intentName").asText(null))
                && label.slots().equals(slots(intentEvent));
    }

    /** A configuration for {@code hark run}: the given wake model, the skills folder, answers as WAV files or not at all. */
    static Map<String, Object> config(Path dir, Path skillsFolder, String wakeModel, boolean speakAnswers) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("wake", Map.of("models", java.util.List.of(Map.of("name", wakeModel, "threshold", 0.5))));
        c.put("skills", Map.of("folder", skillsFolder.toString(), "stateFolder", dir.resolve("state").toString(),
                "timeZone", "UTC"));
        c.put("feedback", speakAnswers
                ? Map.of("output", "wav", "wavFolder", dir.resolve("heard").toString(), "tts", "flite")
                : Map.of("output", "none", "tts", "none"));
        c.put("speaker", Map.of("enabled", false));
        return c;
    }
}
