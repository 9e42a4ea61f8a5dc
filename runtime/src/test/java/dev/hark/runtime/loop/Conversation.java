package dev.hark.runtime.loop;

import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import dev.hark.audio.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A spoken conversation made of flite phrases, real recordings and silences, written as one 16 kHz
 * WAV, remembering where each phrase starts and ends so tests can check event times. flite is
 * deterministic, so the same script makes the same file.
 */
public final class Conversation {
    /** One spoken phrase (or recording) and where it lies in the conversation, in seconds. */
    public record Phrase(String text, double start, double end) {
    }

    private final Path dir;
    private final String voice;
    private final List<short[]> parts = new ArrayList<>();
    private final List<Phrase> phrases = new ArrayList<>();
    private int length;

    public Conversation(Path dir, String voice) {
        this.dir = dir;
        this.voice = voice;
    }

    public Conversation say(String text) throws Exception {
        Files.createDirectories(dir);
        Path wav = dir.resolve("phrase-" + phrases.size() + ".wav");
        Process p = new ProcessBuilder("flite", "-voice", voice, "-t", text, "-o", wav.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) { // not an assertion: benchmarks build conversations too, without JUnit
            throw new IllegalStateException("flite failed: " + log);
        }
        short[] pcm = WavReader.readPcm16k(wav);
        phrases.add(new Phrase(text, PcmFormat.seconds(length), PcmFormat.seconds(length + pcm.length)));
        parts.add(pcm);
        length += pcm.length;
        return this;
    }

    /** Seconds {@code from} to {@code to} of a recording (a real person's command). */
    public Conversation play(Path wav, double from, double to) throws Exception {
        short[] all = WavReader.readPcm16k(wav);
        short[] pcm = java.util.Arrays.copyOfRange(all, (int) (from * PcmFormat.SAMPLE_RATE),
                Math.min(all.length, (int) (to * PcmFormat.SAMPLE_RATE)));
        phrases.add(new Phrase(wav.getFileName().toString(), PcmFormat.seconds(length), PcmFormat.seconds(length + pcm.length)));
        parts.add(pcm);
        length += pcm.length;
        return this;
    }

    public Conversation silence(double seconds) {
        short[] s = new short[(int) Math.round(seconds * PcmFormat.SAMPLE_RATE)];
        parts.add(s);
        length += s.length;
        return this;
    }

    public List<Phrase> phrases() {
        return phrases;
    }

    /** The whole conversation as 16 kHz samples. */
    public short[] samples() {
        short[] all = new short[length];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    public Path write(String name) throws Exception {
        Path out = dir.resolve(name);
        Files.createDirectories(dir);
        WavWriter.write(out, samples(), PcmFormat.SAMPLE_RATE);
        return out;
    }
}
