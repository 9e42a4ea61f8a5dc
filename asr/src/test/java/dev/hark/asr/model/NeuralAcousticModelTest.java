package dev.hark.asr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.asr.TestData;
import dev.hark.asr.feature.FeatureExtractor;
import dev.hark.asr.feature.FrontendConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped neural acoustic model against the PyTorch network it was exported from
 * (student-reference.json, written by scripts/asr/export_reference.py on the features Hark computes
 * for goforward.raw): same input features, streaming ONNX scores equal to the whole-utterance
 * PyTorch scores (fp32), int8 close to them, one row per frame, deterministic; and the fused
 * senone scores follow the description's weights. The shipped model runs several frames per run
 * ({@code "chunk"}), so the stream checked here includes the last chunk, filled up with the last
 * frame, of an utterance whose length is not a multiple of it (goforward.raw: 278 frames + 20 of
 * context).
 */
class NeuralAcousticModelTest {
    static SphinxAcousticModel gmm;
    static JsonNode ref;
    static float[][] features;

    @BeforeAll
    static void load() throws Exception {
        gmm = SphinxAcousticModel.load(TestData.MODEL);
        try (InputStream in = NeuralAcousticModelTest.class.getResourceAsStream("/dev/hark/asr/student-reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        // the reference was computed on every frame (ReferenceFeatures)
        FeatureExtractor fx = new FeatureExtractor(gmm.frontend().withSilenceRemoval(false).withCmn(FrontendConfig.CmnMode.BATCH));
        List<float[]> out = new ArrayList<>();
        FeatureExtractor.FeatureSink sink = f -> out.add(f.clone());
        short[] pcm = TestData.readRaw(TestData.PS_DATA.resolve(ref.get("recording").asText()));
        fx.process(pcm, 0, pcm.length, sink);
        fx.finish(sink);
        features = out.toArray(new float[0][]);
    }

    /** Every frame's student scores, streamed through the model as the recogniser does. */
    static float[][] stream(NeuralAcousticModel.Variant variant) throws IOException {
        try (NeuralAcousticModel m = NeuralAcousticModel.builder().sphinx(gmm).variant(variant).build()) {
            float[][] rows = new float[features.length][];
            int scored = 0;
            for (int seen = 1; seen <= features.length; seen++) {
                m.observe(features[seen - 1]);
                if (seen - scored > m.lookahead()) {
                    m.setFrame(features[scored]);
                    rows[scored++] = m.studentScores().clone();
                }
            }
            m.endOfUtterance();
            while (scored < features.length) {
                m.setFrame(features[scored]);
                rows[scored++] = m.studentScores().clone();
            }
            m.reset();
            return rows;
        }
    }

    @Test
    void shippedModelScoresAFrameAtMost100MillisecondsAfterItsAudio() throws IOException {
        // Frames are 10 ms; live features stream out 3 frames behind the audio (FeatureExtractor's
        // acceleration window), and the model adds its right context and the wait for its chunk.
        try (NeuralAcousticModel m = NeuralAcousticModel.builder().sphinx(gmm).build()) {
            int frames = 3 + m.lookahead();
            assertTrue(frames <= 10, "look-ahead " + 10 * frames + " ms");
        }
    }

    @Test
    void javaFeaturesAreThoseThePythonReferenceWasComputedOn() {
        assertEquals(ref.get("frames").asInt(), features.length);
        double sum = 0;
        for (float[] f : features) for (float v : f) sum += v;
        assertEquals(ref.get("feature_sum").asDouble(), sum, 1e-3 * Math.max(1, Math.abs(sum)));
    }

    @Test
    void fp32StreamingScoresEqualThePyTorchNetwork() throws IOException {
        float[][] rows = stream(NeuralAcousticModel.Variant.FP32);
        int every = ref.get("every").asInt();
        double worst = 0;
        for (int k = 0; k < ref.get("scores").size(); k++) {
            JsonNode want = ref.get("scores").get(k);
            float[] got = rows[k * every];
            assertEquals(want.size(), got.length);
            for (int c = 0; c < got.length; c++) worst = Math.max(worst, Math.abs(got[c] - want.get(c).asDouble()));
        }
        assertTrue(worst < 2e-3, "max |fp32 - pytorch| = " + worst);
        for (int t = 0; t < rows.length; t++) assertEquals(ref.get("argmax").get(t).asInt(), argmax(rows[t]), "frame " + t);
    }

    @Test
    void int8ScoresStayCloseToFp32AndAreDeterministic() throws IOException {
        float[][] fp = stream(NeuralAcousticModel.Variant.FP32);
        float[][] q = stream(NeuralAcousticModel.Variant.INT8);
        float[][] again = stream(NeuralAcousticModel.Variant.INT8);
        int agree = 0;
        double diff = 0;
        for (int t = 0; t < fp.length; t++) {
            assertTrue(java.util.Arrays.equals(q[t], again[t]), "int8 run differs at frame " + t);
            if (argmax(fp[t]) == argmax(q[t])) agree++;
            for (int c = 0; c < fp[t].length; c++) diff += Math.abs(fp[t][c] - q[t][c]);
        }
        double meanDiff = diff / (fp.length * (double) fp[0].length);
        assertTrue(agree >= 0.9 * fp.length, "int8 agrees with fp32 on " + agree + " of " + fp.length + " frames");
        assertTrue(meanDiff < 0.25, "mean |int8 - fp32| = " + meanDiff);
    }

    @Test
    void fusedScoreIsTheWeightedSumOfGmmAndStudent() throws IOException {
        NeuralModelDescription.Fusion f = NeuralModelDescription.Fusion.constant(0.5f, 2f);
        try (NeuralAcousticModel m = NeuralAcousticModel.builder().sphinx(gmm).fusion(f).build()) {
            for (float[] x : features) m.observe(x);
            m.endOfUtterance();
            int[] senones = {0, 1, 200, 5000};
            float[] fused = new float[gmm.senoneCount()];
            float[] plain = new float[gmm.senoneCount()];
            for (int t = 0; t < 50; t++) {
                m.setFrame(features[t]);
                m.score(senones, senones.length, fused);
                gmm.setFrame(features[t]);
                gmm.score(senones, senones.length, plain);
                for (int s : senones) {
                    int cls = gmm.definition().senoneToCi(s) * 3 + stateOf(s);
                    assertEquals(0.5f * plain[s] + 2f * m.studentScores()[cls], fused[s], 1e-3f * Math.abs(fused[s]) + 1e-3f);
                }
            }
        }
    }

    /**
     * The context term alone: each scored senone's GMM score less the best GMM score among the scored
     * senones of its CI state. So the best scored senone of every state gets exactly 0 and the others
     * their distance below it; a reference taken per phone (codebook), over all senones, from the
     * student, or left out gives other numbers.
     */
    @Test
    void theContextTermIsTheGmmScoreLessTheBestScoredSenoneOfItsState() throws IOException {
        ModelDefinition d = gmm.definition();
        int states = d.emittingStates();
        // every 7th senone: several CI states with more than one scored senone, CI senones among them
        int[] senones = new int[d.senoneCount() / 7];
        for (int i = 0; i < senones.length; i++) senones[i] = i * 7;
        int[] state = new int[d.senoneCount()];
        for (int p = 0; p < d.phoneCount(); p++) {
            for (int j = 0; j < states; j++) state[d.senone(p, j)] = d.base(p) * states + j;
        }
        NeuralModelDescription.Fusion contextOnly = NeuralModelDescription.Fusion.constant(0f, 0f, 1f);
        NeuralModelDescription.Fusion mixed = NeuralModelDescription.Fusion.constant(0.25f, 0.5f, 0.25f);
        try (NeuralAcousticModel c = NeuralAcousticModel.builder().sphinx(gmm).fusion(contextOnly).build();
             NeuralAcousticModel m = NeuralAcousticModel.builder().sphinx(gmm).fusion(mixed).build()) {
            for (float[] x : features) {
                c.observe(x);
                m.observe(x);
            }
            c.endOfUtterance();
            m.endOfUtterance();
            float[] context = new float[d.senoneCount()];
            float[] fused = new float[d.senoneCount()];
            float[] plain = new float[d.senoneCount()];
            int sharedStates = 0;
            for (int t = 0; t < 60; t++) {
                c.setFrame(features[t]);
                c.score(senones, senones.length, context);
                m.setFrame(features[t]);
                m.score(senones, senones.length, fused);
                gmm.setFrame(features[t]);
                gmm.score(senones, senones.length, plain);
                float[] best = new float[d.ciPhoneCount() * states];
                int[] count = new int[best.length];
                java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
                for (int s : senones) {
                    best[state[s]] = Math.max(best[state[s]], plain[s]);
                    count[state[s]]++;
                }
                float[] top = new float[best.length];
                java.util.Arrays.fill(top, Float.NEGATIVE_INFINITY);
                for (int s : senones) {
                    float want = plain[s] - best[state[s]];
                    assertEquals(want, context[s], 1e-3f, "frame " + t + ", senone " + s);
                    assertEquals(0.25f * plain[s] + 0.5f * m.studentScores()[state[s]] + 0.25f * want, fused[s],
                            1e-3f * Math.abs(fused[s]) + 1e-3f, "frame " + t + ", senone " + s);
                    top[state[s]] = Math.max(top[state[s]], context[s]);
                }
                for (int k = 0; k < best.length; k++) {
                    if (count[k] > 0) assertEquals(0f, top[k], "the best scored senone of state " + k + " gets 0");
                    if (count[k] > 1 && t == 0) sharedStates++;
                }
            }
            assertTrue(sharedStates > 20, "the check covers states with several scored senones: " + sharedStates);
        }
    }

    @Test
    void aDescriptionWithoutAContextWeightHasNone() throws IOException {
        Path file = Files.createTempFile("student", ".json");
        try (InputStream in = NeuralAcousticModelTest.class.getResourceAsStream(NeuralModelDescription.BUILT_IN_RESOURCE)) {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(in);
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("fusion")).remove("context");
            Files.writeString(file, root.toString());
        }
        NeuralModelDescription.Fusion f = NeuralModelDescription.read(file).fusion();
        assertEquals(0f, f.contextWeight(0f));
        assertTrue(NeuralModelDescription.builtIn().fusion().contextWeight(0f) > 0f, "the shipped model uses the context term");
        try (InputStream in = NeuralAcousticModelTest.class.getResourceAsStream(NeuralModelDescription.BUILT_IN_RESOURCE)) {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(in);
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("fusion")).putArray("context").add(0.1).add(0.2);
            Files.writeString(file, root.toString());
        }
        IOException e = assertThrows(IOException.class, () -> NeuralModelDescription.read(file));
        assertEquals(file + ": fusion: snr_db, gmm, student and context need the same number of values", e.getMessage());
    }

