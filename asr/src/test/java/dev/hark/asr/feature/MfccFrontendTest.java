package dev.hark.asr.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with the reference frontend: sphinx_fe (sphinxbase-utils) run with the model's feat.params
 * and noise removal / silence removal / dither off, on real recordings from pocketsphinx-testdata.
 */
class MfccFrontendTest {

    static float[][] hark(FrontendConfig config, short[] pcm, int chunk) {
        MfccFrontend fe = new MfccFrontend(config);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < pcm.length; i += chunk) {
            fe.process(pcm, i, Math.min(chunk, pcm.length - i), f -> out.add(f.clone()));
        }
        fe.finish(f -> out.add(f.clone()));
        return out.toArray(new float[0][]);
    }

    static float[][] reference(Path raw, Path out, boolean removeNoise) throws Exception {
        TestData.run(List.of("sphinx_fe", "-argfile", TestData.MODEL.resolve("feat.params").toString(),
                "-remove_noise", removeNoise ? "yes" : "no", "-remove_silence", "no", "-dither", "no", "-raw", "yes",
                "-i", raw.toString(), "-o", out.toString()));
        return TestData.readMfc(out, 13);
    }

    @ParameterizedTest
    @ValueSource(strings = {"goforward.raw", "numbers.raw", "something.raw", "tidigits/dhd.2934z.raw"})
    void matchesSphinxFe(String name) throws Exception {
        compare(name, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"goforward.raw", "numbers.raw"})
    void matchesSphinxFeWithNoiseRemoval(String name) throws Exception {
        compare(name, true);
    }

    private void compare(String name, boolean removeNoise) throws Exception {
        Path raw = TestData.PS_DATA.resolve(name);
        float[][] expected = reference(raw, TestData.scratch("fe").resolve(name.replace('/', '_') + removeNoise + ".mfc"), removeNoise);
        FrontendConfig config = FrontendConfig.read(TestData.MODEL.resolve("feat.params")).withNoiseRemoval(removeNoise);
        short[] pcm = TestData.readRaw(raw);
        // odd chunk size: frames must not depend on how the stream is cut
        float[][] actual = hark(config, pcm, 333);
        assertEquals(expected.length, actual.length, "frame count");
        double worst = 0;
        for (int t = 0; t < expected.length; t++) {
            for (int i = 0; i < 13; i++) {
                double tol = (removeNoise ? 1e-3 : 1e-4) * Math.max(1.0, Math.abs(expected[t][i]));
                double err = Math.abs(expected[t][i] - actual[t][i]);
                worst = Math.max(worst, err / tol);
                assertTrue(err <= tol, "frame " + t + " c" + i + ": expected " + expected[t][i] + " got " + actual[t][i]);
            }
        }
        assertTrue(worst < 1.0);
    }
}
