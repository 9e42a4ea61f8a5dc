package dev.hark.runtime.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hark.runtime.eval.CommandLabels;
import dev.hark.runtime.skills.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The coffee-order assistant of {@code ../shared/data/commands-dev} (barista.json, one intent and six
 * custom entities) installed the way any skill is: a plugin jar in the skills folder, compiled against the
 * skill API alone, whose dataset is barista.json and which repeats the order back; and a run's
 * {@code intent} events checked against the recordings' labels ({@link CommandLabels}).
 */
final class BaristaSkill {
    /** The folder of real spoken coffee orders, beside the clone. */
    static final Path COMMANDS_DEV = Path.of(System.getProperty("hark.root", "..")).toAbsolutePath().normalize()
            .resolve("../shared/data/commands-dev").normalize();

    private BaristaSkill() {
    }

    /**
     * Writes {@code barista.jar} into {@code skillsFolder}: it answers "One <the slot values, in the
     * order heard> coming up." or, when {@code answers} are given, says them in turn (counting its turns
     * in its store, so that a run starts from the first with a fresh state folder).
     */
    static Path install(Path skillsFolder, Path commandsDev, List<String> answers) throws IOException {
        String body;
        if (answers.isEmpty()) {
            body = """
                    StringBuilder order = new StringBuilder("One");
                    for (Slot s : request.slots()) {
                        order.append(' ').append(request.text(s.name()).orElse(""));
                    }
                    return Response.say(order + " coming up.");""";
        } else {
            StringBuilder list = new StringBuilder();
            for (String a : answers) {
                list.append(list.length() == 0 ? "" : ", ").append('"').append(a.replace("\"", "\\\"")).append('"');
            }
            body = """
                    String[] answers = {%s};
                    int turn = Integer.parseInt(context.store().get("turn").orElse("0"));
                    context.store().put("turn", Integer.toString(turn + 1));
                    return Response.say(answers[turn %% answers.length]);""".formatted(list);
        }
        Files.createDirectories(skillsFolder);
        return PluginJars.skillWithDataset(skillsFolder, "barista.jar", "Barista", "barista", body,
                Files.readString(commandsDev.resolve("barista.json")));
    }

    /** The recordings of commands-dev, by file name, sorted. */
    static List<String> recordings(Path commandsDev) throws IOException {
        try (Stream<Path> files = Files.list(commandsDev.resolve("clean"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wav")).sorted().toList();
        }
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
    static boolean understood(JsonNode intentEvent, CommandLabels.Expected label) {
        return intentEvent != null && label.intent().equals(intentEvent.path("intentName").asText(null))
                && label.slots().equals(slots(intentEvent));
    }

    /** A configuration for {@code hark run}: the given wake model, the skills folder, answers as WAV files or not at all. */
    static Map<String, Object> config(Path dir, Path skillsFolder, String wakeModel, boolean speakAnswers) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("wake", Map.of("models", List.of(Map.of("name", wakeModel, "threshold", 0.5))));
        c.put("skills", Map.of("folder", skillsFolder.toString(), "stateFolder", dir.resolve("state").toString(),
                "timeZone", "UTC"));
        c.put("feedback", speakAnswers
                ? Map.of("output", "wav", "wavFolder", dir.resolve("heard").toString(), "tts", "flite")
                : Map.of("output", "none", "tts", "none"));
        c.put("speaker", Map.of("enabled", false));
        return c;
    }
}
