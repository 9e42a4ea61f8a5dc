package dev.hark.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.PcmFormat;
import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.nlu.SlotValue;
import dev.hark.runtime.feedback.Feedback;
import dev.hark.runtime.feedback.WavFolderOutput;
import dev.hark.runtime.skills.Dispatcher;
import dev.hark.runtime.skills.SkillCatalog;
import dev.hark.runtime.skills.SkillHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop's state machine with scripted wake, endpoint and recognition stages (the real stages are
 * exercised end to end in RunConversationTest) and the real skill host, dispatcher and feedback.
 */
class AssistantLoopTest {
    @TempDir
    Path dir;
    private SkillCatalog catalog;
    private SkillHost host;
    private Dispatcher dispatcher;
    private Feedback feedback;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        Path skills = Files.createDirectories(dir.resolve("skills"));
        dev.hark.runtime.skills.PluginJars.skill(skills, "broken.jar", "Broken", "broken",
                "throw new IllegalStateException(\"database gone\");", "explode");
        dev.hark.runtime.skills.PluginJars.skill(skills, "asker.jar", "Asker", "asker",
                "return Response.ask(\"Shall I tell you the time?\", \"getTime\");", "chat");
        catalog = SkillCatalog.load(skills);
        host = SkillHost.start(catalog, new SkillHost.Options(dir.resolve("state"), Clock.systemUTC(), Map.of(),
                (sound, text) -> { }));
        dispatcher = new Dispatcher(host, Duration.ofSeconds(2));
        feedback = Feedback.builder().output(new WavFolderOutput(dir.resolve("out"))).build();
    }

    @AfterEach
    void stop() {
        feedback.close();
        dispatcher.close();
        host.close();
        catalog.close();
    }

    /** Fires at the given frame numbers (counted from the start of the stream). */
    static final class ScriptedWake implements WakeStage {
        final Set<Integer> fireAt;
        int frameNo;
        int resets;
        int late;

        ScriptedWake(Integer... frames) {
            fireAt = Set.of(frames);
        }

        /** Reports each wake word {@code frames} frames after its own (as a time-batching detector). */
        ScriptedWake late(int frames) {
            late = frames;
            return this;
        }

        @Override
        public Detection process(short[] frame) {
            return fireAt.contains(frameNo++ - late) ? new Detection("hey_jarvis", 0.9, late) : null;
        }

        @Override
        public void reset() {
            resets++;
        }

        @Override
        public void close() {
        }
    }

    /**
     * Plays one script of statuses per command; the frame count of the wake stage keeps running meanwhile.
     * A command's audio starts {@link #LEAD_FRAMES} before its first speaking frame (as the VAD
     * endpointer's lead), but not before the capture, unless {@link #startingAt} says otherwise.
     */
    static final class ScriptedEndpointer implements CommandEndpointer {
        static final int LEAD_FRAMES = 4;
        final Deque<List<Status>> scripts = new ArrayDeque<>();
        final Deque<Long> starts = new ArrayDeque<>();
        final List<Integer> primedWith = new ArrayList<>();
        final List<Integer> resetAtFrame = new ArrayList<>();
        ScriptedWake clock;
        List<Status> current = List.of();
        long start;
        int i;

        ScriptedEndpointer command(int waiting, int speaking, Status end) {
            List<Status> s = new ArrayList<>();
            for (int k = 0; k < waiting; k++) {
                s.add(Status.WAITING);
            }
            for (int k = 0; k < speaking; k++) {
                s.add(Status.SPEAKING);
            }
            s.add(end);
            scripts.add(s);
            starts.add((long) Math.max(0, waiting - LEAD_FRAMES) * PcmFormat.FRAME_SAMPLES);
            return this;
        }

        /** The last command's audio starts {@code frames} frames after the capture began (negative: before). */
        ScriptedEndpointer startingAt(int frames) {
            starts.removeLast();
            starts.add((long) frames * PcmFormat.FRAME_SAMPLES);
            return this;
        }

        @Override
        public Status process(short[] frame) {
            return current.get(Math.min(i++, current.size() - 1));
        }

        @Override
        public void reset() {
            resetAtFrame.add(clock == null ? -1 : clock.frameNo);
            current = scripts.isEmpty() ? List.of(Status.WAITING) : scripts.poll();
            start = starts.isEmpty() ? 0 : starts.poll();
            i = 0;
        }

        @Override
        public void resetAfter(short[] pcm, int offset, int length) {
            reset();
            primedWith.add(length);
        }

        @Override
        public long commandStartSample() {
            return start;
        }

        @Override
        public void close() {
        }
    }

    static final class ScriptedRecognizer implements CommandRecognizer {
        final Deque<Understanding> answers = new ArrayDeque<>();
        final List<Set<String>> begins = new ArrayList<>();
        final List<Integer> framesPerCommand = new ArrayList<>();
        int frames;

        @Override
        public void begin(Set<String> intents) {
            begins.add(intents);
            frames = 0;
        }

        @Override
        public void accept(short[] pcm, int offset, int length) {
            frames += length / PcmFormat.FRAME_SAMPLES;
        }

        @Override
        public Understanding finish() {
            framesPerCommand.add(frames);
            return answers.isEmpty() ? new Understanding("", 0, ParseResult.none("", 0)) : answers.poll();
        }

        @Override
        public void close() {
        }
    }

    private static CommandRecognizer.Understanding heard(String text, String intent, Slot... slots) {
        return new CommandRecognizer.Understanding(text, 0.9, intent == null ? ParseResult.none(text, 0.9)
                : new ParseResult(text, intent, 0.9, List.of(slots)));
    }

    private List<JsonNode> run(int frames, WakeStage wake, CommandEndpointer ep, CommandRecognizer rec,
                               SpeakerStage speaker) throws Exception {
        return run(frames, wake, ep, rec, speaker, null);
    }

    private List<JsonNode> run(int frames, WakeStage wake, CommandEndpointer ep, CommandRecognizer rec,
                               SpeakerStage speaker, OwnVoice ownVoice) throws Exception {
        StringWriter out = new StringWriter();
        AssistantLoop loop = AssistantLoop.builder()
                .source(new dev.hark.audio.RawPcmSource(new java.io.ByteArrayInputStream(new byte[frames * PcmFormat.FRAME_BYTES]), "scripted"))
                .events(new EventLog(new PrintWriter(out), true))
                .wake(wake).endpointer(ep).recognizer(rec).speaker(speaker).ownVoice(ownVoice)
                .dispatcher(dispatcher).feedback(feedback).zone(ZoneOffset.UTC).build();
        assertEquals(AssistantLoop.Exit.END_OF_INPUT, loop.run());
        assertEquals((long) frames * PcmFormat.FRAME_SAMPLES, loop.samples());
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            events.add(mapper.readTree(line));
        }
        return events;
    }

    private static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.get("event").asText()).toList();
    }

    @Test
    void twoCommandsGoThroughWakeRecognitionAndSkillsInOrder() throws Exception {
        ScriptedWake wake = new ScriptedWake(10, 60);
        ScriptedEndpointer ep = new ScriptedEndpointer().command(2, 20, CommandEndpointer.Status.ENDED)
                .command(1, 10, CommandEndpointer.Status.ENDED);
        ScriptedRecognizer rec = new ScriptedRecognizer();
        rec.answers.add(heard("set a timer for two minutes", "setTimer", new Slot(16, 27, "two minutes",
                new SlotValue.Duration(0, 0, 0, 0, 0, 0, 2, 0, "Exact"), "snips/duration", "duration")));
        rec.answers.add(heard("what time is it", "getTime"));
        List<JsonNode> ev = run(100, wake, ep, rec, null);

        assertEquals(List.of("wake", "transcript", "intent", "response", "wake", "transcript", "intent",
                "response"), names(ev));
        // the wake at frame 10 is reported at the end of that frame, 11 frames into the stream
        assertEquals(11 * 0.08, ev.get(0).get("t").asDouble(), 1e-9);
        // 23 frames of command (2 waiting, 20 speaking, the ending frame) follow
        assertEquals(34 * 0.08, ev.get(1).get("t").asDouble(), 1e-9);
        assertEquals(List.of(23, 12), rec.framesPerCommand);
        JsonNode timer = ev.get(2);
        assertEquals("setTimer", timer.get("intentName").asText());
        assertEquals("duration", timer.at("/slots/0/slotName").asText());
        assertEquals(2, timer.at("/slots/0/value/minutes").asInt());
        assertTrue(timer.get("latency_ms").asDouble() >= 0);
        assertEquals("timers", ev.get(3).get("skill").asText());
        assertEquals("handled", ev.get(3).get("outcome").asText());
        assertTrue(ev.get(3).get("text").asText().contains("2 minutes"), ev.get(3).toString());
        assertEquals("clock", ev.get(7).get("skill").asText());
        assertTrue(ev.get(7).get("text").asText().startsWith("It's"), ev.get(7).toString());
        assertTrue(ev.get(4).get("t").asDouble() > ev.get(3).get("t").asDouble());
        assertEquals(0, wake.resets, "a reset would deafen the wake stage");
        assertEquals(100, wake.frameNo, "the wake stage sees every frame, also while capturing");
    }

    @Test
    void aWakeWordReportedLateIsCapturedAsIfReportedInItsOwnFrame() throws Exception {
        List<Object> onTime = null;
        for (int late : new int[] {0, 3}) {
            ScriptedWake wake = new ScriptedWake(10).late(late);
            ScriptedEndpointer ep = new ScriptedEndpointer().command(2, 20, CommandEndpointer.Status.ENDED).startingAt(-1);
            ScriptedRecognizer rec = new ScriptedRecognizer();
            rec.answers.add(heard("what time is it", "getTime"));
            List<JsonNode> ev = run(60, wake, ep, rec, null);
            assertEquals(List.of("wake", "transcript", "intent", "response"), names(ev));
            // the wake word's own frame, the capture's frames and where the command starts in them
            List<Object> seen = List.of(ev.get(0).get("t").asDouble(), ev.get(1).get("t").asDouble(),
                    ep.primedWith, rec.framesPerCommand);
            if (onTime == null) {
                assertEquals(11 * 0.08, ev.get(0).get("t").asDouble(), 1e-9);
                onTime = seen;
            } else {
                assertEquals(onTime, seen, "reported " + late + " frames late");
            }
        }
    }

    @Test
    void failuresAreApologisedForAndTheLoopKeepsListening() throws Exception {
        ScriptedWake wake = new ScriptedWake(5, 30, 100, 130);
        ScriptedEndpointer ep = new ScriptedEndpointer()
                .command(3, 10, CommandEndpointer.Status.ENDED)           // a skill that throws
                .command(3, 10, CommandEndpointer.Status.ENDED)           // out of grammar
                .command(20, 0, CommandEndpointer.Status.NO_SPEECH)       // wake word, then nothing
                .command(1, 5, CommandEndpointer.Status.ENDED);           // still works afterwards
        ScriptedRecognizer rec = new ScriptedRecognizer();
        rec.answers.add(heard("blow up", "explode"));
        rec.answers.add(heard("", null));
        rec.answers.add(heard("what time is it", "getTime"));
        List<JsonNode> ev = run(160, wake, ep, rec, null);

        assertEquals(List.of(
                "wake", "transcript", "intent", "response",
                "wake", "transcript", "intent",
                "wake", "error",
                "wake", "transcript", "intent", "response"), names(ev));
        JsonNode broken = ev.get(3);
        assertEquals("broken", broken.get("skill").asText());
        assertEquals("failed", broken.get("outcome").asText());
        assertTrue(broken.get("error").asText().contains("database gone"), broken.toString());
        assertTrue(broken.get("text").asText().startsWith("Sorry"), broken.toString());
        assertTrue(ev.get(6).get("intentName").isNull());
        assertEquals("no speech after the wake word", ev.get(8).get("reason").asText());
        assertEquals("clock", ev.get(12).get("skill").asText());
        assertEquals(3, rec.framesPerCommand.size(), "the recogniser never hears a wake word's silence");
    }

    @Test
    void followUpQuestionListensWithoutWakeWordForTheGivenIntents() throws Exception {
        ScriptedWake wake = new ScriptedWake(5);
        ScriptedEndpointer ep = new ScriptedEndpointer().command(1, 5, CommandEndpointer.Status.ENDED)
                .command(1, 5, CommandEndpointer.Status.ENDED);
        ScriptedRecognizer rec = new ScriptedRecognizer();
        rec.answers.add(heard("let us chat", "chat"));
        rec.answers.add(heard("what time is it", "getTime"));
        List<JsonNode> ev = run(40, wake, ep, rec, null);
        assertEquals(List.of("wake", "transcript", "intent", "response", "transcript", "intent", "response"),
                names(ev), "the answer needs no second wake word");
        assertTrue(ev.get(3).get("continue_session").asBoolean());
        assertEquals(List.of(Set.of(), Set.of("getTime")), rec.begins, "the follow-up is restricted to the asked intents");
        assertEquals("clock", ev.get(6).get("skill").asText());
    }

    @Test
    void recogniserHearsSpeechWithALittleLeadNotTheSilenceBeforeIt() throws Exception {
        ScriptedWake wake = new ScriptedWake(5);
        ScriptedEndpointer ep = new ScriptedEndpointer().command(10, 5, CommandEndpointer.Status.ENDED);
        ScriptedRecognizer rec = new ScriptedRecognizer();
        rec.answers.add(heard("what time is it", "getTime"));
        run(30, wake, ep, rec, null);
        // 4 frames of lead before the first speech frame, then the 5 speech frames and the ending one
        assertEquals(List.of(ScriptedEndpointer.LEAD_FRAMES + 6), rec.framesPerCommand);
        assertEquals(List.of(6 * PcmFormat.FRAME_SAMPLES), ep.primedWith, "the endpointer hears the audio up to the wake word");
    }

    @Test
    void commandThatBeganBeforeTheWakeWordFiredIsHeardFromItsStart() throws Exception {
        // the endpointer found the command's speech starting 2 frames before the detection
        ScriptedWake wake = new ScriptedWake(20);
        ScriptedEndpointer ep = new ScriptedEndpointer().command(0, 8, CommandEndpointer.Status.ENDED).startingAt(-2);
        ScriptedRecognizer rec = new ScriptedRecognizer();
        rec.answers.add(heard("what time is it", "getTime"));
        run(40, wake, ep, rec, null);
        assertEquals(List.of(2 + 9), rec.framesPerCommand, "the 2 frames of pre-roll, the 8 speech frames and the ending one");
    }

    @Test
    void speakerStageHearsTheWakeWordAndTheCommand() throws Exception {
        ScriptedWake wake = new ScriptedWake(30);
        ScriptedEndpointer ep = new ScriptedEndpointer().command(0, 9, CommandEndpointer.Status.ENDED);
        ScriptedRecognizer rec = new ScriptedRecognizer();
        rec.answers.add(heard("what time is it", "getTime"));
        Map<String, Integer> heardLength = new HashMap<>();
        SpeakerStage speaker = new SpeakerStage() {
            @Override
            public Match identify(short[] pcm, int length) {
                heardLength.put("length", length);
                return new Match("alice", 0.8);
            }

            @Override
            public void close() {
            }
        };
        List<JsonNode> ev = run(50, wake, ep, rec, speaker);
        assertEquals(List.of("wake", "transcript", "speaker", "intent", "response"), names(ev));
        assertEquals("alice", ev.get(2).get("speaker").asText());
        // two seconds of pre-roll (25 frames) plus the ten command frames
        assertEquals(AssistantLoop.PRE_ROLL_SAMPLES + 10 * PcmFormat.FRAME_SAMPLES, heardLength.get("length"));
    }

    /** Speaks every text as {@code seconds} of (silent) audio, so that Hark's voice has a known length. */
    private void speakingFor(double seconds) throws Exception {
        feedback.close();
        feedback = Feedback.builder().output(new WavFolderOutput(dir.resolve("spoken")))
                .speech(text -> new dev.hark.runtime.feedback.AudioClip("say", new short[(int) (seconds * PcmFormat.SAMPLE_RATE)],
                        PcmFormat.SAMPLE_RATE))
                .playbackListener(ownVoice).build();
    }

    private OwnVoice ownVoice;
    private final List<Double> ownScores = new ArrayList<>();
    private final List<int[]> scored = new ArrayList<>();

    /** Hark's own voice judged by a scorer that says, in turn, what each answer scores for the wake word. */
    private OwnVoice ownVoiceScoring(double... scores) {
        for (double v : scores) {
            ownScores.add(v);
        }
        ownVoice = new OwnVoice(new WakeScorer() {
            @Override
            public double maxScore(String keyword, short[] pcm, int from, int to) {
                scored.add(new int[] {pcm.length, from, to});
                return ownScores.remove(0);
            }

            @Override
            public void close() {
            }
        });
        return ownVoice;
    }

    @Test
    void aWakeWordInHarksOwnAnswerIsIgnoredAndAPersonsStopsTheAnswer() throws Exception {
        // the answer to the first command sounds for 3 s from the end of frame 12 (its end of speech); the
        // wake word fires twice inside it
        OwnVoice own = ownVoiceScoring(0.95, 0.1);
        speakingFor(3.0);
        ScriptedWake wake = new ScriptedWake(5, 20, 30);
        ScriptedEndpointer ep = new ScriptedEndpointer().command(1, 5, CommandEndpointer.Status.ENDED)
                .command(1, 5, CommandEndpointer.Status.ENDED);
        ScriptedRecognizer rec = new ScriptedRecognizer();
        rec.answers.add(heard("what time is it", "getTime"));
        rec.answers.add(heard("what time is it", "getTime"));
        List<JsonNode> ev = run(60, wake, ep, rec, null, own);

        assertEquals(List.of("wake", "transcript", "intent", "response", "wake", "transcript", "intent", "response"),
                names(ev), "the answer's own wake word (scoring 0.95 alone) is ignored; the person's (0.9 against 0.1) is not");
        assertEquals(31 * 0.08, ev.get(4).get("t").asDouble(), 1e-9, "the barge-in at frame 30");
        // both judged against the answer as played: 3 s of clip, around where it was when the wake word fired
        assertEquals(2, scored.size());
        int[] first = scored.get(0);
        assertEquals(3 * PcmFormat.SAMPLE_RATE, first[0]);
        int clipTime = (21 - 13) * PcmFormat.FRAME_SAMPLES;
        assertEquals(Math.max(0, clipTime - OwnVoice.BEFORE_SAMPLES), first[1]);
        assertEquals(clipTime + OwnVoice.AFTER_SAMPLES, first[2]);
    }

    @Test
    void aWakeWordDetectedJustAfterHarksAnswerEndedIsCheckedAgainstItsEnd() throws Exception {
        // the keyword model may fire on the answer's last word up to 1.28 s after it: the answer (1 s from
        // the end of frame 12) ended at frame 25.5, its echo at 29.25; the wake word fires at frame 33
        OwnVoice own = ownVoiceScoring(0.95);
        speakingFor(1.0);
        ScriptedWake wake = new ScriptedWake(5, 33);
        ScriptedEndpointer ep = new ScriptedEndpointer().command(1, 5, CommandEndpointer.Status.ENDED);
        ScriptedRecognizer rec = new ScriptedRecognizer();
        rec.answers.add(heard("what time is it", "getTime"));
        assertEquals(List.of("wake", "transcript", "intent", "response"), names(run(50, wake, ep, rec, null, own)));
        assertEquals(1, scored.size(), "the second wake word was judged against the answer");
        assertArrayEquals(new int[] {PcmFormat.SAMPLE_RATE, 0, PcmFormat.SAMPLE_RATE}, scored.get(0), "the whole 1 s answer, up to its end");
    }

    @Test
    void noAnswerSoundingMeansNoScoring() throws Exception {
        OwnVoice own = ownVoiceScoring();
        speakingFor(0.5);
        ScriptedWake wake = new ScriptedWake(5, 50);
        ScriptedEndpointer ep = new ScriptedEndpointer().command(1, 5, CommandEndpointer.Status.ENDED)
                .command(1, 5, CommandEndpointer.Status.ENDED);
        ScriptedRecognizer rec = new ScriptedRecognizer();
        rec.answers.add(heard("what time is it", "getTime"));
        rec.answers.add(heard("what time is it", "getTime"));
        assertEquals(List.of("wake", "transcript", "intent", "response", "wake", "transcript", "intent", "response"),
                names(run(70, wake, ep, rec, null, own)));
        assertTrue(scored.isEmpty(), "the answer had ended (with its echo) long before the second wake word");
    }

    @Test
    void theAnswerToAFollowUpQuestionIsListenedForOnceTheQuestionHasBeenSaid() throws Exception {
        // the question sounds for 2 s (25 frames), then 0.3 s of echo, from the end of frame 12
        OwnVoice own = ownVoiceScoring();
        speakingFor(2.0);
        ScriptedWake wake = new ScriptedWake(5);
        ScriptedEndpointer ep = new ScriptedEndpointer().command(1, 5, CommandEndpointer.Status.ENDED)
                .command(1, 5, CommandEndpointer.Status.ENDED);
        ep.clock = wake;
        ScriptedRecognizer rec = new ScriptedRecognizer();
        rec.answers.add(heard("let us chat", "chat"));
        rec.answers.add(heard("what time is it", "getTime"));
        List<JsonNode> ev = run(70, wake, ep, rec, null, own);
        assertEquals(List.of("wake", "transcript", "intent", "response", "transcript", "intent", "response"), names(ev));
        int quiet = (13 + 25) * PcmFormat.FRAME_SAMPLES + OwnVoice.ECHO_TAIL_SAMPLES;
        int firstQuietFrame = (quiet + PcmFormat.FRAME_SAMPLES - 1) / PcmFormat.FRAME_SAMPLES;
        assertEquals(List.of(6, firstQuietFrame), ep.resetAtFrame, "the follow-up capture starts when the question has gone quiet");
    }
}
