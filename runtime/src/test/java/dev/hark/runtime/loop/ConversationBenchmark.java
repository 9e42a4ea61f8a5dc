package dev.hark.runtime.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.asr.GrammarRecognizer;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.runtime.eval.CommandLabels;
import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import dev.hark.audio.WavWriter;
import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.runtime.skills.SkillCatalog;
import dev.hark.runtime.skills.SkillHost;
import dev.hark.runtime.stages.SpeechUnderstanding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The loop with real people, measured: every commands-dev recording (or the first {@code --count}) said
 * after a synthetic wake phrase with a tail of real speech, at each pause length, in real room noise,
 * through {@code hark run --json}, with real speech not meant for Hark between the commands. Prints a
 * Markdown table per pause: wakes, commands understood end to end (intent and every slot as labelled),
 * commands taken from the wake word's tail, cut short, no speech, and, as the reference, the same
 * command audio (cut from the same conversation with its true bounds) through the recogniser alone.
 * With {@code --hark-jar JAR} the conversations go through another build of Hark instead (the main
 * branch's, for a before-and-after), in a process of its own. Not a test: run it with
 * {@code scripts/measure-conversations.sh}.
 */
public final class ConversationBenchmark {
    private ConversationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        Path commands = Path.of(opt.getOrDefault("commands", BaristaSkill.COMMANDS_DEV.toString()));
        Path speechDir = Path.of(require(opt, "speech"));
        List<Path> noiseFiles = Arrays.stream(require(opt, "noise").split(",")).map(Path::of).toList();
        int count = Integer.parseInt(opt.getOrDefault("count", "206"));
        double[] pauses = Arrays.stream(opt.getOrDefault("pauses", "0,0.3,0.7,1.2,2").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        double snr = Double.parseDouble(opt.getOrDefault("snr", "20"));
        String wake = opt.getOrDefault("wake", "alexa");
        int perConversation = Integer.parseInt(opt.getOrDefault("per-conversation", "10"));
        Path work = Files.createTempDirectory("hark-conversations");
        Path harkJar = opt.containsKey("hark-jar") ? Path.of(opt.get("hark-jar")) : null;
        Path keep = opt.containsKey("keep") ? Files.createDirectories(Path.of(opt.get("keep"))) : null;

        CommandLabels labels = CommandLabels.load(commands.resolve("labels.json"));
        List<String> all = BaristaSkill.recordings(commands);
        List<String> names = all.subList(0, Math.min(count, all.size()));
        List<Path> speech;
        try (Stream<Path> s = Files.walk(speechDir)) {
            speech = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        List<short[]> noises = new ArrayList<>();
        for (Path n : noiseFiles) {
            noises.add(WavReader.readPcm16k(n));
        }
        Path skills = work.resolve("skills");
        BaristaSkill.install(skills, commands, List.of());
        Path config = work.resolve("hark.json");
        new ObjectMapper().writeValue(config.toFile(), BaristaSkill.config(work, skills, wake, false));
        WakePhrases phrases = new WakePhrases();
        List<WakePhrases.Voice> voices = WakePhrases.voices(wake);

        // the reference recognises with the same grammar as the loop: the built-in skills' intents and barista's
        Dataset assistant;
        try (SkillCatalog catalog = SkillCatalog.load(skills);
             SkillHost host = SkillHost.start(catalog, new SkillHost.Options(work.resolve("state"), Clock.systemUTC(),
                     Map.of(), (sound, text) -> { }))) {
            assistant = host.assistant();
        }
        SpeechUnderstanding reference = SpeechUnderstanding.build(assistant, GrammarRecognizer.Builder.DEFAULT_MODEL, GrammarRecognizer.Builder.DEFAULT_DICTIONARY, null,
                Path.of(System.getProperty("hark.root", ".")).resolve("models/cache"), FrontendConfig.CmnMode.LIVE,
                Clock.systemUTC());

        System.out.printf(Locale.ROOT, "Conversations: %d commands-dev recordings x %d pauses, wake word %s "
                        + "(voices: %s), room noise %s at %.0f dB below the speech, %d commands per conversation.%n%n",
                names.size(), pauses.length, wake, voices, noiseFiles.stream().map(p -> p.getFileName().toString()).toList(),
                snr, perConversation);
        System.out.println("| pause before the command | commands | woke | understood end to end | reference: "
                + "recogniser alone on the same audio | understood where the reference was | from the wake word's tail "
                + "| cut short | no speech | other | false wakes |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        ArrayNode failures = new ObjectMapper().createArrayNode();
        for (double pause : pauses) {
            EnumMap<ConversationRun.Verdict, Integer> tally = new EnumMap<>(ConversationRun.Verdict.class);
            int referenceOk = 0;
            int bothOk = 0;
            int falseWakes = 0;
            for (int from = 0; from < names.size(); from += perConversation) {
                List<String> chunk = names.subList(from, Math.min(names.size(), from + perConversation));
                long seed = Math.round(pause * 1000) * 100_003L + from;
                Random random = new Random(seed);
                RealConversation c = new RealConversation(noises.get((int) Math.floorMod(seed, (long) noises.size())), snr, seed);
                c.room(2.5);
                for (int j = 0; j < chunk.size(); j++) {
                    c.wakePhrase(phrases.say(wake, voices.get((from + j) % voices.size())));
                    if (pause > 0) {
                        c.tail(WavReader.readPcm16k(speech.get(random.nextInt(speech.size()))), 0.1 + 0.2 * random.nextDouble());
                    }
                    c.pause(pause).command(chunk.get(j), WavReader.readPcm16k(commands.resolve("clean").resolve(chunk.get(j))));
                    c.room(1.5);
                    if (j % 3 == 2) {
                        short[] talk = WavReader.readPcm16k(speech.get(random.nextInt(speech.size())));
                        c.speech(Arrays.copyOf(talk, Math.min(talk.length, 4 * PcmFormat.SAMPLE_RATE))).room(1.0);
                    }
                    c.room(0.8);
                }
                short[] pcm = c.pcm();
                Path wav = (keep != null ? keep : work).resolve(String.format(Locale.ROOT, "pause%.1f-%03d.wav", pause, from));
                WavWriter.write(wav, pcm, PcmFormat.SAMPLE_RATE);
                List<JsonNode> events = harkJar == null ? ConversationRun.run(config, wav)
                        : ConversationRun.run(harkJar, Path.of(System.getProperty("hark.root", ".")), config, wav);
                ConversationRun.Result r = ConversationRun.match(c.turns(), events, labels);
                falseWakes += r.falseWakes().size();
                for (ConversationRun.Outcome o : r.outcomes()) {
                    tally.merge(o.verdict(), 1, Integer::sum);
                    boolean ref = referenceUnderstands(reference, pcm, o.turn(), labels.forFile(o.turn().command()));
                    referenceOk += ref ? 1 : 0;
                    bothOk += ref && o.verdict() == ConversationRun.Verdict.UNDERSTOOD ? 1 : 0;
                    if (o.verdict() != ConversationRun.Verdict.UNDERSTOOD) {
                        failures.add(ConversationRun.describe(o, wav.toString()).put("reference", ref));
                    }
                }
                if (keep == null) {
                    Files.delete(wav);
                }
            }
            int n = names.size();
            int woke = n - tally.getOrDefault(ConversationRun.Verdict.NO_WAKE, 0);
            int ok = tally.getOrDefault(ConversationRun.Verdict.UNDERSTOOD, 0);
            System.out.printf(Locale.ROOT, "| %.1f s | %d | %d | %d (%.1f %%) | %d (%.1f %%) | %d of %d (%.1f %%) | %d | %d | %d | %d | %d |%n",
                    pause, n, woke, ok, 100.0 * ok / n, referenceOk, 100.0 * referenceOk / n, bothOk, referenceOk,
                    100.0 * bothOk / Math.max(1, referenceOk), tally.getOrDefault(ConversationRun.Verdict.FROM_TAIL, 0),
                    tally.getOrDefault(ConversationRun.Verdict.CUT_SHORT, 0), tally.getOrDefault(ConversationRun.Verdict.NO_SPEECH, 0),
                    tally.getOrDefault(ConversationRun.Verdict.ERROR, 0), falseWakes);
        }
        reference.close();
        if (opt.containsKey("failures")) {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(Path.of(opt.get("failures")).toFile(), failures);
        }
    }

    /**
     * The recogniser alone on the command's audio as it lies in the conversation, from 0.3 s before its
     * speech (but not before the end of the wake phrase and its tail) to 0.3 s after.
     */
    private static boolean referenceUnderstands(SpeechUnderstanding rec, short[] pcm, RealConversation.Turn turn,
                                                CommandLabels.Expected label) {
        int from = (int) Math.round(Math.max(turn.speechBefore(), turn.commandStart() - 0.3) * PcmFormat.SAMPLE_RATE);
        int to = Math.min(pcm.length, (int) Math.round((turn.commandEnd() + 0.3) * PcmFormat.SAMPLE_RATE));
        rec.begin(Set.of());
        rec.accept(pcm, from, to - from);
        ParseResult p = rec.finish().parse();
        ObjectNode intent = new ObjectMapper().createObjectNode().put("intentName", p.intentName());
        ArrayNode slots = intent.putArray("slots");
        for (Slot s : p.slots()) {
            slots.add(new ObjectMapper().valueToTree(s.toJson()));
        }
        return BaristaSkill.understood(intent, label);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --speech DIR --noise WAV[,WAV...] [--commands DIR] [--count N] "
                        + "[--pauses 0,0.3,...] [--snr DB] [--wake MODEL] [--per-conversation N] [--keep DIR] [--failures FILE] [--hark-jar JAR]");
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        return opt;
    }

    private static String require(Map<String, String> opt, String key) {
        String v = opt.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }
}
