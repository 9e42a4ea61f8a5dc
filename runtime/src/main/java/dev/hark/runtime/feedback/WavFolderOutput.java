package dev.hark.runtime.feedback;

import dev.hark.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes each clip to a folder as {@code 0001-listening.wav}, {@code 0002-say.wav}..., numbered in play
 * order, instead of playing it: for tests, for machines without a sound card, and to keep a record of
 * what Hark said. Each file is written atomically. Numbering continues after the highest number already
 * in the folder, so a restart never overwrites earlier files.
 */
public final class WavFolderOutput implements AudioOutput {
    private final Path folder;
    private final AtomicInteger counter;

    /** Writes into {@code folder}, creating it if needed. */
    public WavFolderOutput(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
        int highest = 0;
        try (var files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                int dash = n.indexOf('-');
                if (dash == 4 && n.endsWith(".wav") && n.substring(0, 4).chars().allMatch(Character::isDigit)) {
                    highest = Math.max(highest, Integer.parseInt(n.substring(0, 4)));
                }
            }
        }
        counter = new AtomicInteger(highest);
    }

    @Override
    public void play(AudioClip clip) throws IOException {
        String label = clip.label().replaceAll("[^A-Za-z0-9_-]", "_");
        WavWriter.write(folder.resolve(String.format("%04d-%s.wav", counter.incrementAndGet(), label)),
                clip.samples(), clip.sampleRate());
    }

    @Override
    public void stop() {
        // writing a file is not interrupted: the record of what was said stays whole
    }

    @Override
    public void close() {
    }
}
