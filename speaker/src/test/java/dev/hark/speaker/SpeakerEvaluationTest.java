package dev.hark.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation protocol on a small labelled folder of the FSDD speakers. */
class SpeakerEvaluationTest {
    @TempDir
    static Path dir;
    private static SpeakerEmbedder embedder;

    /** Each FSDD speaker: 3 enrollment recordings (digits 0-4 of repetitions 0-2) and 4 test recordings of >= 3 s. */
    @BeforeAll
    static void folder() throws IOException {
        embedder = SpeakerEmbedder.builder().build();
        for (String s : Fsdd.SPEAKERS) {
            for (int rep = 0; rep < 3; rep++) {
                WavWriter.write(dir.resolve("all/" + s + "/a-enroll-" + rep + ".wav"), Fsdd.digits(s, rep, 0, 4), 16000);
            }
            List<short[]> tests = Fsdd.utterances(s, 10, 13, 3.0).subList(0, 4);
            for (int i = 0; i < tests.size(); i++) {
                WavWriter.write(dir.resolve("all/" + s + "/b-test-" + i + ".wav"), tests.get(i), 16000);
            }
        }
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void segmentsAreCutToTheLengthAndShortRecordingsCountWhole() throws IOException {
        LabelledSpeech speech = LabelledSpeech.read(dir.resolve("all"), 3, 1.0);
        assertEquals(List.of("george", "jackson", "nicolas", "theo"), speech.speakers().stream().map(LabelledSpeech.Speaker::name).toList());
        LabelledSpeech.Speaker george = speech.speakers().get(0);
        assertEquals(3, george.enrollment().size());
        assertEquals(16000, george.enrollment().get(0).length);
        int whole = 0;
        int pieces = 0;
        for (short[] t : george.tests()) {
            whole++;
            pieces += t.length / 16000;
        }
        List<LabelledSpeech.Segment> ones = speech.segments(1.0);
        assertEquals(pieces, ones.stream().filter(s -> s.speaker() == 0).count());
        assertTrue(ones.stream().allMatch(s -> s.pcm().length == 16000));
        assertEquals(whole, speech.segments(0).stream().filter(s -> s.speaker() == 0).count());
        IOException e = assertThrows(IOException.class, () -> LabelledSpeech.read(dir.resolve("all"), 7, 0));
        assertTrue(e.getMessage().endsWith("7 recordings; 7 are for enrollment and at least one more is needed for testing"), e.getMessage());
    }

    @Test
    void householdsOfTwoIdentifyTheirOwnAndMeetTheOtherHouseholdAsStrangers() throws IOException {
        SpeakerEvaluation ev = new SpeakerEvaluation(embedder, 2);
        LabelledSpeech speech = LabelledSpeech.read(dir.resolve("all"), 3, 0);
        List<VoiceProfile> profiles = ev.enroll(speech);
        SpeakerEvaluation.Scores s = ev.score(speech, profiles, null, 3.0);
        int n = s.knownBest().length;
        assertEquals(16, n);
        // every segment is a target for its own profile and a non-target for the 3 others
        assertEquals(n, s.targets().length);
        assertEquals(3 * n, s.nonTargets().length);
        // and an unknown voice to the other household
        assertEquals(n, s.unknownBest().length);
        assertTrue(s.identificationRate() >= 0.8, "identified " + s.identificationRate());
        assertTrue(s.verification().equalErrorRate()[0] < 0.25, "EER " + s.verification().equalErrorRate()[0]);
        // a segment named correctly scores its own profile; the unknown side is the other household's best
        assertEquals(s.identified(), java.util.Arrays.stream(s.knownBest()).filter(Double::isFinite).count());
        assertTrue(s.namedRate(0) == s.identificationRate() && s.unknownAcceptRate(0) == 1.0);
        double[] cal = SpeakerEvaluation.calibrate(List.of(s));
        assertEquals(s.namedRate(cal[1]), 1 - s.openSet().falseRejectRate(cal[1]), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new SpeakerEvaluation(embedder, 4).score(speech, profiles, null, 3.0));
    }

    @Test
    void anUnknownFolderMakesOneHousehold() throws IOException {
        SpeakerEvaluation ev = new SpeakerEvaluation(embedder, 4);
        LabelledSpeech speech = LabelledSpeech.read(dir.resolve("all"), 3, 0);
        LabelledSpeech strangers = LabelledSpeech.read(dir.resolve("all"), 0, 0);
        SpeakerEvaluation.Scores s = ev.score(speech, ev.enroll(speech), strangers, 0);
        assertEquals(16, s.knownBest().length);
        // every recording of the unknown folder, enrollment ones included
        assertEquals(28, s.unknownBest().length);
        assertEquals(44, s.segments());
    }
}
