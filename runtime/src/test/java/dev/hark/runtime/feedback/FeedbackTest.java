package dev.hark.runtime.feedback;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.skill.Earcon;
import dev.hark.skill.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackTest {
    @TempDir
    Path dir;

    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final List<LightState> lightStates = Collections.synchronizedList(new ArrayList<>());
    private final Logger log = Logger.getLogger(Feedback.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final StatusLights lights = new StatusLights() {
        @Override
        public void show(LightState state) {
            lightStates.add(state);
        }

        @Override
        public void close() {
        }
    };
    private Feedback feedback;

    private Feedback feedback(SpeechSynthesizer speech) throws Exception {
        log.addHandler(capture);
        feedback = Feedback.builder().output(new WavFolderOutput(dir)).speech(speech).lights(lights).build();
        return feedback;
    }

    @AfterEach
    void close() {
        if (feedback != null) {
            feedback.close();
        }
        log.removeHandler(capture);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aConversationIsHeardInOrderWithTheLightsFollowing() throws Exception {
        Feedback f = feedback(ProcessSpeechSynthesizer.find().orElseThrow());
        f.listening();
        f.thinking();
        f.respond(Response.say("It's four o'clock."));
        f.respond(Response.silent());
        assertTrue(f.awaitIdle(Duration.ofSeconds(30)));
        assertEquals(List.of("0001-listening.wav", "0002-say.wav", "0003-done.wav"), files());
        assertTrue(Files.size(dir.resolve("0002-say.wav")) > 16000, "real speech was written");
        // the loop's event log prints a response: stderr does not repeat it
        assertTrue(logged.stream().noneMatch(l -> l.contains("four o'clock")), logged.toString());
        assertEquals(List.of(LightState.LISTENING, LightState.THINKING, LightState.SPEAKING), lightStates.subList(0, 3));
        assertEquals(LightState.IDLE, lightStates.get(lightStates.size() - 1));
    }

    @Test
    void withoutASynthesizerTextIsLoggedAndHarkGoesOn() throws Exception {
        Feedback f = feedback(null);
        f.announce(Earcon.ALARM, "Your timer for 2 minutes is done.");
        assertTrue(f.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(List.of("0001-alarm.wav"), files());
        assertTrue(logged.contains("say: Your timer for 2 minutes is done."), logged.toString());
    }

    @Test
    void bargeInDropsWhatIsQueuedAndListensAgain() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Feedback f = feedback(text -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new AudioClip("say", new short[1600], 16000);
        });
        f.say("a long answer");
        f.say("and more");
        f.play(Earcon.DONE);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        f.listening(); // the wake word again while the first answer is being synthesised
        release.countDown();
        assertTrue(f.awaitIdle(Duration.ofSeconds(10)));
        assertEquals(List.of("0001-listening.wav"), files(), "nothing queued before the wake word is played");
    }
}
