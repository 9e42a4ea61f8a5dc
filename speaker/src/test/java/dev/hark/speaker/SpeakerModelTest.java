package dev.hark.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.WavReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in model on real recordings: speaker separation, int8 parity, parity with the training frontend. */
class SpeakerModelTest {
    private static SpeakerEmbedder fp32;
    private static SpeakerEmbedder int8;

    @BeforeAll
    static void load() throws IOException {
        fp32 = SpeakerEmbedder.builder().build();
        int8 = SpeakerEmbedder.builder().variant(SpeakerEmbedder.Variant.INT8).build();
    }

    @AfterAll
    static void close() {
        fp32.close();
        int8.close();
    }

    @Test
    void sameSpeakerScoresHigherThanDifferentSpeakersOnRealRecordings() {
        int n = Fsdd.SPEAKERS.length;
        float[][] profile = new float[n][];
        float[][] test = new float[n][];
        for (int s = 0; s < n; s++) {
            List<short[]> enroll = Fsdd.utterances(Fsdd.SPEAKERS[s], 0, 9, 3.0).subList(0, 3);
            profile[s] = Embeddings.mean(enroll.stream().map(fp32::embed).toArray(float[][]::new));
            test[s] = fp32.embed(Fsdd.utterances(Fsdd.SPEAKERS[s], 40, 44, 3.0).get(0));
        }
        for (int s = 0; s < n; s++) {
            double same = Embeddings.cosine(profile[s], test[s]);
            for (int o = 0; o < n; o++) {
                if (o != s) {
                    double other = Embeddings.cosine(profile[o], test[s]);
                    assertTrue(same > other, Fsdd.SPEAKERS[s] + " scores " + same + " against their own profile but "
                            + other + " against " + Fsdd.SPEAKERS[o]);
                }
            }
        }
    }

    @Test
    void int8VariantStaysWithinToleranceOfFp32() {
        for (String speaker : Fsdd.SPEAKERS) {
            for (short[] u : Fsdd.utterances(speaker, 30, 31, 1.0)) {
                double c = Embeddings.cosine(fp32.embed(u), int8.embed(u));
                assertTrue(c >= SpeakerModelParity.MIN_COSINE, speaker + ": fp32/int8 cosine " + c);
            }
        }
    }

    @Test
    void javaFrontendAndNetworkMatchTheTrainingPipeline() throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/dev/hark/speaker/reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        short[] pcm = WavReader.readPcm16k(Path.of(ref.get("file").asText()));
        FbankFrontend.Features f = fp32.features(pcm);
        assertEquals(ref.get("frames").asInt(), f.frames());
        JsonNode rows = ref.get("fbank_every_10th_frame");
        double worst = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (int m = 0; m < f.melBins(); m++) {
                worst = Math.max(worst, Math.abs(rows.get(r).get(m).asDouble() - f.values()[r * 10 * f.melBins() + m]));
            }
        }
        assertTrue(worst < 1e-3, "largest log-mel difference from fbank.py " + worst);
        float[] expected = new float[ref.get("embedding").size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) ref.get("embedding").get(i).asDouble();
        }
        double c = Embeddings.cosine(expected, fp32.embed(f));
        assertTrue(c > 0.9999, "cosine with the PyTorch embedding " + c);
    }
}
