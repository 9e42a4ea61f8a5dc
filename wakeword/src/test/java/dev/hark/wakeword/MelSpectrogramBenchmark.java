package dev.hark.wakeword;

import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU of the mel spectrogram alone, in Java against openWakeWord's model, on the chunks the front end
 * computes (1760 samples per 80 ms frame), alternating the two over four passes of a recording
 * (thread CPU time over audio time; the first pass warms up the JIT). Not a test: docs/benchmarks/wakeword.md
 * gives the command and records a run.
 *
 * <p>Arguments: WAV [MODEL_DIR] (default: models/files).
 */
public final class MelSpectrogramBenchmark {
    private MelSpectrogramBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: MelSpectrogramBenchmark WAV [MODEL_DIR]");
            System.exit(2);
        }
        short[] pcm = WavReader.readPcm16k(Path.of(args[0]));
        Path models = args.length > 1 ? Path.of(args[1]) : ModelFiles.defaultDirectory();
        int chunk = PcmFormat.FRAME_SAMPLES + SpeechEmbeddingFrontEnd.HISTORY_SAMPLES;
        int frames = (pcm.length - chunk) / PcmFormat.FRAME_SAMPLES;
        double audio = frames * PcmFormat.seconds(PcmFormat.FRAME_SAMPLES);
        float[] samples = new float[chunk];
        float[] out = new float[MelSpectrogram.frames(chunk) * MelSpectrogram.BINS];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (MelSpectrogram java = new JavaMelSpectrogram();
             MelSpectrogram onnx = new OnnxMelSpectrogram(ModelFiles.require(models, ModelFiles.MELSPECTROGRAM), 1,
                     PcmFormat.FRAME_SAMPLES, chunk)) {
            System.out.println("| pass | Java: CPU / audio | model: CPU / audio |\n|---|---|---|");
            for (int pass = 0; pass < 4; pass++) {
                double[] share = new double[2];
                MelSpectrogram[] both = {java, onnx};
                for (int m = 0; m < 2; m++) {
                    long t0 = cpu.getCurrentThreadCpuTime();
                    for (int f = 0; f < frames; f++) {
                        for (int i = 0; i < chunk; i++) {
                            samples[i] = pcm[f * PcmFormat.FRAME_SAMPLES + i];
                        }
                        both[m].compute(samples, chunk, out);
                    }
                    share[m] = (cpu.getCurrentThreadCpuTime() - t0) / 1e9 / audio;
                }
                System.out.printf(Locale.ROOT, "| %d%s | %.3f %% | %.3f %% |%n", pass, pass == 0 ? " (warm-up)" : "",
                        share[0] * 100, share[1] * 100);
            }
        }
    }
}
