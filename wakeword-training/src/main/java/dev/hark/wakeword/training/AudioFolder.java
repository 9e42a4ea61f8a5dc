package dev.hark.wakeword.training;

import dev.hark.audio.WavReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The WAV files under a folder (recursively, in name order), read on demand as 16 kHz samples.
 * Listing costs a directory walk; reading a file its decoding and resampling.
 */
final class AudioFolder {
    private AudioFolder() {
    }

    /** Every {@code .wav} file under {@code folder}, sorted; linked folders are followed (corpora are often linked together). */
    static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a folder");
        }
        try (Stream<Path> s = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            List<Path> files = new ArrayList<>(s.filter(p -> Files.isRegularFile(p)
                    && p.getFileName().toString().toLowerCase().endsWith(".wav")).sorted().toList());
            return files;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** {@code file} as 16 kHz samples in [-1, 1]. */
    static float[] read(Path file) throws IOException {
        return SpeechSynthesizer.toFloat(WavReader.readPcm16k(file));
    }
}
