package dev.hark.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import dev.hark.audio.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A spoken conversation made of flite phrases and silences, written as one 16 kHz WAV, remembering
 * where each phrase starts and ends so tests can check event times. flite is deterministic, so the
 * same script makes the same file.
 */
final class Conversation {
    /** One spoken phrase and where it lies in the recording, in seconds. */
    record Phrase(String text, double start, double end) {
    }

    private final Path dir;
    private final String voice;
    private final List<short[]> parts = new ArrayList<>();
    private final List<Phrase> phrases = new ArrayList<>();
    private int length;

    Conversation(Path dir, String voice) {
        this.dir = dir;
        this.voice = voice;
    }

    Conversation say(String text) throws Exception {
        Files.createDirectories(dir);
        Path wav = dir.resolve("phrase-" + phrases.size() + ".wav");
        Process p = new ProcessBuilder("flite", "-voice", voice, "-t", text, "-o", wav.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "flite failed: " + log);
        short[] pcm = WavReader.readPcm16k(wav);
        phrases.add(new Phrase(text, PcmFormat.seconds(length), PcmFormat.seconds(length + pcm.length)));
        parts.add(pcm);
        length += pcm.length;
        return this;
    }

    Conversation silence(double seconds) {
        short[] s = new short[(int) Math.round(seconds * PcmFormat.SAMPLE_RATE)];
        parts.add(s);
        length += s.length;
        return this;
    }

    List<Phrase> phrases() {
        return phrases;
    }

    Path write(String name) throws Exception {
        short[] all = new short[length];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        Path out = dir.resolve(name);
        Files.createDirectories(dir);
        WavWriter.write(out, all, PcmFormat.SAMPLE_RATE);
        return out;
    }
}
