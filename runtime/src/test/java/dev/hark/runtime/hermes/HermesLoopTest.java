package dev.hark.runtime.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.AudioSource;
import dev.hark.audio.PcmFormat;
import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.nlu.SlotValue;
import dev.hark.runtime.config.HarkConfig;
import dev.hark.runtime.feedback.Feedback;
import dev.hark.runtime.feedback.WavFolderOutput;
import dev.hark.runtime.loop.AssistantLoop;
import dev.hark.runtime.loop.CommandEndpointer;
import dev.hark.runtime.loop.CommandRecognizer;
import dev.hark.runtime.loop.EventLog;
import dev.hark.runtime.loop.WakeStage;
import dev.hark.runtime.skills.Dispatcher;
import dev.hark.runtime.skills.SkillCatalog;
import dev.hark.runtime.skills.SkillHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hark's loop on a real mosquitto broker, with the wake word, endpointer and recogniser scripted (the
 * test says when the wake word fires and what was heard) and the real skills, dispatcher, feedback,
 * Hermes bridge and Paho client. The test's own Paho client plays the external action. Covers the
 * session's messages, answers from an action, follow-ups, time-outs, requests, and the broker going away.
 */
class HermesLoopTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    private Mosquitto broker;
    private SkillCatalog catalog;
    private SkillHost host;
    private Dispatcher dispatcher;
    private Feedback feedback;
    private HermesBridge hermes;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final StringWriter events = new StringWriter();
    private final TriggeredWake wake = new TriggeredWake();
    private final ScriptedRecognizer recognizer = new ScriptedRecognizer();
    private final ScriptedEndpointer endpointer = new ScriptedEndpointer();
    private final SilenceSource source = new SilenceSource();
    private AssistantLoop loop;
    private Thread running;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(dir.resolve("broker"));
        catalog = SkillCatalog.load(null);
        host = SkillHost.start(catalog, new SkillHost.Options(dir.resolve("state"), Clock.systemUTC(), Map.of(), (s, t) -> { }));
        dispatcher = new Dispatcher(host, Duration.ofSeconds(2));
        feedback = Feedback.builder().output(new WavFolderOutput(dir.resolve("said"))).build();
    }

    @AfterEach
    void stop() throws Exception {
        if (loop != null) {
            loop.stop();
            running.join(5000);
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
        if (hermes != null) {
            hermes.close();
        }
        feedback.close();
        dispatcher.close();
        host.close();
        catalog.close();
        broker.close();
    }

    private HarkConfig.Mqtt config(int actionTimeoutMs) {
        HarkConfig.Mqtt m = new HarkConfig.Mqtt();
        m.enabled = true;
        m.host = "127.0.0.1";
        m.port = broker.port();
        m.actionTimeoutMs = actionTimeoutMs;
        return m;
    }

    /** Starts the bridge and the loop on its own thread, and the action's client on the bus. */
    private Bus run(int actionTimeoutMs) throws Exception {
        Bus action = bus("action", false);
        hermes = HermesBridge.start(config(actionTimeoutMs), true, 64, dir);
        assertTrue(hermes.mqtt().awaitReady(WAIT));
        startLoop();
        return action;
    }

    private Bus bus(String id, boolean persistent) throws Exception {
        Bus b = new Bus(broker.port(), id, persistent, "hermes/#");
        closing.add(0, b);
        return b;
    }

    private void startLoop() {
        loop = AssistantLoop.builder().source(source).events(new EventLog(new PrintWriter(events, true), true))
                .wake(wake).endpointer(endpointer).recognizer(recognizer).dispatcher(dispatcher)
                .feedback(feedback).zone(ZoneOffset.UTC).dialogue(hermes.site("default")).build();
        running = new Thread(() -> {
            try {
                loop.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "test-loop");
        running.start();
    }

    private static CommandRecognizer.Understanding heard(String text, String intent, Slot... slots) {
        return new CommandRecognizer.Understanding(text, 0.9, intent == null ? ParseResult.none(text, 0.9)
                : new ParseResult(text, intent, 0.95, List.of(slots)));
    }

    private static CommandRecognizer.Understanding latte() {
        return heard("a large latte", "orderDrink",
                new Slot(2, 7, "large", new SlotValue.Custom("large"), "size", "size"),
                new Slot(8, 13, "latte", new SlotValue.Custom("latte"), "coffeeDrink", "coffeeDrink"));
    }

    private List<JsonNode> events() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : events.toString().split("\n")) {
            if (!line.isBlank()) {
                out.add(mapper.readTree(line));
            }
        }
        return out;
    }

    private JsonNode awaitEvent(String name, int nth) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            List<JsonNode> found = events().stream().filter(e -> e.get("event").asText().equals(name)).toList();
            if (found.size() > nth) {
                return found.get(nth);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + name + " event #" + nth + ": " + events);
    }

    private static String endSession(String session, String text) {
        return "{\"sessionId\": \"" + session + "\", \"text\": \"" + text + "\"}";
    }

    @Test
    void aSessionHandledByAJavaSkillIsPublishedStepByStep() throws Exception {
        Bus bus = run(2000);
        recognizer.answers.add(heard("what time is it", "getTime"));
        wake.fire();

        JsonNode hotword = bus.next("hermes/hotword/hey_jarvis/detected", WAIT).json();
        String session = hotword.get("sessionId").asText();
        assertEquals("default", hotword.get("siteId").asText());
        assertEquals("hey_jarvis", hotword.get("modelId").asText());
        JsonNode started = bus.next(HermesMessages.SESSION_STARTED, WAIT).json();
        assertEquals(session, started.get("sessionId").asText());
        JsonNode text = bus.next(HermesMessages.TEXT_CAPTURED, WAIT).json();
        assertEquals("what time is it", text.get("text").asText());
        assertEquals(session, text.get("sessionId").asText());
        JsonNode parsed = bus.next(HermesMessages.INTENT_PARSED, WAIT).json();
        assertEquals("getTime", parsed.at("/intent/intentName").asText());
        JsonNode intent = bus.next("hermes/intent/getTime", WAIT).json();
        assertEquals(session, intent.get("sessionId").asText());
        assertEquals("what time is it", intent.get("input").asText());
        JsonNode ended = bus.next(HermesMessages.SESSION_ENDED, WAIT).json();
        assertEquals(session, ended.get("sessionId").asText());
        assertEquals("nominal", ended.at("/termination/reason").asText());
        // the clock skill answered; no action was waited for
        assertEquals("clock", awaitEvent("response", 0).get("skill").asText());
        assertEquals(List.of("hermes/hotword/hey_jarvis/detected", HermesMessages.SESSION_STARTED, HermesMessages.TEXT_CAPTURED,
                HermesMessages.INTENT_PARSED, "hermes/intent/getTime", HermesMessages.SESSION_ENDED), bus.topics());
    }

    @Test
    void anActionAnswersAnIntentNoSkillHandles() throws Exception {
        Bus action = run(5000);
        recognizer.answers.add(latte());
        wake.fire();

        JsonNode intent = action.next("hermes/intent/orderDrink", WAIT).json();
        assertEquals("latte", intent.at("/slots/1/value/value").asText());
        action.publish("hermes/dialogueManager/endSession", endSession(intent.get("sessionId").asText(), "One large latte."));

        JsonNode ended = action.next(HermesMessages.SESSION_ENDED, WAIT).json();
        assertEquals("nominal", ended.at("/termination/reason").asText());
        JsonNode response = awaitEvent("response", 0);
        assertEquals("hermes", response.get("skill").asText());
        assertEquals("One large latte.", response.get("text").asText());
        assertEquals(1, events().stream().filter(e -> e.get("event").asText().equals("response")).count(),
                "the action's answer, and no apology after it");
    }

    @Test
    void aFollowUpQuestionFromAnActionHearsOnlyItsIntents() throws Exception {
        Bus action = run(5000);
        recognizer.answers.add(latte());
        recognizer.answers.add(heard("an espresso", "orderDrink",
                new Slot(3, 11, "espresso", new SlotValue.Custom("espresso"), "coffeeDrink", "coffeeDrink")));
        wake.fire();

        JsonNode first = action.next("hermes/intent/orderDrink", WAIT).json();
        String session = first.get("sessionId").asText();
        action.publish("hermes/dialogueManager/continueSession", "{\"sessionId\": \"" + session
                + "\", \"text\": \"Anything else?\", \"intentFilter\": [\"orderDrink\"], \"customData\": \"latte\"}");
        // the answer comes without a wake word, in the same session, with the action's data
        JsonNode second = action.next("hermes/intent/orderDrink", WAIT).json();
        assertEquals(session, second.get("sessionId").asText());
        assertEquals("latte", second.get("customData").asText());
        assertEquals("espresso", second.at("/slots/0/value/value").asText());
        assertEquals(Set.of("orderDrink"), recognizer.begins.get(1), "the follow-up is restricted to the action's intents");
        action.publish("hermes/dialogueManager/endSession", endSession(session, "A latte and an espresso."));
        JsonNode ended = action.next(HermesMessages.SESSION_ENDED, WAIT).json();
        assertEquals("latte", ended.get("customData").asText());
        assertEquals(1, wake.fired.get(), "one wake word for the whole conversation");
        assertTrue(awaitEvent("response", 0).get("continue_session").asBoolean());
        assertEquals("A latte and an espresso.", awaitEvent("response", 1).get("text").asText());
    }

    @Test
    void noAnswerInTimeGetsTheApologyAndALateAnswerIsIgnored() throws Exception {
        Bus action = run(300);
        recognizer.answers.add(latte());
        wake.fire();
        String session = action.next("hermes/intent/orderDrink", WAIT).json().get("sessionId").asText();
        JsonNode ended = action.next(HermesMessages.SESSION_ENDED, WAIT).json();
        assertEquals("timeout", ended.at("/termination/reason").asText());
        JsonNode response = awaitEvent("response", 0);
        assertEquals("timed_out", response.get("outcome").asText());
        assertTrue(response.get("text").asText().startsWith("Sorry"), response.toString());

        action.publish("hermes/dialogueManager/endSession", endSession(session, "Too late."));
        recognizer.answers.add(heard("what time is it", "getTime"));
        wake.fire();
        action.next("hermes/intent/getTime", WAIT);
        action.next(HermesMessages.SESSION_ENDED, WAIT);
        assertEquals(List.of("timed_out", "handled"), events().stream().filter(e -> e.get("event").asText().equals("response"))
                .map(e -> e.get("outcome").asText()).toList(), "the late endSession changed nothing");
    }

    @Test
    void startSessionNotificationsQueueAndUnrecognisedCommandsReported() throws Exception {
        Bus action = run(5000);
        // an action starts a session that expects a command, and wants to hear when it is not understood
        action.publish("hermes/dialogueManager/startSession", "{\"siteId\": \"default\", \"customData\": \"ask\", "
                + "\"init\": {\"type\": \"action\", \"text\": \"What would you like?\", \"canBeEnqueued\": true, "
                + "\"intentFilter\": [\"orderDrink\"], \"sendIntentNotRecognized\": true}}");
        endpointer.hold = true;
        JsonNode started = action.next(HermesMessages.SESSION_STARTED, WAIT).json();
        assertEquals("ask", started.get("customData").asText());
        String session = started.get("sessionId").asText();
        // a notification for the same site waits for that session
        action.publish("hermes/dialogueManager/startSession",
                "{\"init\": {\"type\": \"notification\", \"text\": \"The tea is ready.\"}}");
        JsonNode queued = action.next(HermesMessages.SESSION_QUEUED, WAIT).json();
        assertNotEquals(session, queued.get("sessionId").asText());

        recognizer.answers.add(heard("how is the weather on mars", null));
        endpointer.hold = false;
        JsonNode nlu = action.next(HermesMessages.NLU_INTENT_NOT_RECOGNIZED, WAIT).json();
        assertEquals("how is the weather on mars", nlu.get("input").asText());
        JsonNode dm = action.next(HermesMessages.DM_INTENT_NOT_RECOGNIZED, WAIT).json();
        assertEquals(session, dm.get("sessionId").asText());
        assertEquals("ask", dm.get("customData").asText());
        action.publish("hermes/dialogueManager/endSession", endSession(session, "Never mind."));
        assertEquals(session, action.next(HermesMessages.SESSION_ENDED, WAIT).json().get("sessionId").asText());

        // then the queued notification runs: started, said, ended
        JsonNode note = action.next(HermesMessages.SESSION_STARTED, WAIT).json();
        assertEquals(queued.get("sessionId").asText(), note.get("sessionId").asText());
        JsonNode noteEnded = action.next(HermesMessages.SESSION_ENDED, WAIT).json();
        assertEquals(note.get("sessionId").asText(), noteEnded.get("sessionId").asText());
        assertEquals(0, wake.fired.get());
        assertEquals(Set.of("orderDrink"), recognizer.begins.get(0));
    }

    @Test
    void ttsSayIsSpokenAndFinishedAndTheHotwordCanBeToggled() throws Exception {
        Bus action = run(5000);
        // malformed requests are logged and ignored
        action.publish("hermes/tts/say", "{not json");
        action.publish("hermes/tts/say", "{\"text\": 3, \"id\": \"say-0\"}");
        action.publish("hermes/dialogueManager/startSession", "{\"init\": {\"type\": \"chat\"}}");
        action.publish("hermes/tts/say", "{\"text\": \"Dinner is ready.\", \"siteId\": \"default\", \"id\": \"say-1\", \"sessionId\": null}");
        JsonNode finished = action.next(HermesMessages.SAY_FINISHED, WAIT).json();
        assertEquals("say-1", finished.get("id").asText());
        assertEquals("default", finished.get("siteId").asText());
        // for another site: not ours
        action.publish("hermes/tts/say", "{\"text\": \"Hello kitchen.\", \"siteId\": \"kitchen\", \"id\": \"say-2\"}");

        action.publish("hermes/hotword/toggleOff", "{\"siteId\": \"default\"}");
        Thread.sleep(200);
        recognizer.answers.add(heard("what time is it", "getTime"));
        wake.fire();
        Thread.sleep(300);
        assertEquals(List.of(HermesMessages.SAY_FINISHED), action.topics().stream()
                .filter(t -> !t.equals("hermes/tts/say") && !t.startsWith("hermes/hotword/toggle")
                        && !t.equals("hermes/dialogueManager/startSession")).toList(),
                "a wake word while the hotword is off opens no session, and the kitchen's say is not ours");
        action.publish("hermes/hotword/toggleOn", "{\"siteId\": \"default\"}");
        Thread.sleep(200);
        wake.fire();
        action.next("hermes/intent/getTime", WAIT);
    }

    @Test
    void aBrokerRestartInTheMiddleOfASessionLosesAndDoublesNothing() throws Exception {
        CountingLog log = CountingLog.attach();
        try {
            Bus action = bus("action-persistent", true);
            hermes = HermesBridge.start(config(20_000), true, 64, dir);
            assertTrue(hermes.mqtt().awaitReady(WAIT));
            startLoop();
            recognizer.answers.add(latte());
            endpointer.hold = true; // the person speaks until the test says
            wake.fire();
            String session = action.next(HermesMessages.SESSION_STARTED, WAIT).json().get("sessionId").asText();

            broker.stop();
            endpointer.hold = false; // the intent is published while the broker is away
            awaitEvent("intent", 0);
            Thread.sleep(1500); // Hark's first reconnection attempt (after 1 s) fails too
            broker.restart();
            // an answer sent while Hark is still away waits in Hark's persistent session at the broker
            assertFalse(hermes.mqtt().isConnected());
            try (Bus other = new Bus(broker.port(), "another-action", false)) {
                other.publish("hermes/tts/say", "{\"text\": \"Back again.\", \"id\": \"say-after-restart\"}");
            }

            JsonNode intent = action.next("hermes/intent/orderDrink", Duration.ofSeconds(15)).json();
            assertEquals(session, intent.get("sessionId").asText());
            action.publish("hermes/dialogueManager/endSession", endSession(session, "One large latte."));
            assertEquals("say-after-restart", action.next(HermesMessages.SAY_FINISHED, WAIT).json().get("id").asText());
            assertEquals("nominal", action.next(HermesMessages.SESSION_ENDED, WAIT).json().at("/termination/reason").asText());
            Thread.sleep(300);

            // every message arrived; a second copy is only ever the broker's redelivery to the action, marked
            // duplicate (QoS 1 between broker and action): never a second message from Hark
            for (String topic : List.of(HermesMessages.SESSION_STARTED, HermesMessages.TEXT_CAPTURED,
                    HermesMessages.INTENT_PARSED, "hermes/intent/orderDrink", HermesMessages.SAY_FINISHED, HermesMessages.SESSION_ENDED)) {
                List<Bus.Received> copies = action.received().stream().filter(r -> r.topic().equals(topic)).toList();
                assertEquals(1, copies.stream().map(r -> r.json().toString()).distinct().count(), topic + ": " + copies);
                assertEquals(1, copies.stream().filter(r -> !r.duplicate()).count(), topic + " sent once: " + copies);
            }
            assertEquals("One large latte.", awaitEvent("response", 0).get("text").asText());
            assertEquals(1, events().stream().filter(e -> e.get("event").asText().equals("response")).count());
            assertEquals(1, log.warnings.size(), "the lost broker is reported once: " + log.warnings);
            assertTrue(log.warnings.get(0).contains("retrying with back-off"), log.warnings.get(0));
        } finally {
            log.detach();
        }
    }

    @Test
    void withoutABrokerTheAssistantKeepsWorkingAndCatchesUpLater() throws Exception {
        Bus action = bus("late-action", true);
        broker.stop();
        CountingLog log = CountingLog.attach();
        try {
            hermes = HermesBridge.start(config(300), true, 64, dir);
            startLoop();
            recognizer.answers.add(heard("what time is it", "getTime"));
            wake.fire();
            assertEquals("clock", awaitEvent("response", 0).get("skill").asText(), "a Java skill answers with no broker");
            awaitEvent("intent", 0);
            broker.restart();
            // what Hark published while alone reaches the bus once it connects
            action.next("hermes/intent/getTime", Duration.ofSeconds(15));
            action.next(HermesMessages.SESSION_ENDED, WAIT);
            assertEquals(1, log.warnings.size(), log.warnings.toString());
            assertTrue(log.warnings.get(0).contains("cannot connect to the broker"), log.warnings.get(0));
        } finally {
            log.detach();
        }
    }

    /** Counts the warnings of the MQTT connection's logger. */
    static final class CountingLog extends Handler {
        final List<String> warnings = new CopyOnWriteArrayList<>();
        private final Logger logger = Logger.getLogger(MqttLink.class.getName());

        static CountingLog attach() {
            CountingLog h = new CountingLog();
            h.logger.addHandler(h);
            return h;
        }

        void detach() {
            logger.removeHandler(this);
        }

        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Fires once per {@link #fire()}, at the next frame. */
    static final class TriggeredWake implements WakeStage {
        final AtomicInteger pending = new AtomicInteger();
        final AtomicInteger fired = new AtomicInteger();

        void fire() {
            pending.incrementAndGet();
        }

        @Override
        public Detection process(short[] frame) {
            if (pending.get() > 0) {
                pending.decrementAndGet();
                fired.incrementAndGet();
                return new Detection("hey_jarvis", 0.9);
            }
            return null;
        }

        @Override
        public void reset() {
        }

        @Override
        public void close() {
        }
    }

    /** Each command: three frames of speech (more while {@code hold} is set), then its end. */
    static final class ScriptedEndpointer implements CommandEndpointer {
        int frames;
        volatile boolean hold;

        @Override
        public Status process(short[] frame) {
            return ++frames < 4 || hold ? Status.SPEAKING : Status.ENDED;
        }

        @Override
        public void reset() {
            frames = 0;
        }

        @Override
        public void resetAfter(short[] pcm, int offset, int length) {
            reset();
        }

        @Override
        public long commandStartSample() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    /** Says what the test queued, in order, waiting for the test when nothing is queued yet. */
    static final class ScriptedRecognizer implements CommandRecognizer {
        final LinkedBlockingQueue<Understanding> answers = new LinkedBlockingQueue<>();
        final List<Set<String>> begins = new CopyOnWriteArrayList<>();

        @Override
        public void begin(Set<String> intents) {
            begins.add(intents);
        }

        @Override
        public void accept(short[] pcm, int offset, int length) {
        }

        @Override
        public Understanding finish() {
            try {
                Understanding u = answers.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                return u != null ? u : new Understanding("", 0, ParseResult.none("", 0));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
        }
    }

    /** A live source of silence, one frame every 5 ms, until closed. */
    static final class SilenceSource implements AudioSource {
        private volatile boolean closed;

        @Override
        public int read(short[] frame) throws java.io.IOException {
            if (closed) {
                return -1;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            java.util.Arrays.fill(frame, (short) 0);
            return PcmFormat.FRAME_SAMPLES;
        }

        @Override
        public boolean isLive() {
            return true;
        }

        @Override
        public String name() {
            return "silence";
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
