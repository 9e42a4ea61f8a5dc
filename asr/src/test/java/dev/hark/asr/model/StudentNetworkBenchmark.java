package dev.hark.asr.model;

import dev.hark.asr.TestData;
import dev.hark.asr.feature.FeatureExtractor;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.audio.WavReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Speed of the neural acoustic model's network on real recordings, against the GMM it is fused
 * with, in the same run: CPU microseconds per frame to stream every frame through each ONNX file
 * given ({@link StudentNetwork}, one intra-op thread, as the recogniser runs it) and, as the
 * reference, for the GMM to score every senone of the grammar's worst case (all CI phones' senones,
 * as {@link CodebookBenchmark}), and for each model and the GMM run in turn on every frame, as
 * the fused model runs them (each evicts the other's tables from the caches). Passes are
 * interleaved across the models; medians of seven.
 * A checksum of the scores shows that a faster export scores the same. A model exported for other
 * frames per run or another width than the built-in one is given with its description, {@code MODEL.onnx@MODEL.json}.
 * Not a test:
 * {@code java -cp ... dev.hark.asr.model.StudentNetworkBenchmark MODEL.onnx[@DESC.json][,MODEL2.onnx...] WAV...}
 * (docs/benchmarks/asr.md).
 */
public final class StudentNetworkBenchmark {
    public static void main(String[] args) throws Exception {
        SphinxAcousticModel gmm = SphinxAcousticModel.load(TestData.MODEL);
        String[] files = args[0].split(",");
        List<float[]> feats = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            FeatureExtractor fx = new FeatureExtractor(gmm.frontend().withCmn(FrontendConfig.CmnMode.BATCH));
            short[] pcm = WavReader.readPcm16k(Path.of(args[i]));
            fx.process(pcm, 0, pcm.length, f -> feats.add(f.clone()));
            fx.finish(f -> feats.add(f.clone()));
        }
        StudentNetwork[] nets = new StudentNetwork[files.length];
        for (int m = 0; m < files.length; m++) {
            String[] file = files[m].split("@", 2);
            NeuralModelDescription d = file.length == 2 ? NeuralModelDescription.read(Path.of(file[1]))
                    : NeuralModelDescription.builtIn();
            nets[m] = new StudentNetwork(d, Files.readAllBytes(Path.of(file[0])), gmm.frontend().featureDimension(), 1, file[0]);
        }
        // every model's scores against the first one's, on every frame (untimed)
        float[][] first = scores(nets[0], feats);
        double[] diff = new double[files.length];
        for (int m = 1; m < files.length; m++) {
            float[][] s = scores(nets[m], feats);
            for (int t = 0; t < s.length; t++) {
                for (int c = 0; c < s[t].length; c++) diff[m] = Math.max(diff[m], Math.abs(s[t][c] - first[t][c]));
            }
        }
        int[] senones = CodebookBenchmark.oneSenonePerCiPhone(gmm);
        int nci = senones.length;
        float[] out = new float[gmm.senoneCount()];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int passes = 7;
        // rows: each model alone, the GMM alone, then each model and the GMM in turn on every frame, as
        // the fused model runs them
        double[][] us = new double[2 * files.length + 1][passes];
        double[] checksum = new double[files.length];
        for (int pass = -1; pass < passes; pass++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (float[] f : feats) {
                gmm.setFrame(f);
                gmm.score(senones, nci, out);
            }
            if (pass >= 0) us[files.length][pass] = (threads.getCurrentThreadCpuTime() - t0) / 1e3 / feats.size();
            for (int m = 0; m < files.length; m++) {
                StudentNetwork net = nets[m];
                double sum = 0;
                t0 = threads.getCurrentThreadCpuTime();
                for (float[] f : feats) {
                    net.push(f);
                    while (net.ready()) sum += net.next()[0];
                }
                net.finish();
                while (net.ready()) sum += net.next()[0];
                net.reset();
                if (pass >= 0) us[m][pass] = (threads.getCurrentThreadCpuTime() - t0) / 1e3 / feats.size();
                checksum[m] = sum;
            }
            for (int m = 0; m < files.length; m++) {
                StudentNetwork net = nets[m];
                t0 = threads.getCurrentThreadCpuTime();
                for (float[] f : feats) {
                    net.push(f);
                    while (net.ready()) net.next();
                    gmm.setFrame(f);
                    gmm.score(senones, nci, out);
                }
                net.finish();
                while (net.ready()) net.next();
                net.reset();
                if (pass >= 0) us[files.length + 1 + m][pass] = (threads.getCurrentThreadCpuTime() - t0) / 1e3 / feats.size();
            }
        }
        System.out.printf("%d frames; median CPU us/frame (min..max of %d passes)%n", feats.size(), passes);
        for (int m = 0; m < us.length; m++) {
            double[] u = us[m].clone();
            Arrays.sort(u);
            String name = m < files.length ? files[m] : m == files.length
                    ? "GMM, all " + nci + " CI phones' senones (reference)"
                    : "GMM in turn with " + files[m - files.length - 1];
            System.out.printf("  %-60s %7.1f (%.1f..%.1f)%s%n", name, u[passes / 2], u[0], u[passes - 1],
                    m < files.length ? String.format("  checksum %.3f, max |score - first model's| %.4f", checksum[m], diff[m]) : "");
        }
        for (StudentNetwork n : nets) n.close();
    }

    private static float[][] scores(StudentNetwork net, List<float[]> feats) {
        List<float[]> rows = new ArrayList<>();
        for (float[] f : feats) {
            net.push(f);
            while (net.ready()) rows.add(net.next().clone());
        }
        net.finish();
        while (net.ready()) rows.add(net.next().clone());
        net.reset();
        return rows.toArray(new float[0][]);
    }
}
