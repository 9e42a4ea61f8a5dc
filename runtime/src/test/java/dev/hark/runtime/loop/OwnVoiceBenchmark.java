package dev.hark.runtime.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import dev.hark.audio.WavWriter;
import dev.hark.runtime.eval.CommandLabels;
import dev.hark.runtime.feedback.ProcessSpeechSynthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Hark hearing itself, measured through {@code hark run --json}: Hark's answers, spoken by flite (its
 * {@code tts} setting) and played into a real room (a measured impulse response, room noise), are mixed
 * into the microphone's input from the moment Hark answers (learnt from a first run without them).
 *
 * <ul>
 *   <li>Self-triggering: 50 different answers that each say the wake word, after 50 commands-dev orders;
 *       counts the wake events during the answers (goal: none), beside the wake-word model's own
 *       detections on the same input (what would have woken Hark without the check).</li>
 *   <li>Barge-in: 25 answers without the wake word, each interrupted about a second in by the next
 *       person's wake word and order (the answer stops soon after, as Hark stops talking); counts the
 *       interruptions that woke Hark and the orders understood, beside the wake-word model's own
 *       detections.</li>
 * </ul>
 *
 * Not a test: run it with {@code scripts/measure-own-voice.sh}.
 */
public final class OwnVoiceBenchmark {
    private static final String[] OPENINGS = {"Coming right up.", "Sure.", "Got it.", "Your order is in.", "One moment.",
        "Okay.", "Thanks.", "Here you go.", "Done.", "All right."};
    private static final String[] WAKE_SENTENCES = {"Next time, just say: %s.", "%s is listening.", "%s. That is my name.",
        "To order again, say %s.", "My name is %s, by the way."};
    private static final String PLAIN = "Coming right up: your order will be ready at the counter in about two minutes.";
    /** Hark's voice starts this long after its response event (flite's synthesis, the output's latency). */
    private static final double SPEAKS_AFTER_S = 0.1;
    /** Room after an order: Hark decides within about a second, then speaks. */
    private static final double ANSWER_ROOM_S = 1.0 + SPEAKS_AFTER_S + 1.5;
    /** The next person speaks this long after the previous order's end of speech (Hark answers within it). */
    private static final double BARGE_IN_AFTER_S = 1.6;
    private static final int PER_CONVERSATION = 10;

    private OwnVoiceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path commands = Path.of(opt.getOrDefault("commands", BaristaSkill.COMMANDS_DEV.toString()));
        List<Path> speech = wavs(Path.of(opt.get("speech")));
        List<Path> noise = wavs(Path.of(opt.get("noise")));
        List<Path> rooms = List.of(Path.of(opt.get("rir")).resolve("small_room.wav"),
                Path.of(opt.get("rir")).resolve("medium_room.wav"), Path.of(opt.get("rir")).resolve("large_room.wav"));
        String wake = opt.getOrDefault("wake", "alexa");
        double snr = Double.parseDouble(opt.getOrDefault("snr", "20"));
        double echoDb = Double.parseDouble(opt.getOrDefault("echo-db", "-6"));
        double bargeDb = Double.parseDouble(opt.getOrDefault("barge-echo-db", "-15"));
        Path work = Files.createTempDirectory("hark-own-voice");
        CommandLabels labels = CommandLabels.load(commands.resolve("labels.json"));
        List<String> orders = BaristaSkill.recordings(commands);
        ProcessSpeechSynthesizer hark = new ProcessSpeechSynthesizer(ProcessSpeechSynthesizer.Engine.FLITE, "flite", "slt");
        WakePhrases phrases = new WakePhrases();
        List<WakePhrases.Voice> voiceOf = WakePhrases.voices(wake);

        List<String> answers = new ArrayList<>();
        for (String w : WAKE_SENTENCES) {
            for (String o : OPENINGS) {
                answers.add(o + " " + w.formatted(WakePhrases.text(wake)));
            }
        }
        System.out.printf(Locale.ROOT, "Hark's voice: flite slt through %s, %.0f dB below the person (barge-in: %.0f dB); "
                        + "room noise %.0f dB below the person; wake word %s.%n%n", rooms.stream().map(p -> p.getFileName().toString()).toList(),
                -echoDb, -bargeDb, snr, wake);

