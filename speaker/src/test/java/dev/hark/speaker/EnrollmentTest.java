package dev.hark.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
    void tooShortSpeechIsRefusedWithAReason() {
        Enrollment e = new Enrollment(embedder, "alice");
        short[] oneDigit = Fsdd.clip("george", 3, 0);
        SpeakerInputException x = assertThrows(SpeakerInputException.class, () -> e.add("digit.wav", oneDigit));
        assertTrue(x.getMessage().startsWith("digit.wav: too short ("), x.getMessage());
        x = assertThrows(SpeakerInputException.class, () -> e.add("blip.wav", new short[100]));
        assertEquals("blip.wav: too short (not one complete 25 ms frame)", x.getMessage());
        assertThrows(IllegalStateException.class, e::profile);
    }

    @Test
    void acceptedUtterancesMakeAProfileOfTheBuiltInModel() {
        Enrollment e = new Enrollment(embedder, "george");
        for (short[] u : Fsdd.utterances("george", 0, 3, 3.0).subList(0, 3)) {
            e.add("u", u);
        }
        VoiceProfile p = e.profile();
        assertEquals(3, p.enrollments().length);
        assertEquals(embedder.description().name(), p.model());
        assertTrue(p.speechSeconds() > 6, "speech seconds " + p.speechSeconds());
        assertEquals(1.0, Embeddings.cosine(p.mean(), p.mean()), 1e-6);
    }
}
