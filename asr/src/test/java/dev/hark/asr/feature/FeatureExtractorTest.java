package dev.hark.asr.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hark.asr.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live CMN tracking, and the 1s_c_d_dd layout computed from the cepstra. */
class FeatureExtractorTest {
    @Test
    void liveMeanConvergesToTheSignalMean() {
        CepstralMeanNormalizer cmn = new CepstralMeanNormalizer(new float[] {40f, 0f});
        float[] last = null;
        for (int t = 0; t < 2000; t++) {
            last = new float[] {10f, 5f};
            cmn.normalize(last);
        }
        assertArrayEquals(new float[] {10f, 5f}, cmn.mean(), 0.5f);
        assertArrayEquals(new float[] {0f, 0f}, last, 0.5f);
        cmn.reset();
        assertArrayEquals(new float[] {40f, 0f}, cmn.mean(), 1e-4f);
    }

    @Test
    void deltasAndAccelerationsFollowSphinxWindows() throws Exception {
        FrontendConfig config = FrontendConfig.read(TestData.MODEL.resolve("feat.params"))
                .withCmn(FrontendConfig.CmnMode.NONE);
        short[] pcm = TestData.readRaw(TestData.PS_DATA.resolve("goforward.raw"));
        List<float[]> ceps = new ArrayList<>();
        MfccFrontend fe = new MfccFrontend(config);
        fe.process(pcm, 0, pcm.length, f -> ceps.add(f.clone()));
        fe.finish(f -> ceps.add(f.clone()));
        List<float[]> feats = new ArrayList<>();
        FeatureExtractor fx = new FeatureExtractor(config);
        for (int i = 0; i < pcm.length; i += 1000) {
            fx.process(pcm, i, Math.min(1000, pcm.length - i), f -> feats.add(f.clone()));
        }
        fx.finish(f -> feats.add(f.clone()));
        int n = ceps.size();
        assertEquals(n, feats.size());
        for (int t = 0; t < n; t++) {
            float[] c = ceps.get(t), f = feats.get(t);
            float[] p1 = ceps.get(Math.max(t - 1, 0)), p2 = ceps.get(Math.max(t - 2, 0)), p3 = ceps.get(Math.max(t - 3, 0));
            float[] n1 = ceps.get(Math.min(t + 1, n - 1)), n2 = ceps.get(Math.min(t + 2, n - 1)), n3 = ceps.get(Math.min(t + 3, n - 1));
            for (int i = 0; i < 13; i++) {
                assertEquals(c[i], f[i], 1e-5f, "c" + i + " at " + t);
                assertEquals(n2[i] - p2[i], f[13 + i], 1e-4f, "d" + i + " at " + t);
                assertEquals((n3[i] - p1[i]) - (n1[i] - p3[i]), f[26 + i], 1e-4f, "dd" + i + " at " + t);
            }
        }
    }
}