        String part = opt.getOrDefault("part", "both");
        ArrayNode failures = new ObjectMapper().createArrayNode();
        // self-triggering: each order answered with one of the 50 answers, heard in full
        int selfWakes = 0;
        int modelWakes = 0;
        int understood = 0;
        for (int from = 0; from < (part.equals("barge-in") ? 0 : answers.size()); from += PER_CONVERSATION) {
            List<String> said = answers.subList(from, from + PER_CONVERSATION);
            List<short[]> voices = new ArrayList<>();
            for (int j = 0; j < said.size(); j++) {
                voices.add(inRoom(hark.synthesize(said.get(j)).samples(), WavReader.readPcm16k(rooms.get(j % rooms.size()))));
            }
            int first = from;
            Conversation build = answerAt -> {
                Random random = new Random(first);
                RealConversation c = new RealConversation(WavReader.readPcm16k(noise.get(first / PER_CONVERSATION % noise.size())),
                        snr, first);
                c.room(2.5);
                for (int j = 0; j < said.size(); j++) {
                    String order = orders.get((first + j) * 4 % orders.size());
                    c.wakePhrase(phrases.say(wake, voiceOf.get(j % voiceOf.size())))
                            .tail(WavReader.readPcm16k(speech.get(random.nextInt(speech.size()))), 0.2).pause(0.7)
                            .command(order, WavReader.readPcm16k(commands.resolve("clean").resolve(order)))
                            .room(ANSWER_ROOM_S + PcmFormat.seconds(voices.get(j).length));
                }
                for (int j = 0; answerAt != null && j < said.size(); j++) {
                    c.overlay(voices.get(j), answerAt.get(j), RealConversation.SPEECH_DBFS + echoDb);
                }
                return c;
            };
            RunResult r = runWithAnswers(work, "self-" + from, build, said, wake, commands, labels);
            selfWakes += r.falseWakes.size();
            note(failures, r);
            understood += r.understood;
            for (double t : ConversationRun.wakeDetections(wake, r.wav)) {
                boolean inAnswer = false;
                for (int j = 0; j < said.size(); j++) {
                    double at = r.answerAt.get(j);
                    inAnswer |= t > at && t < at + PcmFormat.seconds(voices.get(j).length) + 0.5;
                }
                modelWakes += inAnswer ? 1 : 0;
            }
        }
        if (!part.equals("barge-in")) {
            System.out.println("| answers saying the wake word | wake-word model alone fires in them | Hark woke itself | orders before them understood |");
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %d |%n%n", answers.size(), modelWakes, selfWakes, understood);
        }

