package dev.hark.wakeword.training;

import dev.hark.audio.WavFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.PcmFormat;
import dev.hark.wakeword.KeywordDescription;
import dev.hark.wakeword.WakeWordDetector;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run on a tiny budget: its head loads in ONNX Runtime through the detector, carries a
 * calibrated threshold, and scores the phrase from voices it never heard higher than other speech.
 */
class WakeWordTrainerTest {
    static final Path MODELS = Path.of(System.getProperty("hark.root", "..")).resolve("models/files");

    @TempDir
    Path dir;

    @Test
    void tinyBudgetHeadPrefersThePhraseOverOtherSpeech() throws Exception {
        // real negatives both embedded beforehand, as hark wakeword features writes them, and read from
        // a folder (pocketsphinx-testdata's, which the trainer takes by default)
        Path negatives = dir.resolve("testdata.features");
        EmbeddingFeatures.write(negatives, EmbeddingFeatures.make(List.of(WakeWordTrainer.TESTDATA), MODELS, 2, line -> { }));
        WakeWordTrainer.Result r = WakeWordTrainer.builder("hey kitchen", dir).minutes(0.4).threads(2).seed(7)
                .negatives(negatives).modelDirectory(MODELS).build().train();
        KeywordDescription d = KeywordDescription.read(r.description());
        assertEquals("hey_kitchen", d.name());
        assertEquals("hey kitchen", d.phrase());
        assertTrue(d.threshold() > 0 && d.threshold() <= 1, "threshold " + d.threshold());
        JsonNode json = new ObjectMapper().readTree(r.description().toFile());
        assertEquals(r.falseActivations(), json.at("/calibration/false_activations").asInt());
        assertTrue(json.at("/calibration/negative_hours").asDouble() > 0);
        int embedded = EmbeddingFeatures.read(negatives).size();
        int streamed = (WavFiles.under(WakeWordTrainer.TESTDATA).size() + ClipJobs.REAL_PER_STREAM - 1) / ClipJobs.REAL_PER_STREAM;
        assertEquals(embedded + streamed, json.at("/training/clips/real").asInt(),
                "every embedded recording is a negative, and the folder's recordings too, streamed in groups");

        SpeechSynthesizer synth = new SpeechSynthesizer(dir);
        // voices at their defaults, unperturbed: the trainer drew random speeds, pitches and lengths
        List<Voice> voices = List.of(new Voice(Voice.FLITE, "slt"), new Voice(Voice.ESPEAK, "en-us"),
                new Voice(Voice.ESPEAK, "en-gb+m3"));
        double phrase = 0;
        double other = 0;
        try (WakeWordDetector detector = WakeWordDetector.builder().modelDirectory(MODELS)
                .keyword(d, d.threshold()).voiceActivityGate(0).build()) {
            for (Voice v : voices) {
                phrase += peak(detector, synth.say(v, "hey kitchen", 1, 1));
                other += Math.max(peak(detector, synth.say(v, "what time is it", 1, 1)),
                        peak(detector, synth.say(v, "turn on the light please", 1, 1)));
            }
        }
        assertTrue(phrase > other, "mean peak on the phrase " + phrase / 3 + " vs other speech " + other / 3);
    }

    /** The head's highest score over an utterance streamed after 2.2 s of faint noise. */
    private static float peak(WakeWordDetector detector, float[] utterance) {
        detector.reset();
        float[] stream = new float[(int) (2.2 * PcmFormat.SAMPLE_RATE) + utterance.length + PcmFormat.SAMPLE_RATE];
        System.arraycopy(utterance, 0, stream, (int) (2.2 * PcmFormat.SAMPLE_RATE), utterance.length);
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < stream.length; i++) {
            stream[i] += (float) (r.nextGaussian() * 1e-4);
        }
        short[] pcm = Signals.toPcm(stream);
        short[] frame = new short[PcmFormat.FRAME_SAMPLES];
        float best = 0;
        for (int s = 0; s + frame.length <= pcm.length; s += frame.length) {
            System.arraycopy(pcm, s, frame, 0, frame.length);
            detector.process(frame);
            best = Math.max(best, detector.score(0));
        }
        return best;
    }
}
