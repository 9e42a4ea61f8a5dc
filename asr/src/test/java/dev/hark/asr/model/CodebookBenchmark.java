package dev.hark.asr.model;

import dev.hark.asr.TestData;
import dev.hark.asr.feature.FeatureExtractor;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.audio.WavReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Speed of Gaussian codebook evaluation on real recordings: CPU microseconds per frame to score one
 * senone of every CI phone, which needs all 42 codebooks x 3 streams (what the rejection phone
 * loop asks for every frame), and a checksum of the scores so that a faster version can be seen to
 * score the same. Not a test: {@code java -cp ... dev.hark.asr.model.CodebookBenchmark WAV...}
 * (docs/benchmarks/asr.md); medians of five passes.
 */
public final class CodebookBenchmark {
    public static void main(String[] args) throws Exception {
        SphinxAcousticModel model = SphinxAcousticModel.load(TestData.MODEL);
        List<float[]> feats = new ArrayList<>();
        for (String a : args) {
            FeatureExtractor fx = new FeatureExtractor(model.frontend().withCmn(FrontendConfig.CmnMode.BATCH));
            short[] pcm = WavReader.readPcm16k(Path.of(a));
            fx.process(pcm, 0, pcm.length, f -> feats.add(f.clone()));
            fx.finish(f -> feats.add(f.clone()));
        }
        int[] senones = oneSenonePerCiPhone(model);
        int nci = senones.length;
        float[] out = new float[model.senoneCount()];
        double checksum = 0;
        for (float[] f : feats) {
            model.setFrame(f);
            model.score(senones, nci, out);
            for (int s : senones) checksum += out[s];
        }
        var threads = ManagementFactory.getThreadMXBean();
        double[] us = new double[5];
        for (int rep = 0; rep < us.length; rep++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (float[] f : feats) {
                model.setFrame(f);
                model.score(senones, nci, out);
            }
            us[rep] = (threads.getCurrentThreadCpuTime() - t0) / 1e3 / feats.size();
        }
        java.util.Arrays.sort(us);
        System.out.printf("%d frames, all %d codebooks: median %.1f us/frame (passes %.1f..%.1f), score checksum %.3f%n",
                feats.size(), nci, us[2], us[0], us[4], checksum);
    }

    /** One senone of every CI phone: scoring them needs every codebook, the phone loop's worst case. */
    static int[] oneSenonePerCiPhone(SphinxAcousticModel model) {
        int nci = model.definition().ciPhoneCount();
        int[] senones = new int[nci];
        int k = 0;
        for (int s = 0; s < model.senoneCount() && k < nci; s++) {
            if (model.definition().senoneToCi(s) == k) senones[k++] = s;
        }
        return senones;
    }
}
