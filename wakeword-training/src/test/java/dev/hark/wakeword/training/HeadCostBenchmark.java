package dev.hark.wakeword.training;

import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import dev.hark.wakeword.ModelFiles;
import dev.hark.wakeword.PipelineCost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Listening cost of each keyword head against the shared front end, in the same run: thread CPU
 * time over audio time (real-time factor), median of 7 passes over pocketsphinx-testdata's WAV
 * recordings (scripts/wakeword-eval.sh --cost runs it). Usage: {@code HeadCostBenchmark NAME...}
 * (bundled or pre-trained names).
 */
public final class HeadCostBenchmark {
    private static final int PASSES = 7;

    public static void main(String[] args) throws Exception {
        List<short[]> frames = new ArrayList<>();
        try (var files = Files.walk(WakeWordTrainer.TESTDATA)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".wav")).sorted().toList()) {
                short[] pcm = WavReader.readPcm16k(f);
                for (int s = 0; s + PcmFormat.FRAME_SAMPLES <= pcm.length; s += PcmFormat.FRAME_SAMPLES) {
                    frames.add(Arrays.copyOfRange(pcm, s, s + PcmFormat.FRAME_SAMPLES));
                }
            }
        }
        short[][] all = frames.toArray(new short[0][]);
        double audio = PcmFormat.seconds((long) all.length * PcmFormat.FRAME_SAMPLES);
        try (PipelineCost cost = PipelineCost.open(ModelFiles.defaultDirectory(), List.of(args))) {
            double[] fe = new double[PASSES];
            double[][] heads = new double[args.length][PASSES];
            cost.measure(all); // warm-up: JIT and ONNX Runtime
            for (int p = 0; p < PASSES; p++) {
                PipelineCost.Result r = cost.measure(all);
                fe[p] = r.frontEndNanos() / 1e9 / audio;
                for (int k = 0; k < args.length; k++) {
                    heads[k][p] = r.headNanos()[k] / 1e9 / audio;
                }
            }
            System.out.printf(Locale.ROOT, "%.1f s of audio, median of %d passes%n%n", audio, PASSES);
            System.out.println("| part | real-time factor | share of one core | vs front end |");
            System.out.println("|---|---|---|---|");
            double front = median(fe);
            System.out.printf(Locale.ROOT, "| front end (mel + embedding) | %.5f | %.2f %% | 1 |%n", front, 100 * front);
            for (int k = 0; k < args.length; k++) {
                double h = median(heads[k]);
                System.out.printf(Locale.ROOT, "| head %s | %.5f | %.3f %% | %.3f |%n", args[k], h, 100 * h, h / front);
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
