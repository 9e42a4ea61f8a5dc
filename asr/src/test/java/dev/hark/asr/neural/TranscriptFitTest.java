package dev.hark.asr.neural;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.TestData;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.lexicon.Lexicon;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.asr.search.SearchGraph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The training-data writer's check that a transcript fits the audio (StudentTrainingData --max-gap,
 * used for recognised transcripts of speech that has none): goforward.raw ("go forward ten meters")
 * keeps nearly every frame's teacher label with its own transcript and is left out with another
 * sentence of the same length.
 */
class TranscriptFitTest {
    private static final double MAX_GAP = 3.5;

    @Test
    void keepsTheRightTranscriptAndDropsAWrongOne() throws Exception {
        SphinxAcousticModel gmm = SphinxAcousticModel.load(TestData.MODEL);
        FrontendConfig base = gmm.frontend().withSilenceRemoval(false);
        short[] pcm = TestData.readRaw(TestData.PS_DATA.resolve("goforward.raw"));
        float[] speech = Augmenter.speed(pcm, 1.0);
        String right = "go forward ten meters", wrong = "she sold my shoes";
        Lexicon lexicon = Lexicon.load(TestData.DICT, List.of((right + " " + wrong).split(" ")), Map.of());
        StudentTrainingData.Gaps gaps = new StudentTrainingData.Gaps(MAX_GAP);

        double[] fit = new double[3];
        SearchGraph graph = StudentTrainingData.sentenceGraph(gmm, lexicon, right);
        int[] labels = StudentTrainingData.align(gmm, graph, speech, base, gaps, fit);
        assertNotNull(labels);
        assertTrue(fit[2] > 0.9, "labelled share with the right transcript: " + fit[2]);
        int unlabelled = 0;
        for (int s : labels) if (s < 0) unlabelled++;
        assertTrue(Math.abs(unlabelled - (1 - fit[2]) * labels.length) < 1, "unlabelled frames marked -1");

        double[] wrongFit = new double[3];
        graph = StudentTrainingData.sentenceGraph(gmm, lexicon, wrong);
        assertNull(StudentTrainingData.align(gmm, graph, speech, base, gaps, wrongFit),
                "a wrong transcript is left out (labelled share " + wrongFit[2] + ")");
        assertTrue(wrongFit[1] > fit[1] + 1, "mean gap right " + fit[1] + ", wrong " + wrongFit[1]);
    }
}
