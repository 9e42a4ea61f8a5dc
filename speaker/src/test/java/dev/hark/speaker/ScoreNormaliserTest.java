package dev.hark.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ScoreNormaliserTest {
    /** A unit vector at cosine {@code c} to (1, 0, 0). */
    private static float[] at(double c) {
        return new float[] {(float) c, (float) Math.sqrt(1 - c * c), 0};
    }

    @Test
    void statisticsAreTheMeanAndDeviationOfTheClosestCohortMembersOnly() {
        ScoreNormaliser n = ScoreNormaliser.of(new float[][] {at(0.1), at(0.9), at(-0.3), at(0.5)}, 2);
        double[] st = new double[2];
        n.statistics(new float[] {1, 0, 0}, st);
        assertEquals(0.7, st[0], 1e-6);
        assertEquals(0.2, st[1], 1e-6);
        // both sides count: 1.1 is 2 deviations above the profile's cohort scores and 2 above the utterance's
        assertEquals(2.0, ScoreNormaliser.normalise(1.1, new double[] {0.7, 0.2}, new double[] {0.5, 0.3}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ScoreNormaliser.of(new float[][] {at(0.1)}, 2));
    }

    @Test
    void builtInCohortLoadsAndADifferentDigestIsRefused() throws IOException {
        SpeakerModelDescription d = SpeakerModelDescription.builtIn();
        ScoreNormaliser n = ScoreNormaliser.load(d);
        assertEquals(436, n.cohortSize());
        assertEquals(50, n.topK());
        SpeakerModelDescription tampered = withCohort(d, "00" + d.cohort().sha256().substring(2), 10);
        IOException e = assertThrows(IOException.class, () -> ScoreNormaliser.load(tampered));
        assertTrue(e.getMessage().startsWith("speaker-cohort.f32: SHA-256 "), e.getMessage());
    }

    @Test
    void cohortHoldsNoneOfTheTestSpeakers() throws IOException {
        // every member of the cohort (training voices) is further from an FSDD speaker's profile than the speaker's own
        // other utterances are: over the top 2 members, mean + deviation is the top member's cosine
        SpeakerModelDescription d = SpeakerModelDescription.builtIn();
        ScoreNormaliser n = ScoreNormaliser.load(withCohort(d, d.cohort().sha256(), 2));
        try (SpeakerEmbedder e = SpeakerEmbedder.builder().build()) {
            double[] st = new double[2];
            for (String s : Fsdd.SPEAKERS) {
                float[] own = Embeddings.mean(Fsdd.utterances(s, 0, 9, 3.0).subList(0, 5).stream()
                        .map(e::embed).toArray(float[][]::new));
                n.statistics(own, st);
                double self = Embeddings.cosine(own, Embeddings.mean(Fsdd.utterances(s, 10, 19, 3.0).stream()
                        .map(e::embed).toArray(float[][]::new)));
                assertTrue(st[0] + st[1] < self, s + ": closest cohort member scores " + (st[0] + st[1])
                        + ", the speaker's own other utterances " + self);
            }
        }
    }

    /** {@code d} with its cohort file's expected digest and top k replaced. */
    private static SpeakerModelDescription withCohort(SpeakerModelDescription d, String sha256, int topK) {
        return new SpeakerModelDescription(d.name(), d.fp32File(), d.int8File(), d.fp32Sha256(), d.int8Sha256(), d.input(),
                d.output(), d.embeddingDim(), d.frontend(), d.threshold(),
                new SpeakerModelDescription.Cohort(d.cohort().file(), sha256, topK, null));
    }
}
