package dev.hark.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The {@code .wav} files under a folder, for the commands and tools that take folders of
 * recordings ({@code hark eval}, {@code hark wakeword train|features}). Costs one directory walk.
 */
public final class WavFiles {
    private WavFiles() {
    }

    /**
     * Every regular file named {@code *.wav} (any case) under {@code folder}, recursively, in path
     * order; linked folders are followed, since corpora are often assembled from links.
     *
     * @throws IOException when {@code folder} is not a folder or cannot be read
     */
    public static List<Path> under(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a folder");
        }
        try (Stream<Path> s = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(p -> Files.isRegularFile(p)
                    && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
