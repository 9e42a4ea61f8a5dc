package dev.hark.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.runtime.eval.CommandLabels;
import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import dev.hark.audio.WavWriter;
import dev.hark.runtime.feedback.ProcessSpeechSynthesizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversations with real people, through {@code hark run --json} with every real stage and the
 * commands-dev coffee-order assistant installed as a plugin skill: real spoken orders from
 * {@code ../shared/data/commands-dev} after a synthetic "alexa" (flite and espeak-ng voices the model
 * detects) with a tail of real speech after it, at pauses of 0 to 2 s, real speech not meant for Hark in
 * between (LibriVox readings from Debian's pocketsphinx-testdata), and a real coffee shop under
 * everything (the fixture in {@code conversations/}, made by {@code scripts/make-conversation-fixtures.sh};
 * SOURCES.md there). The bigger measurement is
 * {@code scripts/measure-conversations.sh}.
 */
class RealConversationTest {
    /** Quiet enough that Silero hears no speech in the coffee shop's own chatter (it does from 25 dB up). */
    private static final double SNR_DB = 30;
    private static final Path FIXTURES = Path.of(System.getProperty("hark.root", "..")).toAbsolutePath().normalize()
            .resolve("runtime/src/test/resources/conversations");
    private static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox");
    private static final String ANSWER = "Coming right up. Next time, just say: alexa.";
    private static short[] room;
    private static List<short[]> talk;
    private static CommandLabels labels;
    private static final WakePhrases PHRASES = new WakePhrases();

    @TempDir
    Path dir;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void load() throws Exception {
        room = WavReader.readPcm16k(FIXTURES.resolve("room-coffee-shop.wav"));
        talk = List.of(librivox("0870"), librivox("0880"), librivox("0930"));
        labels = CommandLabels.load(BaristaSkill.COMMANDS_DEV.resolve("labels.json"));
    }

    /** The first 3.5 s of one of the LibriVox readings Debian's pocketsphinx-testdata installs (setup does). */
    private static short[] librivox(String part) throws Exception {
        short[] pcm = WavReader.readPcm16k(LIBRIVOX.resolve("sense_and_sensibility_01_austen_64kb-" + part + ".wav"));
        return java.util.Arrays.copyOf(pcm, Math.min(pcm.length, 56_000));
    }

    private static short[] command(String name) throws Exception {
        return WavReader.readPcm16k(BaristaSkill.COMMANDS_DEV.resolve("clean").resolve(name));
    }

    private static short[] alexa(int voice) throws Exception {
        List<WakePhrases.Voice> voices = WakePhrases.voices("alexa");
        return PHRASES.say("alexa", voices.get(voice % voices.size()));
    }

    private Path config(String answer, boolean speak) throws Exception {
        Path skills = dir.resolve("skills");
        BaristaSkill.install(skills, BaristaSkill.COMMANDS_DEV, answer == null ? List.of() : List.of(answer));
        Path f = dir.resolve("hark.json");
        mapper.writeValue(f.toFile(), BaristaSkill.config(dir, skills, "alexa", speak));
        return f;
    }

    private Path write(RealConversation c, String name) throws Exception {
        Path wav = dir.resolve(name);
        WavWriter.write(wav, c.pcm(), PcmFormat.SAMPLE_RATE);
        return wav;
    }

    private static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.get("event").asText()).toList();
    }

    @Test
    void ordersAfterTheWakeWordAreUnderstoodAtEveryPause() throws Exception {
        // pause before the command -> the recording (1ed43aa9 pauses 0.5 s between words)
        double[] pauses = {0, 0.3, 0.7, 1.2, 2.0};
        String[] orders = {"01a50d1b-ed05-4708-b076-5387ea170058.wav", "05b2d348-4ab5-4ccc-a17e-3ccb3907b272.wav",
            "062522f9-261b-4cc5-9edb-c5183c6402af.wav", "1ed43aa9-822a-44d7-b2be-8d4116229b07.wav",
            "0a40c7aa-7adf-4687-a54f-1506c1d7b8ef.wav"};
        RealConversation c = new RealConversation(room, SNR_DB, 1).room(2.5);
        for (int i = 0; i < pauses.length; i++) {
            c.wakePhrase(alexa(i));
            if (pauses[i] > 0) {
                c.tail(talk.get(i % talk.size()), 0.25);
            }
            c.pause(pauses[i]).command(orders[i], command(orders[i])).room(1.5);
            if (i % 2 == 1) {
                c.speech(talk.get((i + 1) % talk.size())).room(1.0); // someone else talking, no wake word
            }
        }
        List<JsonNode> events = ConversationRun.run(config(null, false), write(c, "orders.wav"));
        ConversationRun.Result r = ConversationRun.match(c.turns(), events, labels);

        List<String> expected = new ArrayList<>(List.of("start"));
        for (int i = 0; i < pauses.length; i++) {
            expected.addAll(List.of("wake", "transcript", "intent", "response"));
        }
        expected.add("end");
        assertEquals(expected, names(events), "one wake word and one order per turn, nothing from the other speech");
        for (ConversationRun.Outcome o : r.outcomes()) {
            RealConversation.Turn t = o.turn();
            String which = "pause " + t.pause() + ", " + t.command() + ": ";
            assertEquals(ConversationRun.Verdict.UNDERSTOOD, o.verdict(), which + o.transcript() + " " + o.intent());
            double wake = o.wake().get("t").asDouble();
            assertTrue(wake >= t.wakeEnd() - 0.1 && wake <= t.wakeEnd() + 0.5, which + "woke at " + wake);
            // heard from the command's own start: not the tail of the wake word, nothing of its first word lost
            double from = o.transcript().get("from").asDouble();
            assertTrue(from >= Math.max(t.speechBefore(), t.commandStart() - 0.45) - 0.01 && from <= t.commandStart() + 0.1,
                    which + "heard from " + from + ", speech from " + t.commandStart());
            // ended by the silence after the order (700 ms), not by a pause inside it
            double heard = o.transcript().get("t").asDouble();
            assertTrue(heard > t.commandEnd() + 0.5 && heard < t.commandEnd() + 1.1, which + "ended at " + heard
                    + ", speech until " + t.commandEnd());
            assertEquals("barista", o.response().get("skill").asText());
            for (String value : labels.forFile(t.command()).slots().values()) {
                assertTrue(o.response().get("text").asText().contains(value), which + o.response());
            }
        }
    }

    @Test
    void harksOwnAnswerSayingTheWakeWordWakesNothingAndAPersonCanStillInterruptIt() throws Exception {
        // Hark answers every order with the same sentence, which ends with the wake word; the microphone
        // hears the first answer 6 dB below the person, from when Hark decides (about 0.8 s after the order)
        short[] answer = new ProcessSpeechSynthesizer(ProcessSpeechSynthesizer.Engine.FLITE, "flite", "slt")
                .synthesize(ANSWER).samples();
        String[] orders = {"01a50d1b-ed05-4708-b076-5387ea170058.wav", "05b2d348-4ab5-4ccc-a17e-3ccb3907b272.wav",
            "062522f9-261b-4cc5-9edb-c5183c6402af.wav"};
        RealConversation c = new RealConversation(room, SNR_DB, 2).room(2.5);
        double[] answerAt = new double[2];
        for (int i = 0; i < 3; i++) {
            c.wakePhrase(alexa(i + 1)).tail(talk.get(i), 0.2).pause(0.7).command(orders[i], command(orders[i]));
            if (i < 2) {
                answerAt[i] = c.seconds() - RealConversation.COMMAND_TRAIL_S + 0.85;
            }
            if (i == 0) {
                c.room(0.85 - RealConversation.COMMAND_TRAIL_S + answer.length / (double) PcmFormat.SAMPLE_RATE + 1.5)
                        .overlay(answer, answerAt[0], RealConversation.SPEECH_DBFS - 6);
            } else if (i == 1) {
                // the person says the wake word half a second into the answer; Hark stops talking once it heard it
                c.room(0.85 - RealConversation.COMMAND_TRAIL_S + 0.5);
            }
        }
        c.room(2.0);
        RealConversation.Turn bargeIn = c.turns().get(2);
        short[] cutShort = java.util.Arrays.copyOf(answer, (int) ((bargeIn.wakeEnd() + 0.15 - answerAt[1]) * PcmFormat.SAMPLE_RATE));
        // the wake word model itself misses a wake word said over Hark's voice unless it stands about
        // 15 dB above it (scripts/measure-own-voice.sh): this answer is played more softly
        c.overlay(cutShort, answerAt[1], RealConversation.SPEECH_DBFS - 15);
        Path wav = write(c, "answers.wav");

        double answerEnd = answerAt[0] + answer.length / (double) PcmFormat.SAMPLE_RATE;
        assertTrue(ConversationRun.wakeDetections("alexa", wav).stream().anyMatch(t -> t > answerAt[0] + 1 && t < answerEnd + 0.3),
                "the wake word model alone hears the wake word in Hark's answer");
        List<JsonNode> events = ConversationRun.run(config(ANSWER, true), wav);
        assertEquals(List.of("start", "wake", "transcript", "intent", "response", "wake", "transcript", "intent", "response",
                "wake", "transcript", "intent", "response", "end"), names(events), "Hark did not wake itself");
        ConversationRun.Result r = ConversationRun.match(c.turns(), events, labels);
        for (ConversationRun.Outcome o : r.outcomes()) {
            assertEquals(ConversationRun.Verdict.UNDERSTOOD, o.verdict(), o.turn() + ": " + o.transcript() + " " + o.intent());
        }
        double barge = r.outcomes().get(2).wake().get("t").asDouble();
        assertTrue(barge > answerAt[1] && barge < answerAt[1] + 1.5, "the person's wake word, said over the answer, woke Hark at "
                + barge + " (answer from " + answerAt[1] + " s)");
    }
}
