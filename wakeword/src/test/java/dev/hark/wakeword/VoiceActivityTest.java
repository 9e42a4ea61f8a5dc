package dev.hark.wakeword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Silero VAD on real recordings: silence, noise and speech told apart; command endpoints found. */
class VoiceActivityTest {
    private static final Path FSDD = TestAudio.ROOT.resolve("../shared/data/fsdd").normalize();
    private static VoiceActivityDetector vad;

    @BeforeAll
    static void load() throws Exception {
        vad = VoiceActivityDetector.builder().modelDirectory(TestAudio.MODELS).build();
    }

    @AfterAll
    static void close() {
        vad.close();
    }

    /** Fraction of the segment's 512-sample windows with speech probability >= 0.5, from a fresh state. */
    private static double speechFraction(short[] pcm, int from, int to) {
        vad.reset();
        int windows = 0;
        int speech = 0;
        for (int i = from; i + VoiceActivityDetector.WINDOW_SAMPLES <= to; i += VoiceActivityDetector.WINDOW_SAMPLES) {
            windows++;
            speech += vad.process(pcm, i) >= 0.5f ? 1 : 0;
        }
        return speech / (double) windows;
    }

    private static int at(double seconds) {
        return (int) Math.round(seconds * PcmFormat.SAMPLE_RATE);
    }

    @Test
    void roomSilenceBeforeSpeechIsNotSpeech() throws Exception {
        // the first 0.44 s of these recordings is the room before the speaker starts (checked by ear-free
        // inspection: 30-45 dB RMS, no energy in the 250-4000 Hz band above the floor)
        for (String name : new String[] {"goforward.raw", "something.raw", "numbers.raw"}) {
            short[] pcm = TestAudio.pocketsphinx(name);
            double f = speechFraction(pcm, 0, at(0.44));
            assertEquals(0.0, f, name + ": silence classified as speech in " + f + " of windows");
        }
    }

    @Test
    void noiseIsNotSpeech() {
        for (double rms : new double[] {100, 1000, 5000}) {
            short[] noise = TestAudio.noise(at(3.0), rms, 11);
            double f = speechFraction(noise, 0, noise.length);
            assertTrue(f < 0.05, "white noise at RMS " + rms + " classified as speech in " + f + " of windows");
        }
    }

    @Test
    void speechIsSpeech() throws Exception {
        for (String name : new String[] {"goforward.raw", "something.raw", "numbers.raw"}) {
            short[] pcm = TestAudio.pocketsphinx(name);
            double f = speechFraction(pcm, at(0.55), at(2.05));
            assertTrue(f > 0.9, name + ": speech classified as speech in only " + f + " of windows");
        }
        for (String speaker : new String[] {"george", "jackson", "nicolas", "theo"}) {
            short[][] digits = new short[5][];
            for (int d = 0; d < 5; d++) {
                digits[d] = WavReader.readPcm16k(FSDD.resolve(d + "_" + speaker + "_0.wav"));
            }
            short[] pcm = TestAudio.concat(digits);
            double f = speechFraction(pcm, 0, pcm.length);
            assertTrue(f > 0.6, "fsdd " + speaker + " digits classified as speech in only " + f + " of windows");
        }
    }

    @Test
    void stateIsCarriedBetweenWindowsAndClearedByReset() throws Exception {
        short[] pcm = TestAudio.pocketsphinx("something.raw");
        vad.reset();
        float[] first = new float[20];
        for (int w = 0; w < first.length; w++) {
            first[w] = vad.process(pcm, at(0.5) + w * 512);
        }
        vad.reset();
        float[] again = new float[20];
        for (int w = 0; w < again.length; w++) {
            again[w] = vad.process(pcm, at(0.5) + w * 512);
        }
        assertTrue(Arrays.equals(first, again), "reset must restore the initial state exactly");
        // the same window scored with and without the speech before it differs: the state is carried
        vad.reset();
        float cold = vad.process(pcm, at(0.5) + 19 * 512);
        assertTrue(Math.abs(cold - first[19]) > 1e-3, "window 19 scored " + first[19] + " after context and "
                + cold + " cold: no state seems to be carried");
    }

