package dev.hark.wakeword;

import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavFiles;
import dev.hark.audio.WavReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures what screening with the int8 embedding may change for one bundled keyword: every frame of
 * every recording is scored on fp32 and on int8 embeddings (no gate, each file from a fresh state), and
 * for each candidate screen threshold it prints the share of frames the screen passes (those whose fp32
 * embeddings screening recomputes) and the frames fp32 scored at or above 0.5 or the keyword's own
 * threshold that the screen would have missed (each one a decision screening could change). A
 * benchmark, not a test: docs/benchmarks/wakeword.md ("Screening") has the command and the figures.
 *
 * <p>Arguments: KEYWORD WAV_OR_FOLDER...
 */
public final class ScreenMargin {
    private static final float[] SCREENS = {0.001f, 0.01f, 0.05f, 0.1f, 0.2f, 0.3f, 0.5f};

    private ScreenMargin() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ScreenMargin KEYWORD WAV_OR_FOLDER...");
            System.exit(2);
        }
        KeywordDescription keyword = KeywordDescription.bundled(args[0]);
        float threshold = keyword.threshold();
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path p = Path.of(args[i]);
            files.addAll(Files.isDirectory(p) ? WavFiles.under(p) : List.of(p));
        }
        Path dir = ModelFiles.defaultDirectory();
        Path mel = null; // the mel spectrogram in Java, as the detector computes it by default
        try (KeywordHead head = new KeywordHead(keyword.source(), keyword.model(), 1);
             SpeechEmbeddingFrontEnd fp32 = new SpeechEmbeddingFrontEnd(mel, ModelFiles.require(dir, ModelFiles.EMBEDDING), head.window(), 1);
             SpeechEmbeddingFrontEnd int8 = new SpeechEmbeddingFrontEnd(mel, ModelFiles.require(dir, ModelFiles.EMBEDDING_INT8), head.window(), 1)) {
            long frames = 0;
            long[] passed = new long[SCREENS.length];
            long[] missedAtThreshold = new long[SCREENS.length];
            long[] missedAtHalf = new long[SCREENS.length];
            long atThreshold = 0;
            float lowestAtThreshold = 1;
            float lowestAtHalf = 1;
            short[] frame = new short[PcmFormat.FRAME_SAMPLES];
            for (Path file : files) {
                short[] pcm = WavReader.readPcm16k(file);
                fp32.reset();
                int8.reset();
                for (int at = 0; at + frame.length <= pcm.length; at += frame.length) {
                    System.arraycopy(pcm, at, frame, 0, frame.length);
                    fp32.process(frame);
                    int8.process(frame);
                    if (fp32.embeddingsAvailable() < head.window()) {
                        continue;
                    }
                    float exact = head.score(fp32, 0);
                    float screened = head.score(int8, 0);
                    frames++;
                    if (exact >= threshold) {
                        atThreshold++;
                        lowestAtThreshold = Math.min(lowestAtThreshold, screened);
                    }
                    if (exact >= 0.5f) {
                        lowestAtHalf = Math.min(lowestAtHalf, screened);
                    }
                    for (int s = 0; s < SCREENS.length; s++) {
                        if (screened >= SCREENS[s]) {
                            passed[s]++;
                        } else {
                            missedAtThreshold[s] += exact >= threshold ? 1 : 0;
                            missedAtHalf[s] += exact >= 0.5f ? 1 : 0;
                        }
                    }
                }
            }
            System.out.printf("%s: %d files, %d frames scored; fp32 >= %s on %d frames (lowest int8 score there %.4f);"
                    + " lowest int8 score where fp32 >= 0.5: %.4f%n", args[0], files.size(), frames, threshold, atThreshold,
                    lowestAtThreshold, lowestAtHalf);
            System.out.println("| screen | frames passed (fp32 recomputed) | missed, fp32 >= threshold | missed, fp32 >= 0.5 |");
            System.out.println("|---|---|---|---|");
            for (int s = 0; s < SCREENS.length; s++) {
                System.out.printf("| %s | %.3f %% | %d | %d |%n", SCREENS[s], 100.0 * passed[s] / Math.max(1, frames),
                        missedAtThreshold[s], missedAtHalf[s]);
            }
        }
    }
}
