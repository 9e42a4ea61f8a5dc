package dev.hark.wakeword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.audio.WavReader;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Time batching: the time-batched embedding models (scripts/wakeword/time-batch.py, derived by
 * {@code hark models fetch}) give, K frames per run, the embeddings the models give one frame per
 * run, and a batching detector makes the same detections (keyword, frame, score) as one that is not,
 * each returned at most K - 1 frames later. On real people's recordings (../shared/data/commands-dev),
 * with Hark's own wake word, which fires on some of them.
 */
class TimeBatchingTest {
    private static final Path COMMANDS = TestAudio.ROOT.resolve("../shared/data/commands-dev/clean").normalize();
    private static final int BATCH = 4;

    private static short[] realSpeech() throws Exception {
        List<short[]> parts = new ArrayList<>();
        for (String id : List.of("3df788b5-8fe3-4520-a079-9aeff4a6422f", "06fcc9ca-99f0-4ac0-9ae5-74b719960cd0",
                "1e70a5cf-3954-4fbe-b235-e763a01a7f3f")) {
            parts.add(WavReader.readPcm16k(COMMANDS.resolve(id + ".wav")));
            parts.add(TestAudio.silence(0.5));
        }
        return TestAudio.concat(parts.toArray(short[][]::new));
    }

    @Test
    void batchedEmbeddingsEqualOneFramePerRun() throws Exception {
        short[] speech = realSpeech();
        for (String file : List.of(ModelFiles.EMBEDDING, ModelFiles.EMBEDDING_INT8)) {
            Path single = ModelFiles.require(TestAudio.MODELS, file);
            Path batched = ModelFiles.require(TestAudio.MODELS, ModelFiles.timeBatched(file));
            try (SpeechEmbeddingFrontEnd one = new SpeechEmbeddingFrontEnd(null, single, null, BATCH, 1, 1);
                 SpeechEmbeddingFrontEnd four = new SpeechEmbeddingFrontEnd(null, batched, null, BATCH, BATCH, 1)) {
                FloatBuffer a = FloatBuffer.allocate(BATCH * SpeechEmbeddingFrontEnd.EMBEDDING_DIM);
                FloatBuffer b = FloatBuffer.allocate(BATCH * SpeechEmbeddingFrontEnd.EMBEDDING_DIM);
                int compared = 0;
                for (short[] frame : TestAudio.frames(speech)) {
                    one.process(frame, true);
                    four.process(frame, false);
                    if (four.owed() == BATCH) {
                        four.embedOwed();
                        one.copyEmbeddings(BATCH, 0, a);
                        four.copyEmbeddings(BATCH, 0, b);
                        for (int i = 0; i < a.capacity(); i++) {
                            assertEquals(a.get(i), b.get(i), 1e-5f, file + ", frame " + one.frames() + ", value " + i);
                        }
                        compared += BATCH;
                    }
                }
                assertTrue(compared > 150, file + ": " + compared + " embeddings compared");
            }
        }
    }

    private static WakeWordDetector helloHark(int batch) throws ModelLoadException {
        // refractory 0 and low thresholds: every frame scoring above them is a detection, so the lists
        // compare the scores of all frames where a keyword stirs, not only where it fires
        return WakeWordDetector.builder().modelDirectory(TestAudio.MODELS).levelGateOnly()
                .frontEndFiles(null, ModelFiles.EMBEDDING).screeningEmbedding(ModelFiles.EMBEDDING_INT8, 0.05f)
                .keyword(KeywordDescription.bundled(KeywordDescription.DEFAULT), 1e-6f).pretrainedKeyword("alexa", 1e-6f)
                .refractorySeconds(0)
                .embeddingBatch(batch).build();
    }

    @Test
    void batchingDetectorMakesTheSameDetectionsAtMostKMinusOneFramesLater() throws Exception {
        short[] stream = TestAudio.concat(TestAudio.silence(2.0), realSpeech());
        try (WakeWordDetector one = helloHark(1); WakeWordDetector four = helloHark(BATCH)) {
            List<Detection> expected = new ArrayList<>();
            List<Detection> batched = new ArrayList<>();
            long frame = 0;
            for (short[] f : TestAudio.frames(stream)) {
                expected.addAll(one.process(f));
                for (Detection d : four.process(f)) {
                    assertTrue(frame - d.frameIndex() >= 0 && frame - d.frameIndex() <= BATCH - 1,
                            "frame " + d.frameIndex() + " returned at frame " + frame);
                    batched.add(d);
                }
                frame++;
            }
            batched.addAll(four.flush());
            assertTrue(expected.stream().anyMatch(d -> d.keyword().equals(KeywordDescription.DEFAULT) && d.score() >= 0.9f),
                    "hello_hark fires on these recordings: " + expected);
            assertTrue(expected.size() > 50, "frames scoring above the thresholds: " + expected.size());
            assertEquals(expected.size(), batched.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).keyword(), batched.get(i).keyword(), "detection " + i);
                assertEquals(expected.get(i).frameIndex(), batched.get(i).frameIndex(), "detection " + i);
                assertEquals(expected.get(i).timeSeconds(), batched.get(i).timeSeconds(), "detection " + i);
                assertEquals(expected.get(i).score(), batched.get(i).score(), 1e-5f, "detection " + i);
            }
        }
    }

    @Test
    void aModelWithAFixedWindowIsRefusedForBatching() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> new SpeechEmbeddingFrontEnd(null,
                ModelFiles.require(TestAudio.MODELS, ModelFiles.EMBEDDING_INT8), null, BATCH, BATCH, 1));
        assertTrue(e.getMessage().contains("not a time-batched openWakeWord embedding model"), e.getMessage());
    }
}