        // barge-in: the next person speaks about a second into each answer; Hark stops talking once it
        // has heard them
        int bargeTurns = 25;
        int woke = 0;
        int modelHeard = 0;
        int bargeUnderstood = 0;
        short[] plain = hark.synthesize(PLAIN).samples();
        for (int from = 0; from < (part.equals("self") ? 0 : bargeTurns); from += 5) {
            int first = from;
            short[] room = WavReader.readPcm16k(rooms.get(from / 5 % rooms.size()));
            Conversation build = answerAt -> {
                Random random = new Random(1000 + first);
                RealConversation c = new RealConversation(WavReader.readPcm16k(noise.get(first / 5 % noise.size())), snr, 1000 + first);
                c.room(2.5);
                for (int j = 0; j <= 5; j++) {
                    if (j > 0) {
                        // about a second after Hark decides, whenever that is: its answer is sure to sound by then
                        c.room(RealConversation.COMMAND_LEAD_S + BARGE_IN_AFTER_S);
                    }
                    String order = orders.get((first + j) * 7 % orders.size());
                    c.wakePhrase(phrases.say(wake, voiceOf.get((first + j) % voiceOf.size())));
                    if (j > 0 && answerAt != null) {
                        double start = answerAt.get(j - 1);
                        short[] cut = Arrays.copyOf(plain, (int) Math.max(0, (c.seconds() + 0.15 - start) * PcmFormat.SAMPLE_RATE));
                        c.overlay(inRoom(cut, room), start, RealConversation.SPEECH_DBFS + bargeDb);
                    }
                    c.tail(WavReader.readPcm16k(speech.get(random.nextInt(speech.size()))), 0.2).pause(0.7)
                            .command(order, WavReader.readPcm16k(commands.resolve("clean").resolve(order)));
                }
                return c.room(4.0);
            };
            RunResult r = runWithAnswers(work, "barge-" + from, build, List.of(PLAIN), wake, commands, labels);
            note(failures, r);
            List<Double> model = ConversationRun.wakeDetections(wake, r.wav);
            for (int k = 1; k < r.outcomes.size(); k++) {
                ConversationRun.Outcome o = r.outcomes.get(k);
                double start = r.answerAt.get(k - 1);
                woke += o.wake() != null && o.wake().get("t").asDouble() > start ? 1 : 0;
                bargeUnderstood += o.verdict() == ConversationRun.Verdict.UNDERSTOOD ? 1 : 0;
                modelHeard += model.stream().anyMatch(t -> t > start && t < o.turn().commandStart()) ? 1 : 0;
            }
        }
        if (!part.equals("self")) {
            System.out.println("| interruptions | wake-word model alone hears them | they woke Hark (answer stopped) | orders understood |");
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %d |%n", bargeTurns, modelHeard, woke, bargeUnderstood);
        }
        if (opt.containsKey("failures")) {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(Path.of(opt.get("failures")).toFile(), failures);
        }
    }

    /** Adds the run's orders not understood and its wake events matched to no order (with Hark's answer times). */
    private static void note(ArrayNode failures, RunResult r) {
        for (ConversationRun.Outcome o : r.outcomes()) {
            if (o.verdict() != ConversationRun.Verdict.UNDERSTOOD) {
                failures.add(ConversationRun.describe(o, r.wav().toString()));
            }
        }
        for (JsonNode w : r.falseWakes()) {
            ObjectNode f = failures.addObject().put("conversation", r.wav().toString()).put("verdict", "WAKE_MATCHED_TO_NO_ORDER");
            f.set("wake", w);
            f.set("answers_at", new ObjectMapper().valueToTree(r.answerAt()));
        }
    }

    /** Builds a conversation, with Hark's answers starting at the given times, or without them (null). */
    @FunctionalInterface
    private interface Conversation {
        RealConversation build(List<Double> answerAt) throws Exception;
    }

    private record RunResult(Path wav, List<Double> answerAt, List<ConversationRun.Outcome> outcomes, List<JsonNode> falseWakes,
                             int understood) {
    }

    /**
     * Runs the conversation twice with the barista skill saying {@code answers} in turn: without Hark's
     * voice, to learn when Hark answers each order, then with each answer mixed in from
     * {@link #SPEAKS_AFTER_S} after that (speech synthesis), as a microphone would have recorded it.
     */
    private static RunResult runWithAnswers(Path work, String name, Conversation build, List<String> answers, String wake,
                                            Path commands, CommandLabels labels) throws Exception {
        RealConversation silent = build.build(null);
        List<Double> answerAt = new ArrayList<>();
        for (ConversationRun.Outcome o : run(work, name + "-silent", silent, answers, wake, commands, labels).outcomes()) {
            answerAt.add(o.response() == null ? o.turn().commandEnd() + 0.85 : o.response().get("t").asDouble() + SPEAKS_AFTER_S);
        }
        RealConversation c = build.build(answerAt);
        ConversationRun.Result r = run(work, name, c, answers, wake, commands, labels);
        int ok = 0;
        for (ConversationRun.Outcome o : r.outcomes()) {
            ok += o.verdict() == ConversationRun.Verdict.UNDERSTOOD ? 1 : 0;
        }
        return new RunResult(work.resolve(name).resolve(name + ".wav"), answerAt, r.outcomes(), r.falseWakes(), ok);
    }

    private static ConversationRun.Result run(Path work, String name, RealConversation c, List<String> answers, String wake,
                                              Path commands, CommandLabels labels) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        Path skills = dir.resolve("skills");
        BaristaSkill.install(skills, commands, answers);
        Path config = dir.resolve("hark.json");
        new ObjectMapper().writeValue(config.toFile(), BaristaSkill.config(dir, skills, wake, true));
        Path wav = dir.resolve(name + ".wav");
        WavWriter.write(wav, c.pcm(), PcmFormat.SAMPLE_RATE);
        return ConversationRun.match(c.turns(), ConversationRun.run(config, wav), labels);
    }

    /** {@code voice} as a microphone across the room hears it: convolved with the first 0.5 s of {@code rir}. */
    static short[] inRoom(short[] voice, short[] rir) {
        int taps = Math.min(rir.length, PcmFormat.SAMPLE_RATE / 2);
        int peak = 0;
        for (int i = 0; i < taps; i++) {
            peak = Math.abs(rir[i]) > Math.abs(rir[peak]) ? i : peak;
        }
        double[] out = new double[voice.length];
        for (int k = peak; k < taps; k++) {
            double h = rir[k] / 32768.0;
            for (int i = 0; i + k - peak < voice.length; i++) {
                out[i + k - peak] += h * voice[i];
            }
        }
        double max = 1;
        for (double v : out) {
            max = Math.max(max, Math.abs(v));
        }
        short[] pcm = new short[out.length];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(out[i] * 30000 / max);
        }
        return pcm;
    }

    private static List<Path> wavs(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
    }
}
