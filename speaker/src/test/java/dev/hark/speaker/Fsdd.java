package dev.hark.speaker;

import dev.hark.audio.WavReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real test speech: the four FSDD speakers (../shared/data/fsdd beside the repository). Clips are
 * single digits of about 0.4 s, so utterances of a given length are made by concatenating clips in
 * order (digits 0-9 of repetition r, then r+1, ...), as docs/benchmarks/speaker.md describes.
 */
final class Fsdd {
    static final String[] SPEAKERS = {"george", "jackson", "nicolas", "theo"};

    private Fsdd() {
    }

    static Path dir() {
        return Path.of(System.getProperty("hark.root", ".")).resolve("../shared/data/fsdd").normalize();
    }

    static boolean available() {
        return Files.isRegularFile(dir().resolve("0_george_0.wav"));
    }

    /** Utterances of at least {@code seconds} from repetitions {@code firstRep..lastRep} (inclusive) of one speaker. */
    static List<short[]> utterances(String speaker, int firstRep, int lastRep, double seconds) {
        List<short[]> out = new ArrayList<>();
        List<short[]> current = new ArrayList<>();
        int samples = 0;
        for (int rep = firstRep; rep <= lastRep; rep++) {
            for (int digit = 0; digit < 10; digit++) {
                short[] clip = clip(speaker, digit, rep);
                current.add(clip);
                samples += clip.length;
                if (samples >= seconds * 16000) {
                    out.add(concat(current, samples));
                    current.clear();
                    samples = 0;
                }
            }
        }
        return out;
    }

    /** Digits {@code from..to} (inclusive) of one repetition said in a row, as the issue 13 protocol enrolls and tests. */
    static short[] digits(String speaker, int rep, int from, int to) {
        List<short[]> parts = new ArrayList<>();
        int samples = 0;
        for (int d = from; d <= to; d++) {
            parts.add(clip(speaker, d, rep));
            samples += parts.get(parts.size() - 1).length;
        }
        return concat(parts, samples);
    }

    static short[] clip(String speaker, int digit, int rep) {
        try {
            return WavReader.readPcm16k(dir().resolve(digit + "_" + speaker + "_" + rep + ".wav"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static short[] concat(List<short[]> parts, int samples) {
        short[] out = new short[samples];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
