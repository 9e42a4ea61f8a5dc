package dev.hark.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.nlu.EntityResolver;
import dev.hark.nlu.SlotValue;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.Intent;
import dev.hark.nlu.ParseResult;
import dev.hark.nlu.parser.IntentParser;
import dev.hark.runtime.feedback.Feedback;
import dev.hark.runtime.feedback.ProcessSpeechSynthesizer;
import dev.hark.runtime.feedback.SoundCardOutput;
import dev.hark.runtime.feedback.WavFolderOutput;
import dev.hark.runtime.skills.DispatchResult;
import dev.hark.runtime.skills.IntentRequests;
import dev.hark.runtime.skills.Dispatcher;
import dev.hark.runtime.skills.LoadedSkill;
import dev.hark.runtime.skills.SkillCatalog;
import dev.hark.runtime.skills.SkillHost;
import dev.hark.runtime.skills.SkillLoadException;
import dev.hark.runtime.skills.SlotEntities;
import dev.hark.runtime.skills.SlotValues;
import dev.hark.skill.Announcer;
import dev.hark.skill.IntentRequest;
import dev.hark.skill.Response;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hark skills list} shows the installed skills (built-in and plugin jars) with their intents and
 * example sentences, and fails with one line when they conflict. {@code hark skills call} hands one
 * intent, with slot values given as words, to its skill exactly as the assistant would, and prints the
 * answer: the way to try a skill without a microphone. {@code hark skills say} does the same from a
 * typed sentence, understood by the intent parser trained on the installed skills.
 */
@Command(name = "skills", mixinStandardHelpOptions = true,
        description = "List the installed skills or call one with an intent.",
        subcommands = {SkillsCommand.List.class, SkillsCommand.Call.class, SkillsCommand.Say.class})
