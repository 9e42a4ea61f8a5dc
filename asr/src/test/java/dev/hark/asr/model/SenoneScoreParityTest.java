package dev.hark.asr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.TestData;
import dev.hark.asr.feature.FeatureExtractor;
import dev.hark.asr.feature.FrontendConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Senone scores against pocketsphinx's own: pocketsphinx_batch -senlogdir -compallsen yes writes,
 * per frame, every senone's score relative to the frame's best in units of 1024 ln(1.0001). Hark's
 * scores of the same recording, normalised the same way, must agree closely (pocketsphinx rounds
 * through integer log tables, so not exactly).
 */
class SenoneScoreParityTest {
    @Test
    void senoneScoresMatchPocketsphinx() throws Exception {
        Path dir = TestData.scratch("senlog");
        Files.writeString(dir.resolve("ctl"), "goforward\n");
        TestData.run(List.of("pocketsphinx_batch", "-hmm", TestData.MODEL.toString(), "-dict", TestData.DICT.toString(),
                "-jsgf", TestData.PS_DATA.resolve("goforward.gram").toString(), "-ctl", dir.resolve("ctl").toString(),
                "-cepdir", TestData.PS_DATA.toString(), "-cepext", ".raw", "-adcin", "yes", "-remove_silence", "no",
                "-compallsen", "yes", "-senlogdir", dir.toString(), "-hyp", dir.resolve("hyp").toString()));
        byte[] log = Files.readAllBytes(dir.resolve("000000000.sen"));
        int data = new String(log, 0, 512, StandardCharsets.ISO_8859_1).indexOf("endhdr\n") + 7 + 4;
        ByteBuffer ref = ByteBuffer.wrap(log).order(ByteOrder.LITTLE_ENDIAN);
        ref.position(data);

        SphinxAcousticModel model = SphinxAcousticModel.load(TestData.MODEL);
        FeatureExtractor fx = new FeatureExtractor(model.frontend().withCmn(FrontendConfig.CmnMode.BATCH).withSilenceRemoval(false));
        List<float[]> feats = new ArrayList<>();
        short[] pcm = TestData.readRaw(TestData.PS_DATA.resolve("goforward.raw"));
        fx.process(pcm, 0, pcm.length, f -> feats.add(f.clone()));
        fx.finish(f -> feats.add(f.clone()));

        int n = model.senoneCount();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        float[] scores = new float[n];
        int frames = 0, sameBest = 0;
        double sumAbs = 0;
        while (ref.remaining() >= 2 + 2 * n) {
            assertEquals(n, ref.getShort());
            short[] ps = new short[n];
            for (int i = 0; i < n; i++) ps[i] = ref.getShort();
            model.setFrame(feats.get(frames));
            model.score(all, n, scores);
            int best = 0, psBest = 0;
            for (int i = 1; i < n; i++) {
                if (scores[i] > scores[best]) best = i;
                if (ps[i] < ps[psBest]) psBest = i;
            }
            if (best == psBest) sameBest++;
            for (int i = 0; i < n; i++) {
                sumAbs += Math.abs((scores[best] - scores[i]) / SenoneMixtureWeights.STEP - ps[i]);
            }
            frames++;
        }
        assertEquals(feats.size(), frames);
        double meanAbs = sumAbs / ((double) frames * n);
        assertTrue(meanAbs < 2.0, "mean |difference| " + meanAbs + " units");
        assertTrue(sameBest > 0.85 * frames, "best senone agrees on " + sameBest + "/" + frames + " frames");
    }
}