    @Test
    void theRecogniserDecodesARealRecordingWithIt() throws Exception {
        var grammar = dev.hark.asr.grammar.JsgfGrammar.read(TestData.PS_DATA.resolve("goforward.gram")).compile();
        short[] pcm = TestData.readRaw(TestData.PS_DATA.resolve("goforward.raw"));
        try (NeuralAcousticModel m = NeuralAcousticModel.builder().sphinx(gmm).build()) {
            var r = dev.hark.asr.GrammarRecognizer.builder().model(m).dictionary(TestData.DICT).grammar(grammar).build();
            for (int i = 0; i < pcm.length; i += 1280) r.process(pcm, i, Math.min(1280, pcm.length - i));
            var res = r.finish();
            assertEquals("go forward ten meters", res.transcript());
            int plainFrames = dev.hark.asr.GrammarRecognizer.builder().model(gmm).dictionary(TestData.DICT).grammar(grammar)
                    .build().recognize(pcm).frames();
            assertEquals(plainFrames, res.frames(), "every frame reaches the search despite the look-ahead");
            assertEquals("go forward ten meters", r.recognize(pcm).transcript(), "the model is ready for the next utterance");
        }
    }

    @Test
    void aRecogniserWithoutParametersUsesTheModelsSearchSettings() throws Exception {
        var grammar = dev.hark.asr.grammar.JsgfGrammar.read(TestData.PS_DATA.resolve("goforward.gram")).compile();
        SearchSettings tuned = NeuralModelDescription.builtIn().search();
        var defaults = dev.hark.asr.search.SearchParameters.defaults();
        assertTrue(tuned.silencePenalty() != defaults.silencePenalty() && tuned.rejectThreshold() != defaults.rejectThreshold()
                && tuned.rejectPerPhone() != defaults.rejectPerPhone(), "the shipped description changes these settings");
        try (NeuralAcousticModel m = NeuralAcousticModel.builder().sphinx(gmm).build()) {
            var p = dev.hark.asr.GrammarRecognizer.builder().model(m).dictionary(TestData.DICT).grammar(grammar).build().parameters();
            assertEquals(tuned.silencePenalty(), p.silencePenalty());
            assertEquals(tuned.rejectThreshold(), p.rejectThreshold());
            assertEquals(tuned.rejectPerPhone(), p.rejectPerPhone());
            assertEquals(defaults.withPenalties(defaults.wordPenalty(), tuned.silencePenalty(), defaults.fillerPenalty(),
                    defaults.phoneLoopPenalty()).withRejection(true, tuned.rejectThreshold()).withRejectPerPhone(tuned.rejectPerPhone()), p,
                    "nothing else changes");
            var explicit = defaults.withBeam(-50f);
            assertEquals(explicit, dev.hark.asr.GrammarRecognizer.builder().model(m).dictionary(TestData.DICT).grammar(grammar)
                    .parameters(explicit).build().parameters(), "explicit parameters win");
        }
        assertEquals(defaults, dev.hark.asr.GrammarRecognizer.builder().model(gmm).dictionary(TestData.DICT).grammar(grammar)
                .build().parameters(), "the GMM keeps the defaults");
    }

