package dev.hark.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnrollmentTest {
    private static SpeakerEmbedder embedder;

    @BeforeAll
    static void load() throws IOException {
        embedder = SpeakerEmbedder.builder().build();
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void silenceIsRefusedWithAReason() {
        Enrollment e = new Enrollment(embedder, "alice");
        SpeakerInputException x = assertThrows(SpeakerInputException.class, () -> e.add("quiet.wav", new short[32000]));
        assertTrue(x.getMessage().startsWith("quiet.wav: silent"), x.getMessage());
        short[] hiss = new short[32000];
        Random r = new Random(1);
        for (int i = 0; i < hiss.length; i++) {
            hiss[i] = (short) Math.round(r.nextGaussian() * 3); // about -80 dBFS
        }
        x = assertThrows(SpeakerInputException.class, () -> e.add("hiss.wav", hiss));
        assertTrue(x.getMessage().startsWith("hiss.wav: silent (loudest frame -"), x.getMessage());
        assertEquals(0, e.size());
    }

    @Test
    void aRecordingWithLessThanAThirdOfASecondOfSpeechIsRefused() {
        Enrollment e = new Enrollment(embedder, "alice");
        short[] digit = Fsdd.clip("george", 3, 0);
        short[] fifth = Arrays.copyOfRange(digit, digit.length / 2 - 2000, digit.length / 2 + 2000);
        SpeakerInputException x = assertThrows(SpeakerInputException.class, () -> e.add("bit.wav", fifth));
        assertTrue(x.getMessage().startsWith("bit.wav: too short (0.") && x.getMessage().endsWith("at least 0.3 s is needed)"),
                x.getMessage());
        x = assertThrows(SpeakerInputException.class, () -> e.add("blip.wav", new short[100]));
        assertEquals("blip.wav: too short (not one complete 25 ms frame)", x.getMessage());
        assertEquals(0, e.size());
    }

    @Test
    void shortRecordingsCountTogetherUntilThereIsEnoughSpeech() {
        Enrollment e = new Enrollment(embedder, "george");
        double sum = 0;
        int rep = 0;
        // two digits at a time: about 0.8 s of audio each
        sum += e.add("r0", Fsdd.digits("george", rep++, 0, 1));
        sum += e.add("r1", Fsdd.digits("george", rep++, 0, 1));
        assertEquals(sum, e.speechSeconds(), 1e-9);
        assertEquals(3.0 - sum, e.missingSeconds(), 1e-9);
        SpeakerInputException x = assertThrows(SpeakerInputException.class, e::profile);
        assertTrue(x.getMessage().startsWith("not enough speech to enroll george: ")
                && x.getMessage().contains(" in 2 recordings, 3.0 s are needed (about "), x.getMessage());
        while (e.missingSeconds() > 0) {
            sum += e.add("r" + rep, Fsdd.digits("george", rep++, 0, 1));
        }
        VoiceProfile p = e.profile();
        assertEquals(rep, p.enrollments().length);
        assertTrue(rep >= 3, rep + " recordings of two digits held 3 s of speech");
        assertEquals(sum, p.speechSeconds(), 1e-9);
        assertEquals(embedder.description().profileModel(), p.model());
        assertEquals(1.0, Embeddings.cosine(p.mean(), p.mean()), 1e-6);
    }
}
