package dev.hark.speaker;

import dev.hark.audio.WavReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A folder of recordings labelled by speaker: {@code DIR/SPEAKER/*.wav}, read whole into memory
 * (16 kHz, any WAV Hark reads). Each speaker's recordings are taken in file-name order: the first
 * {@code enrollRecordings} are their enrollment, the rest are test recordings, which
 * {@link #segments} cuts into pieces of a fixed length. Cost: the folder's audio in memory
 * (32 kB per second).
 */
public final class LabelledSpeech {
    private static final int RATE = 16000;

    /** One speaker's enrollment and test recordings. */
    public record Speaker(String name, List<short[]> enrollment, List<short[]> tests) {
    }

    /** A piece of a test recording, of {@code speaker} (an index into {@link #speakers()}). */
    public record Segment(int speaker, short[] pcm) {
    }

    private final Path dir;
    private final List<Speaker> speakers;

    private LabelledSpeech(Path dir, List<Speaker> speakers) {
        this.dir = dir;
        this.speakers = speakers;
    }

    /**
     * Reads {@code dir}. Each speaker's first {@code enrollRecordings} recordings are the enrollment,
     * each cut to its first {@code enrollSeconds} (0: whole); a speaker with no test recording left
     * is refused, as is a folder without speaker folders.
     */
    public static LabelledSpeech read(Path dir, int enrollRecordings, double enrollSeconds) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a folder of speaker folders");
        }
        List<Speaker> speakers = new ArrayList<>();
        for (Path s : sorted(dir, Files::isDirectory)) {
            List<Path> wavs = sorted(s, f -> f.getFileName().toString().toLowerCase().endsWith(".wav"));
            if (wavs.isEmpty()) {
                continue;
            }
            if (wavs.size() <= enrollRecordings) {
                throw new IOException(s + ": " + wavs.size() + " recordings; " + enrollRecordings
                        + " are for enrollment and at least one more is needed for testing");
            }
            List<short[]> enroll = new ArrayList<>();
            List<short[]> tests = new ArrayList<>();
            for (int i = 0; i < wavs.size(); i++) {
                short[] pcm = WavReader.readPcm16k(wavs.get(i));
                if (i < enrollRecordings) {
                    enroll.add(enrollSeconds > 0 && pcm.length > enrollSeconds * RATE
                            ? Arrays.copyOf(pcm, (int) Math.round(enrollSeconds * RATE)) : pcm);
                } else {
                    tests.add(pcm);
                }
            }
            speakers.add(new Speaker(s.getFileName().toString(), enroll, tests));
        }
        if (speakers.isEmpty()) {
            throw new IOException(dir + ": no speaker folders with WAV files (expected DIR/SPEAKER/*.wav)");
        }
        return new LabelledSpeech(dir, List.copyOf(speakers));
    }

    private static List<Path> sorted(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (keep.test(p) && !p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    public Path dir() {
        return dir;
    }

    public List<Speaker> speakers() {
        return speakers;
    }

    /**
     * Every test recording cut into consecutive pieces of exactly {@code seconds} (the rest of a
     * recording is dropped); a recording shorter than that but at least three quarters of it is one
     * piece, whole, so that recordings of about the length count. {@code seconds} 0: whole recordings.
     */
    public List<Segment> segments(double seconds) {
        int n = (int) Math.round(seconds * RATE);
        List<Segment> out = new ArrayList<>();
        for (int s = 0; s < speakers.size(); s++) {
            for (short[] pcm : speakers.get(s).tests()) {
                if (n == 0 || (pcm.length < n && pcm.length >= 0.75 * n)) {
                    out.add(new Segment(s, pcm));
                    continue;
                }
                for (int at = 0; at + n <= pcm.length; at += n) {
                    out.add(new Segment(s, Arrays.copyOfRange(pcm, at, at + n)));
                }
            }
        }
        return out;
    }
}