    @Test
    void aSearchSettingThatIsNotANumberIsRefusedNamingIt() throws IOException {
        Path file = Files.createTempFile("student", ".json");
        try (InputStream in = NeuralAcousticModelTest.class.getResourceAsStream(NeuralModelDescription.BUILT_IN_RESOURCE)) {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(in);
            root.putObject("search").put("silence_penalty", "low");
            Files.writeString(file, root.toString());
        }
        IOException e = assertThrows(IOException.class, () -> NeuralModelDescription.read(file));
        assertEquals(file + ": search.silence_penalty: a number is required", e.getMessage());
    }

    @Test
    void aCorruptModelFileIsRefusedNamingIt() throws IOException {
        Path bad = Files.createTempFile("student", ".onnx");
        Files.write(bad, new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> NeuralAcousticModel.builder().sphinx(gmm)
                .model(NeuralModelDescription.builtIn(), bad).build());
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    }

    private static int stateOf(int senone) {
        ModelDefinition d = gmm.definition();
        for (int p = 0; p < d.phoneCount(); p++) {
            for (int j = 0; j < d.emittingStates(); j++) if (d.senone(p, j) == senone) return j;
        }
        throw new AssertionError("senone " + senone + " unused");
    }

    private static int argmax(float[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[b]) b = i;
        return b;
    }
}
