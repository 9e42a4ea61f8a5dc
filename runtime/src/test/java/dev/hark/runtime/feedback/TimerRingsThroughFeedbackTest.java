package dev.hark.runtime.feedback;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.runtime.skills.DispatchResult;
import dev.hark.runtime.skills.Dispatcher;
import dev.hark.runtime.skills.SkillCatalog;
import dev.hark.runtime.skills.SkillHost;
import dev.hark.skill.IntentRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timers skill's ring reaches the person: the alarm earcon, then the sentence, through Feedback. */
class TimerRingsThroughFeedbackTest {
    @TempDir
    Path dir;

    private List<String> wavs(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aTimerRingsWithTheAlarmSoundThenItsSentence() throws Exception {
        Path out = dir.resolve("out");
        try (Feedback feedback = Feedback.builder().output(new WavFolderOutput(out))
                     .speech(ProcessSpeechSynthesizer.find().orElseThrow()).build();
             SkillCatalog catalog = SkillCatalog.load(null);
             SkillHost host = SkillHost.start(catalog, new SkillHost.Options(dir.resolve("state"), Clock.systemDefaultZone(),
                     Map.of(), feedback));
             Dispatcher dispatcher = new Dispatcher(host)) {
            DispatchResult set = dispatcher.dispatch(IntentRequest.builder("setTimer")
                    .slot("duration", "snips/duration", "three seconds", Duration.ofSeconds(3)).build()); // rings after "Timer set" is queued
            feedback.respond(set.response());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (wavs(out).size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(feedback.awaitIdle(Duration.ofSeconds(20)));
            assertEquals(List.of("0001-say.wav", "0002-alarm.wav", "0003-say.wav"), wavs(out));
            assertEquals(new Earcons().get(dev.hark.skill.Earcon.ALARM).samples().length,
                    dev.hark.audio.WavReader.read(out.resolve("0002-alarm.wav")).samples().length);
        }
    }
}
