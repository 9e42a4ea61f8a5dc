package dev.hark.asr.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.TestData;
import dev.hark.audio.WavReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    static float[][] reference(Path raw, Path out, boolean removeNoise, boolean removeSilence) throws Exception {
        TestData.run(List.of("sphinx_fe", "-argfile", TestData.MODEL.resolve("feat.params").toString(),
                "-remove_noise", removeNoise ? "yes" : "no", "-remove_silence", removeSilence ? "yes" : "no",
                "-dither", "no", "-raw", "yes", "-i", raw.toString(), "-o", out.toString()));
        return TestData.readMfc(out, 13);
    }

    @ParameterizedTest
    @ValueSource(strings = {"goforward.raw", "numbers.raw", "something.raw", "tidigits/dhd.2934z.raw"})
    void matchesSphinxFe(String name) throws Exception {
        compare(TestData.PS_DATA.resolve(name), false, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"goforward.raw", "numbers.raw"})
    void matchesSphinxFeWithNoiseRemoval(String name) throws Exception {
        compare(TestData.PS_DATA.resolve(name), true, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"goforward.raw", "numbers.raw"})
    void matchesSphinxFeWithSilenceRemoval(String name) throws Exception {
        compare(TestData.PS_DATA.resolve(name), true, true);
    }

    /** Real commands with seconds of digital zeros and very low noise floors around the speech. */
    @ParameterizedTest
    @ValueSource(strings = {"0b3c4445-7e32-4372-a2a2-3b8d903dbf80.wav", "6aaee34c-c84f-42e2-9d30-9d6654004d74.wav",
            "05984e70-4ec7-4aaa-af56-8dbacf982486.wav"})
    void matchesSphinxFeOnRealCommandsWithDigitalSilence(String name) throws Exception {
        Path wav = Path.of(System.getProperty("hark.root", "..")).resolve("../shared/data/commands-dev/clean").resolve(name).normalize();
        Path raw = TestData.scratch("fe-commands").resolve(name.replace(".wav", ".raw"));
        short[] pcm = WavReader.readPcm16k(wav);
        ByteBuffer buf = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buf.asShortBuffer().put(pcm);
        Files.write(raw, buf.array());
        compare(raw, true, false);
        compare(raw, true, true);
    }

    @Test
    void anUtteranceWithoutSpeechIsDroppedBySphinxbaseAndKeptWhole() throws Exception {
        Path raw = TestData.scratch("fe").resolve("zeros.raw");
        Files.write(raw, new byte[64000]);
        assertEquals(0, reference(raw, raw.resolveSibling("zeros.mfc"), true, true).length);
        FrontendConfig config = FrontendConfig.read(TestData.MODEL.resolve("feat.params"));
        short[] pcm = new short[32000];
        assertEquals(0, hark(config.withKeepAllIfSilent(false), pcm, 1280).length, "sphinxbase's behaviour");
        assertEquals(hark(config.withSilenceRemoval(false), pcm, 1280).length, hark(config, pcm, 1280).length,
                "Hark's fallback: every frame");
    }

    private static void compare(Path raw, boolean removeNoise, boolean removeSilence) throws Exception {
        String name = raw.getParent().getFileName() + "_" + raw.getFileName() + removeNoise + removeSilence + ".mfc";
        float[][] expected = reference(raw, TestData.scratch("fe").resolve(name), removeNoise, removeSilence);
        FrontendConfig config = FrontendConfig.read(TestData.MODEL.resolve("feat.params")).withNoiseRemoval(removeNoise)
                .withSilenceRemoval(removeSilence);
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
