package dev.hark.runtime.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.runtime.cli.HarkCli;
import dev.hark.runtime.eval.CommandLabels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A conversation recording through {@code hark run --input WAV --json} in this JVM, and its events
 * matched to the commands that were spoken: for each command, the wake event between the end of its wake
 * phrase and the end of its speech, and what followed that wake until the next one.
 */
final class ConversationRun {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How one spoken command fared. */
    enum Verdict {
        /** The intent and every slot value as labelled. */
        UNDERSTOOD,
        /** Heard whole, but the intent or a slot value was wrong or missing. */
        NOT_UNDERSTOOD,
        /** The command was taken from speech before it (the wake word's tail): its audio began well before the command. */
        FROM_TAIL,
        /** The command ended before its speech did (an end of speech inside it). */
        CUT_SHORT,
        /** No speech was found after the wake word. */
        NO_SPEECH,
        /** The wake word was not detected. */
        NO_WAKE,
        /** Another error ended the capture (too long). */
        ERROR
    }

    /** One command's events (null when absent) and verdict. */
    record Outcome(RealConversation.Turn turn, Verdict verdict, JsonNode wake, JsonNode transcript, JsonNode intent,
                   JsonNode response) {
    }

    /** A run's events, how each command fared, and the wake events matched to no command. */
    record Result(List<JsonNode> events, List<Outcome> outcomes, List<JsonNode> falseWakes) {
    }

    private ConversationRun() {
    }

    /** One command's fate as JSON, for a failures file: the turn's times, the verdict and the events. */
    static ObjectNode describe(Outcome o, String conversation) {
        ObjectNode f = MAPPER.createObjectNode().put("conversation", conversation).put("command", o.turn().command())
                .put("pause", o.turn().pause()).put("verdict", o.verdict().name()).put("wake_end", o.turn().wakeEnd())
                .put("command_start", o.turn().commandStart()).put("command_end", o.turn().commandEnd());
        for (JsonNode e : new JsonNode[] {o.wake(), o.transcript(), o.intent(), o.response()}) {
            if (e != null) {
                f.set(e.get("event").asText(), e);
            }
        }
        return f;
    }

    /** Runs {@code hark run --config config --input wav --json}; fails with stderr unless it exits 0. */
    static List<JsonNode> run(Path config, Path wav) throws IOException {
        return hark("run", "--config", config.toString(), "--input", wav.toString(), "--json");
    }

    /**
     * As {@link #run(Path, Path)}, but with another build of Hark, {@code java -jar jar} in a process of its
     * own (a "before" measurement with the main branch's jar; its models from {@code root}).
     */
    static List<JsonNode> run(Path jar, Path root, Path config, Path wav) throws IOException, InterruptedException {
        Path err = Files.createTempFile("hark-run", ".err");
        Process p = new ProcessBuilder("java", "-Dhark.root=" + root, "-jar", jar.toString(), "run", "--config",
                config.toString(), "--input", wav.toString(), "--json").redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        String stderr = Files.readString(err);
        Files.delete(err);
        if (exit != 0) {
            throw new IOException(jar + " run exited " + exit + ": " + stderr);
        }
        return jsonLines(out);
    }

    /** The times of {@code hark wake --model model} detections in {@code wav}: what the wake word model alone hears. */
    static List<Double> wakeDetections(String model, Path wav) throws IOException {
        List<Double> times = new ArrayList<>();
        for (JsonNode d : hark("wake", "--model", model, "--json", wav.toString()).get(0).get("detections")) {
            times.add(d.get("time_s").asDouble());
        }
        return times;
    }

    /** {@code hark args... --json} in this JVM: its JSON lines; fails with stderr unless it exits 0. */
    private static List<JsonNode> hark(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = HarkCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        if (exit != 0) {
            throw new IOException("hark " + args[0] + " exited " + exit + ": " + err);
        }
        return jsonLines(out.toString());
    }

    private static List<JsonNode> jsonLines(String out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(MAPPER.readTree(line));
            }
        }
        return lines;
    }

    /** Matches {@code events} to {@code turns} and judges each against its label. */
    static Result match(List<RealConversation.Turn> turns, List<JsonNode> events, CommandLabels labels) {
        List<Outcome> outcomes = new ArrayList<>();
        boolean[] used = new boolean[events.size()];
        for (RealConversation.Turn turn : turns) {
            int w = -1;
            for (int i = 0; i < events.size() && w < 0; i++) {
                JsonNode e = events.get(i);
                double t = e.get("t").asDouble();
                if (!used[i] && e.get("event").asText().equals("wake") && t >= turn.wakeEnd() - 0.5 && t <= turn.commandEnd()) {
                    w = i;
                }
            }
            if (w < 0) {
                outcomes.add(new Outcome(turn, Verdict.NO_WAKE, null, null, null, null));
                continue;
            }
            used[w] = true;
            JsonNode transcript = null;
            JsonNode intent = null;
            JsonNode response = null;
            JsonNode error = null;
            for (int i = w + 1; i < events.size() && !events.get(i).get("event").asText().equals("wake"); i++) {
                JsonNode e = events.get(i);
                switch (e.get("event").asText()) {
                    case "transcript" -> transcript = transcript == null ? e : transcript;
                    case "intent" -> intent = intent == null ? e : intent;
                    case "response" -> response = response == null ? e : response;
                    case "error" -> error = error == null ? e : error;
                    default -> {
                    }
                }
            }
            outcomes.add(new Outcome(turn, verdict(turn, transcript, intent, error, labels.forFile(turn.command())),
                    events.get(w), transcript, intent, response));
        }
        List<JsonNode> falseWakes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!used[i] && events.get(i).get("event").asText().equals("wake")) {
                falseWakes.add(events.get(i));
            }
        }
        return new Result(events, outcomes, falseWakes);
    }

    /**
     * The command's audio may begin up to the endpointer's lead (320 ms) and a frame before its speech;
     * earlier than {@link #TAIL_MARGIN_S} before it, the capture began on other speech.
     */
    static final double TAIL_MARGIN_S = 0.45;

    private static Verdict verdict(RealConversation.Turn turn, JsonNode transcript, JsonNode intent, JsonNode error,
                                   CommandLabels.Expected label) {
        if (transcript == null) {
            return error != null && error.path("reason").asText().startsWith("no speech") ? Verdict.NO_SPEECH : Verdict.ERROR;
        }
        // a build without the transcript's "from" (before issue 12) is judged by where the command ended only
        double from = transcript.path("from").asDouble(turn.commandStart());
        if (transcript.get("t").asDouble() < turn.commandEnd()) {
            return from < turn.commandStart() - TAIL_MARGIN_S && turn.pause() > 0 ? Verdict.FROM_TAIL : Verdict.CUT_SHORT;
        }
        if (turn.pause() > 0 && from < turn.commandStart() - TAIL_MARGIN_S) {
            return Verdict.FROM_TAIL;
        }
        return BaristaSkill.understood(intent, label) ? Verdict.UNDERSTOOD : Verdict.NOT_UNDERSTOOD;
    }
}
