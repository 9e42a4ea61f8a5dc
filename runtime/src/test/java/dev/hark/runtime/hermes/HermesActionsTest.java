package dev.hark.runtime.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.runtime.cli.HarkCli;
import dev.hark.runtime.loop.Conversation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two actions of docs/HERMES.md, written as for Snips or Rhasspy (shell with mosquitto_sub,
 * mosquitto_pub and jq; Python with paho-mqtt), run unchanged against {@code hark run} on a real
 * mosquitto. The commands are real people's recordings (../shared/data/commands-dev, its Snips
 * dataset as the actions' intents); only the wake word is flite's.
 */
class HermesActionsTest {
    private static final Path ROOT = Path.of(System.getProperty("hark.root", "."));
    private static final Path COMMANDS = ROOT.resolve("../shared/data/commands-dev").normalize();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    private Mosquitto broker;
    private Process action;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(dir.resolve("broker"));
    }

    @AfterEach
    void stop() throws Exception {
        if (action != null) {
            action.descendants().forEach(ProcessHandle::destroy);
            action.destroy();
            action.waitFor(5, TimeUnit.SECONDS);
        }
        broker.close();
    }

    private Path config() throws Exception {
        ObjectNode c = mapper.createObjectNode();
        c.putObject("wake").putArray("models").addObject().put("name", "hey_jarvis"); // flite says it well
        c.putObject("skills").put("folder", dir.resolve("no-plugins").toString()).put("stateFolder", dir.resolve("state").toString());
        c.putObject("feedback").put("output", "none").put("tts", "none");
        c.putObject("speaker").put("enabled", false);
        c.putObject("mqtt").put("enabled", true).put("host", "127.0.0.1").put("port", broker.port())
                .put("intents", COMMANDS.resolve("barista.json").toString());
        Path f = dir.resolve("hark.json");
        Files.writeString(f, mapper.writeValueAsString(c));
        return f;
    }

    private static Path recording(String id) {
        return COMMANDS.resolve("clean").resolve(id + ".wav");
    }

    /** Starts an action and waits until it answers: a probe intent (for no site Hark serves) until a reply comes. */
    private void startAction(Bus bus, String... command) throws Exception {
        action = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("action.log").toFile()).start();
        String probe = "{\"sessionId\": \"probe\", \"siteId\": \"nowhere\", \"input\": \"\", \"customData\": null,"
                + " \"intent\": {\"intentName\": \"orderDrink\", \"confidenceScore\": 1.0}, \"slots\": []}";
        long end = System.nanoTime() + WAIT.toNanos();
        while (bus.received().stream().noneMatch(r -> r.topic().startsWith("hermes/dialogueManager/")
                && r.json() != null && "probe".equals(r.json().path("sessionId").asText()))) {
            assertTrue(action.isAlive(), "the action stopped: " + Files.readString(dir.resolve("action.log")));
            assertTrue(System.nanoTime() < end, "the action never answered");
            bus.publish("hermes/intent/orderDrink", probe);
            Thread.sleep(200);
        }
    }

    private List<JsonNode> run(Path wav) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = HarkCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("run", "--config", config().toString(), "--input", wav.toString(), "--json");
        assertEquals(0, exit, err.toString());
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            events.add(mapper.readTree(line));
        }
        return events;
    }

    private static List<JsonNode> of(List<JsonNode> events, String kind) {
        return events.stream().filter(e -> e.get("event").asText().equals(kind)).toList();
    }

    @Test
    void theShellActionAnswersARealCommand() throws Exception {
        try (Bus bus = new Bus(broker.port(), "observer", false, "hermes/#")) {
            startAction(bus, "sh", ROOT.resolve("docs/actions/order-drink.sh").toString(), "127.0.0.1", String.valueOf(broker.port()));
            Conversation c = new Conversation(dir.resolve("audio"), "slt").silence(1.0).say("hey jarvis").silence(0.4)
                    .play(recording("5702b61e-51ef-4d0c-b596-942fce612892"), 0.8, 4.2).silence(2.0);
            List<JsonNode> ev = run(c.write("americano.wav"));

            assertEquals("i'd like a dark roast large americano", of(ev, "transcript").get(0).get("text").asText());
            JsonNode response = of(ev, "response").get(0);
            assertEquals("hermes", response.get("skill").asText());
            assertEquals("One dark roast large americano, coming up.", response.get("text").asText());

            // the session as the bus saw it, in the shapes Snips and Rhasspy actions read
            JsonNode started = bus.next(HermesMessages.SESSION_STARTED, WAIT).json();
            String session = started.get("sessionId").asText();
            JsonNode intent = bus.next("hermes/intent/orderDrink", WAIT).json();
            assertEquals(session, intent.get("sessionId").asText());
            assertEquals("default", intent.get("siteId").asText());
            assertEquals("i'd like a dark roast large americano", intent.get("input").asText());
            assertEquals("orderDrink", intent.at("/intent/intentName").asText());
            assertTrue(intent.at("/intent/confidenceScore").asDouble() > 0.5, intent.toString());
            assertEquals(List.of("roast", "size", "coffeeDrink"), names(intent.get("slots")));
            JsonNode size = intent.get("slots").get(1);
            assertEquals("large", size.get("rawValue").asText());
            assertEquals("Custom", size.at("/value/kind").asText());
            assertEquals("large", size.at("/value/value").asText());
            assertEquals("large", intent.get("input").asText().substring(size.at("/range/start").asInt(), size.at("/range/end").asInt()));
            assertEquals("size", size.get("entity").asText());
            JsonNode ended = bus.next(HermesMessages.SESSION_ENDED, WAIT).json();
            assertEquals(session, ended.get("sessionId").asText());
            assertEquals("nominal", ended.at("/termination/reason").asText());
        }
    }

    @Test
    void thePythonActionAsksAFollowUpAnsweredWithoutTheWakeWord() throws Exception {
        try (Bus bus = new Bus(broker.port(), "observer", false, "hermes/#")) {
            startAction(bus, "/usr/bin/python3", ROOT.resolve("docs/actions/order_drinks.py").toString(), "127.0.0.1",
                    String.valueOf(broker.port()));
            Conversation c = new Conversation(dir.resolve("audio"), "slt").silence(1.0).say("hey jarvis").silence(0.4)
                    .play(recording("b109009d-422c-4ad0-b39e-76aafbfe46bd"), 0.9, 2.9).silence(1.5)
                    .play(recording("d1cff360-3333-4a24-b0ac-6725aed53d73"), 0.2, 2.2).silence(2.0);
            List<JsonNode> ev = run(c.write("two-drinks.wav"));

            assertEquals(1, of(ev, "wake").size(), "one wake word for both drinks: " + ev);
            assertEquals(List.of("i want an americano", "i'd like a twelve ounce mocha"),
                    of(ev, "transcript").stream().map(e -> e.get("text").asText()).toList());
            List<JsonNode> responses = of(ev, "response");
            assertEquals("One americano. Anything else?", responses.get(0).get("text").asText());
            assertTrue(responses.get(0).get("continue_session").asBoolean());
            assertEquals("Coming up: americano and twelve ounce mocha.", responses.get(1).get("text").asText());

            String session = bus.next(HermesMessages.SESSION_STARTED, WAIT).json().get("sessionId").asText();
            JsonNode first = bus.next("hermes/intent/orderDrink", WAIT).json();
            JsonNode second = bus.next("hermes/intent/orderDrink", WAIT).json();
            assertEquals(session, first.get("sessionId").asText());
            assertEquals(session, second.get("sessionId").asText(), "the follow-up belongs to the same session");
            assertEquals("[\"americano\"]", second.get("customData").asText(), "the action's data comes back with the answer");
            assertEquals("nominal", bus.next(HermesMessages.SESSION_ENDED, WAIT).json().at("/termination/reason").asText());
        }
    }

    @Test
    void theDocumentedActionsAreTheTestedOnes() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/HERMES.md"));
        for (String action : List.of("docs/actions/order-drink.sh", "docs/actions/order_drinks.py")) {
            assertTrue(doc.contains(Files.readString(ROOT.resolve(action))), action + " is shown whole in docs/HERMES.md");
        }
    }

    private static List<String> names(JsonNode slots) {
        List<String> n = new ArrayList<>();
        slots.forEach(s -> n.add(s.get("slotName").asText()));
        return n;
    }
}