public final class SkillsCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (list, call or say)");
    }

    /** Options shared by both subcommands. */
    static final class Folder {
        @Option(names = "--folder", paramLabel = "DIR", defaultValue = "${sys:user.home}/.local/share/hark/skills",
                description = "Folder of skill jars (default: ${DEFAULT-VALUE}).")
        Path folder;

        SkillCatalog load() {
            try {
                return SkillCatalog.load(folder);
            } catch (SkillLoadException e) {
                throw new UserInputException(e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List installed skills, their intents and examples.")
    static final class List implements Runnable {
        @CommandLine.Mixin
        Folder folder = new Folder();

        @Option(names = "--json", description = "One JSON object per skill.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (SkillCatalog catalog = folder.load()) {
                for (LoadedSkill s : catalog.skills()) {
                    if (json) {
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("skill", s.name());
                        o.put("description", s.skill().description());
                        o.put("origin", s.origin());
                        o.put("intents", java.util.List.copyOf(s.dataset().intents().keySet()));
                        o.put("examples", s.info().examples());
                        out.println(write(o));
                    } else {
                        out.println(s.name() + " - " + s.skill().description() + " (" + s.origin() + ")");
                        out.println("  intents: " + String.join(", ", s.dataset().intents().keySet()));
                        for (String e : s.info().examples()) {
                            out.println("  \"" + e + "\"");
                        }
                    }
                }
            }
            out.flush();
        }
    }

    @Command(name = "call", mixinStandardHelpOptions = true,
            description = "Hand one intent to its skill as the assistant would, and print the answer.")
    static final class Call implements Runnable {
        @CommandLine.Mixin
        Folder folder = new Folder();

        @Parameters(index = "0", paramLabel = "INTENT", description = "The intent name, e.g. rollDice.")
        String intent;

        @Option(names = "--slot", paramLabel = "NAME=WORDS",
                description = "A slot as spoken, resolved by its entity, e.g. --slot duration=\"two minutes\". Repeatable.")
        Map<String, String> slots = new LinkedHashMap<>();

        @CommandLine.Mixin
        Running running = new Running();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Clock clock = Clock.systemDefaultZone();
            PrintWriter out = spec.commandLine().getOut();
            try (SkillCatalog catalog = folder.load();
                 SkillHost host = running.start(catalog, clock, spec);
                 Dispatcher dispatcher = running.dispatcher(host)) {
                Dataset assistant = host.assistant();
                Intent declared = assistant.intents().get(intent);
                if (declared == null) {
                    throw new UserInputException("no running skill declares intent '" + intent + "' (intents: "
                            + String.join(", ", assistant.intents().keySet()) + ")", HarkCli.EXIT_USAGE);
                }
                IntentRequest request = request(declared, assistant, clock);
                running.print(out, new LinkedHashMap<>(Map.of("intent", intent)), dispatcher.dispatch(request));
            }
        }

        private IntentRequest request(Intent declared, Dataset assistant, Clock clock) {
            Map<String, String> entities = SlotEntities.of(declared);
            EntityResolver resolver = new EntityResolver(assistant, clock);
            IntentRequest.Builder b = IntentRequest.builder(intent).speaker(running.speaker);
            StringBuilder transcript = new StringBuilder(intent);
            for (Map.Entry<String, String> s : slots.entrySet()) {
                String entity = entities.get(s.getKey());
                if (entity == null) {
                    throw new UserInputException("--slot " + s.getKey() + ": intent '" + intent + "' has no such slot (slots: "
                            + (entities.isEmpty() ? "none" : String.join(", ", entities.keySet())) + ")", HarkCli.EXIT_USAGE);
                }
                SlotValue v = resolver.resolve(entity, s.getValue());
                if (v == null) {
                    throw new UserInputException("--slot " + s.getKey() + "=" + s.getValue() + ": not a value of "
                            + entity, HarkCli.EXIT_USAGE);
                }
                b.slot(s.getKey(), entity, s.getValue(), SlotValues.toJava(v, clock.getZone()));
                transcript.append(' ').append(s.getValue());
            }
            return b.transcript(transcript.toString()).build();
        }
    }

    /** Options and plumbing shared by call and say: settings, state folder, speaker, time limit, output. */
    static final class Running {
        @Option(names = "--set", paramLabel = "SKILL.KEY=VALUE",
                description = "A skill setting, e.g. --set gpio.output.fan=17. Repeatable.")
        Map<String, String> settings = new LinkedHashMap<>();

        @Option(names = "--speaker", paramLabel = "NAME", description = "Who speaks (default: unknown).")
        String speaker;

        @Option(names = "--state", paramLabel = "DIR", defaultValue = "${sys:user.home}/.local/state/hark/skills",
                description = "Folder of the skills' stores (default: ${DEFAULT-VALUE}).")
        Path state;

        @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "5000",
                description = "The skill's time limit (default: ${DEFAULT-VALUE}).")
        long timeoutMs;

        @Option(names = "--json", description = "Print the result as one JSON object.")
        boolean json;

        @Option(names = "--speak", description = "Also speak the answer on the sound card (espeak-ng or flite).")
        boolean speak;

        @Option(names = "--wav-out", paramLabel = "DIR",
                description = "Also write the spoken answer and sounds as numbered WAV files into DIR.")
        Path wavOut;

        private Feedback feedback;

        SkillHost start(SkillCatalog catalog, Clock clock, CommandLine.Model.CommandSpec spec) {
            if (timeoutMs <= 0) {
                throw new UserInputException("--timeout-ms must be positive, got " + timeoutMs, HarkCli.EXIT_USAGE);
            }
            Announcer announcer = (sound, text) -> spec.commandLine().getErr().println("announce (" + sound + "): " + text);
            if (speak || wavOut != null) {
                try {
                    feedback = Feedback.builder()
                            .output(wavOut != null ? new WavFolderOutput(wavOut) : new SoundCardOutput())
                            .speech(ProcessSpeechSynthesizer.find().orElse(null))
                            .build();
                } catch (java.io.IOException e) {
                    throw new UserInputException("--wav-out " + wavOut + ": " + e.getMessage(), HarkCli.EXIT_USAGE);
                }
                announcer = feedback;
            }
            return SkillHost.start(catalog, new SkillHost.Options(state, clock, settingsBySkill(), announcer));
        }

        /** Plays the response when asked to, and waits until it has been heard. */
        void voice(Response response) {
            if (feedback == null) {
                return;
            }
            feedback.respond(response);
            try {
                feedback.awaitIdle(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                feedback.close();
            }
        }

        Dispatcher dispatcher(SkillHost host) {
            return new Dispatcher(host, Duration.ofMillis(timeoutMs));
        }

        private Map<String, Map<String, String>> settingsBySkill() {
            Map<String, Map<String, String>> bySkill = new HashMap<>();
            for (Map.Entry<String, String> e : settings.entrySet()) {
                int dot = e.getKey().indexOf('.');
                if (dot <= 0 || dot == e.getKey().length() - 1) {
                    throw new UserInputException("--set " + e.getKey() + ": expected SKILL.KEY=VALUE", HarkCli.EXIT_USAGE);
                }
                bySkill.computeIfAbsent(e.getKey().substring(0, dot), k -> new HashMap<>())
                        .put(e.getKey().substring(dot + 1), e.getValue());
            }
            return bySkill;
        }

        /** Prints the answer (or one JSON object: {@code head} fields, then the dispatch); exit 1 if the skill failed. */
        void print(PrintWriter out, Map<String, Object> head, DispatchResult r) {
            voice(r.response());
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>(head);
                o.put("skill", r.skill().orElse(null));
                o.put("outcome", r.outcome().name().toLowerCase());
                o.put("text", r.response().text().orElse(null));
                o.put("continueSession", r.response().continueSession());
                o.put("followUpIntents", java.util.List.copyOf(r.response().followUpIntents()));
                o.put("error", r.error().orElse(null));
                o.put("elapsed_ms", r.elapsedMs());
                out.println(write(o));
            } else {
                out.println(r.response().text().orElse("(silent)"));
            }
            out.flush();
            if (r.outcome() != DispatchResult.Outcome.HANDLED) {
                throw new UserInputException(r.error().orElse("the skill did not answer"));
            }
        }
    }

    @Command(name = "say", mixinStandardHelpOptions = true,
            description = "Understand a typed sentence with the installed skills' intents and hand it to the skill.")
    static final class Say implements Runnable {
        @CommandLine.Mixin
        Folder folder = new Folder();

        @CommandLine.Mixin
        Running running = new Running();

        @Parameters(arity = "1..*", paramLabel = "WORDS", description = "What you would say, e.g. set a timer for two minutes.")
        java.util.List<String> words;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Clock clock = Clock.systemDefaultZone();
            PrintWriter out = spec.commandLine().getOut();
            String text = String.join(" ", words);
            try (SkillCatalog catalog = folder.load();
                 SkillHost host = running.start(catalog, clock, spec);
                 Dispatcher dispatcher = running.dispatcher(host)) {
                IntentParser parser = IntentParser.builder().dataset(host.assistant()).clock(clock).build();
                ParseResult parse = parser.parse(text);
                if (parse.intentName() == null) {
                    running.voice(Response.say(NOT_UNDERSTOOD));
                    if (running.json) {
                        Map<String, Object> o = new LinkedHashMap<>(parse.toJson());
                        o.put("outcome", "not_understood");
                        out.println(write(o));
                    } else {
                        out.println(NOT_UNDERSTOOD);
                    }
                    out.flush();
                    return;
                }
                IntentRequest request = IntentRequests.from(parse, parse.probability(), running.speaker, clock.getZone());
                running.print(out, parse.toJson(), dispatcher.dispatch(request));
            }
        }
    }

    /** What Hark answers when no intent matches. */
    static final String NOT_UNDERSTOOD = "Sorry, I didn't understand that.";

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