    /**
     * Probabilities equal those of the procedure in silero-vad's own ONNX wrapper, run here straight
     * through ONNX Runtime: input = the previous window's last 64 samples + the new 512, scaled to
     * [-1, 1]; the returned state fed back; sr = 16000.
     */
    @Test
    void matchesTheSileroWrapperProcedure() throws Exception {
        short[] pcm = TestAudio.pocketsphinx("goforward.raw");
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (ai.onnxruntime.OrtSession s = env.createSession(TestAudio.MODELS.resolve("silero_vad_v5.onnx").toString())) {
            float[][][] state = new float[2][1][128];
            float[] context = new float[64];
            vad.reset();
            double worst = 0;
            for (int i = 0; i + 512 <= pcm.length; i += 512) {
                float[][] x = new float[1][576];
                System.arraycopy(context, 0, x[0], 0, 64);
                for (int j = 0; j < 512; j++) {
                    x[0][64 + j] = pcm[i + j] / 32768f;
                }
                System.arraycopy(x[0], 512, context, 0, 64);
                float expected;
                try (var in = ai.onnxruntime.OnnxTensor.createTensor(env, x);
                     var st = ai.onnxruntime.OnnxTensor.createTensor(env, state);
                     var sr = ai.onnxruntime.OnnxTensor.createTensor(env, 16000L);
                     var r = s.run(java.util.Map.of("input", in, "state", st, "sr", sr))) {
                    expected = ((float[][]) r.get(0).getValue())[0][0];
                    state = (float[][][]) r.get(1).getValue();
                }
                worst = Math.max(worst, Math.abs(vad.process(pcm, i) - expected));
            }
            assertTrue(worst < 1e-5, "largest difference from the reference procedure: " + worst);
        }
    }

    /**
     * End of speech on real recordings, against ends set by hand from the 250-4000 Hz band energy in
     * 20 ms steps: something.raw falls to the room floor at 2.11 s, numbers.raw at 3.34 s. The
     * recording's own leading room noise is appended so that 700 ms of silence can follow.
     */
    @Test
    void endOfSpeechIsFoundWithin100msOfHandSetReference() throws Exception {
        assertEndNear("something.raw", 2.11);
        assertEndNear("numbers.raw", 3.34);
    }

    private void assertEndNear(String name, double reference) throws Exception {
        short[] pcm = TestAudio.pocketsphinx(name);
        short[] room = Arrays.copyOfRange(pcm, 0, at(0.44));
        short[] stream = TestAudio.concat(pcm, room, room, room);
        try (EndOfSpeechDetector eos = EndOfSpeechDetector.builder().modelDirectory(TestAudio.MODELS).build()) {
            EndOfSpeechDetector.Status status = EndOfSpeechDetector.Status.WAITING_FOR_SPEECH;
            for (short[] frame : TestAudio.frames(stream)) {
                status = eos.process(frame);
                if (!status.isActive()) {
                    break;
                }
            }
            assertEquals(EndOfSpeechDetector.Status.ENDED, status, name);
            double end = eos.speechEndSeconds();
            assertTrue(Math.abs(end - reference) <= 0.1, name + ": end of speech at " + end + " s, reference " + reference);
            assertTrue(eos.elapsedSeconds() >= end + 0.7 && eos.elapsedSeconds() < end + 0.7 + 0.2,
                    name + ": ended at stream time " + eos.elapsedSeconds() + ", expected 700 ms after " + end);
            assertTrue(eos.speechStartSeconds() > 0.4 && eos.speechStartSeconds() < 0.6,
                    name + ": speech started at " + eos.speechStartSeconds());
        }
    }

    @Test
    void noSpeechTimesOutAndLongSpeechIsCut() throws Exception {
        try (EndOfSpeechDetector eos = EndOfSpeechDetector.builder().modelDirectory(TestAudio.MODELS)
                .startTimeoutMillis(2000).maxLengthMillis(1000).build()) {
            EndOfSpeechDetector.Status status = null;
            short[] quiet = TestAudio.noise(at(3.0), 100, 5);
            for (short[] frame : TestAudio.frames(quiet)) {
                status = eos.process(frame);
                if (!status.isActive()) {
                    break;
                }
            }
            assertEquals(EndOfSpeechDetector.Status.NO_SPEECH, status);
            assertTrue(Math.abs(eos.elapsedSeconds() - 2.0) < 0.1, "timed out at " + eos.elapsedSeconds());

            eos.reset();
            for (short[] frame : TestAudio.frames(TestAudio.pocketsphinx("numbers.raw"))) {
                status = eos.process(frame);
                if (!status.isActive()) {
                    break;
                }
            }
            assertEquals(EndOfSpeechDetector.Status.MAX_LENGTH, status);
            assertTrue(Math.abs(eos.speechEndSeconds() - eos.speechStartSeconds() - 1.0) < 0.05,
                    "cut after " + (eos.speechEndSeconds() - eos.speechStartSeconds()) + " s of speech");
        }
    }
}
