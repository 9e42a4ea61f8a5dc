package dev.hark.runtime.feedback;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses the real espeak-ng and flite that scripts/setup.sh installs. */
class ProcessSpeechSynthesizerTest {
    @TempDir
    Path dir;

    private static double rms(short[] s) {
        double sum = 0;
        for (short v : s) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / s.length) / 32768;
    }

    @Test
    void espeakNgSpeaksTheTextAsSixteenKilohertzAudio() throws IOException {
        ProcessSpeechSynthesizer espeak = ProcessSpeechSynthesizer.find().orElseThrow();
        assertEquals(ProcessSpeechSynthesizer.Engine.ESPEAK_NG, espeak.engine(), "espeak-ng is preferred when installed");
        AudioClip shortText = espeak.synthesize("Done.");
        AudioClip longText = espeak.synthesize("Your timer for two minutes and thirty seconds is done.");
        assertEquals(16000, longText.sampleRate());
        assertTrue(longText.seconds() > 1.5 && longText.seconds() < 8, "seconds " + longText.seconds());
        assertTrue(longText.seconds() > 2 * shortText.seconds(), "longer text, longer speech");
        assertTrue(rms(longText.samples()) > 0.02, "audible: rms " + rms(longText.samples()));
    }

    @Test
    void fliteWorksTooAndTextIsNeverReadAsOptions() throws IOException {
        Path flite = ProcessSpeechSynthesizer.find("/usr/bin").isPresent() ? Path.of("/usr/bin/flite") : null;
        assertNotNull(flite);
        AudioClip clip = new ProcessSpeechSynthesizer(ProcessSpeechSynthesizer.Engine.FLITE, flite.toString(), null)
                .synthesize("-o /tmp/x --help; rm -rf ~");
        assertTrue(clip.seconds() > 1, "the text was spoken, not parsed: " + clip.seconds());
    }

    @Test
    void findPrefersEspeakAndReportsNoneOnAnEmptyPath() throws IOException {
        assertTrue(ProcessSpeechSynthesizer.find("").isEmpty());
        assertTrue(ProcessSpeechSynthesizer.find(dir.toString()).isEmpty());
        Path onlyFlite = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(onlyFlite.resolve("flite"), Path.of("/usr/bin/flite"));
        assertEquals(ProcessSpeechSynthesizer.Engine.FLITE, ProcessSpeechSynthesizer.find(onlyFlite.toString()).orElseThrow().engine());
    }

    @Test
    void aProgramThatFailsIsAnIOExceptionNamingIt() {
        var broken = new ProcessSpeechSynthesizer(ProcessSpeechSynthesizer.Engine.ESPEAK_NG, "/bin/false", null);
        IOException e = assertThrows(IOException.class, () -> broken.synthesize("hello"));
        assertTrue(e.getMessage().startsWith("espeak-ng failed (exit 1)"), e.getMessage());
    }
}
