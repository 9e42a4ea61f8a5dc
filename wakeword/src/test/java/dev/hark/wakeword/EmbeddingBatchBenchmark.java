package dev.hark.wakeword;

import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU of the embedding stage (mel spectrogram in Java, then the embedding model) with time batching:
 * the int8 and fp32 front ends embedding every frame of a recording with K = 1 (the models as
 * fetched, one run per frame) and K = 2, 4, 8 (the time-batched variants, one run per K frames),
 * alternating the variants over four passes (thread CPU time over audio time; the first pass warms up
 * the JIT). Not a test: docs/benchmarks/wakeword.md gives the command and records a run.
 *
 * <p>Arguments: WAV [MODEL_DIR] (default: models/files).
 */
public final class EmbeddingBatchBenchmark {
    private static final int[] BATCHES = {1, 2, 4, 8};

    private EmbeddingBatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: EmbeddingBatchBenchmark WAV [MODEL_DIR]");
            System.exit(2);
        }
        short[][] frames = TestAudio.frames(WavReader.readPcm16k(Path.of(args[0])));
        Path models = args.length > 1 ? Path.of(args[1]) : ModelFiles.defaultDirectory();
        double audio = PcmFormat.seconds((long) frames.length * PcmFormat.FRAME_SAMPLES);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String model : new String[] {ModelFiles.EMBEDDING_INT8, ModelFiles.EMBEDDING}) {
            SpeechEmbeddingFrontEnd[] frontEnds = new SpeechEmbeddingFrontEnd[BATCHES.length];
            try {
                for (int b = 0; b < BATCHES.length; b++) {
                    String file = BATCHES[b] == 1 ? model : ModelFiles.timeBatched(model);
                    frontEnds[b] = new SpeechEmbeddingFrontEnd(null, ModelFiles.require(models, file), null,
                            BATCHES[b], BATCHES[b], 1);
                }
                System.out.println("\n" + model + ": CPU / audio of the front end (mel + embedding)\n");
                System.out.println("| pass | K = 1 | K = 2 | K = 4 | K = 8 |\n|---|---|---|---|---|");
                for (int pass = 0; pass < 4; pass++) {
                    StringBuilder row = new StringBuilder("| " + pass + (pass == 0 ? " (warm-up)" : "") + " |");
                    for (int b = 0; b < BATCHES.length; b++) {
                        SpeechEmbeddingFrontEnd fe = frontEnds[b];
                        fe.reset();
                        long t0 = cpu.getCurrentThreadCpuTime();
                        for (short[] frame : frames) {
                            fe.process(frame, false);
                            if (fe.owed() == BATCHES[b]) {
                                fe.embedOwed();
                            }
                        }
                        double share = (cpu.getCurrentThreadCpuTime() - t0) / 1e9 / audio;
                        row.append(String.format(Locale.ROOT, " %.3f %% |", share * 100));
                    }
                    System.out.println(row);
                }
            } finally {
                for (SpeechEmbeddingFrontEnd fe : frontEnds) {
                    if (fe != null) {
                        fe.close();
                    }
                }
            }
        }
    }
}
