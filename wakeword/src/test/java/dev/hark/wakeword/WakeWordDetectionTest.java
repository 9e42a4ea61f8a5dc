package dev.hark.wakeword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Detection on speech made by four flite voices: the wake phrases alone, at the start of a command,
 * inside a sentence, slowed down, sped up, and in noise; and no detection on speech without them.
 * Writes the recall table to target/wakeword-recall.md.
 */
class WakeWordDetectionTest {
    private static final String[] VOICES = WakePhraseCorpus.VOICES;
    private static final String[] KEYWORDS = WakePhraseCorpus.KEYWORDS;
    private static final String[] PHRASES = WakePhraseCorpus.PHRASES;
    private static final String[] CONDITIONS = WakePhraseCorpus.CONDITIONS;
    private static WakeWordDetector detector;

    @BeforeAll
    static void load() throws Exception {
        detector = WakePhraseCorpus.allModels(0.5f); // the default VAD gate
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void wakePhrasesSpokenByFliteVoicesAreDetected() throws Exception {
        int[][] hits = new int[KEYWORDS.length][VOICES.length];
        int[] crossFires = new int[KEYWORDS.length];
        int perCell = CONDITIONS.length;
        StringBuilder misses = new StringBuilder();
        for (int k = 0; k < KEYWORDS.length; k++) {
            for (int v = 0; v < VOICES.length; v++) {
                for (String condition : CONDITIONS) {
                    TestAudio.Run run = TestAudio.detect(detector, WakePhraseCorpus.clip(VOICES[v], PHRASES[k], condition));
                    String keyword = KEYWORDS[k];
                    if (run.fired(keyword)) {
                        hits[k][v]++;
                    } else {
                        misses.append(String.format("| %s | %s | %s | %.3f |%n", KEYWORDS[k], VOICES[v], condition,
                                run.maxScores()[k]));
                    }
                    assertEquals(run.fired(KEYWORDS[k]) ? 1 : 0,
                            run.detections().stream().filter(d -> d.keyword().equals(keyword)).count(),
                            "one utterance must give at most one detection (refractory period)");
                    for (Detection d : run.detections()) {
                        if (!d.keyword().equals(KEYWORDS[k])) {
                            crossFires[k]++;
                        }
                    }
                }
            }
        }
        StringBuilder table = new StringBuilder("| model | phrase said | ");
        for (String v : VOICES) {
            table.append(v).append(" | ");
        }
        table.append("all | other models fired |\n|---|---|---|---|---|---|---|---|\n");
        double[] recall = new double[KEYWORDS.length];
        for (int k = 0; k < KEYWORDS.length; k++) {
            table.append("| ").append(KEYWORDS[k]).append(" | \"").append(PHRASES[k]).append("\" | ");
            int total = 0;
            for (int v = 0; v < VOICES.length; v++) {
                table.append(hits[k][v]).append('/').append(perCell).append(" | ");
                total += hits[k][v];
            }
            recall[k] = total / (double) (perCell * VOICES.length);
            table.append(String.format("%.2f | %d |%n", recall[k], crossFires[k]));
        }
        String report = "Recall at threshold 0.5; conditions per voice: " + String.join(", ", CONDITIONS)
                + "\n\n" + table + "\nMisses (highest score of the model in the clip):\n\n| model | voice | condition | max score |\n|---|---|---|---|\n"
                + misses;
        System.out.println(report);
        Files.writeString(TestAudio.ROOT.resolve("wakeword/target/wakeword-recall.md"), report);
        // floors a little under the recall measured when this test was written (alexa 0.79, hey_jarvis
        // 0.83, hey_mycroft 0.50, hey_rhasspy 0.83 of 24 clips each); a pipeline with a wrong rescaling,
        // window or step scores these phrases near 0 and misses them all
        assertTrue(recall[0] >= 0.7, "alexa recall " + recall[0]);
        assertTrue(recall[1] >= 0.7, "hey_jarvis recall " + recall[1]);
        assertTrue(recall[2] >= 0.35, "hey_mycroft recall " + recall[2]);
        assertTrue(recall[3] >= 0.6, "hey_rhasspy recall " + recall[3]);
        for (int k = 0; k < KEYWORDS.length; k++) {
            assertEquals(0, crossFires[k], "another model fired on \"" + PHRASES[k] + "\"");
        }
    }

    @Test
    void speechWithoutWakePhrasesNeverFires() throws Exception {
        List<String> fired = new ArrayList<>();
        Map<String, short[]> clips = new LinkedHashMap<>();
        for (String name : TestAudio.pocketsphinxRecordings()) {
            clips.put(name, TestAudio.pocketsphinx(name));
        }
        String[] sentences = {"turn on the kitchen light", "what is the weather like today",
                "set a timer for five minutes", "play some music in the living room",
                "hey there, how are you doing", "my computer is running slowly again"};
        for (String voice : VOICES) {
            for (String s : sentences) {
                clips.put(voice + ": " + s, TestAudio.flite(voice, s, 1.0));
            }
        }
        float[] worst = new float[KEYWORDS.length];
        for (Map.Entry<String, short[]> e : clips.entrySet()) {
            TestAudio.Run run = TestAudio.detect(detector, e.getValue());
            for (Detection d : run.detections()) {
                fired.add(e.getKey() + " -> " + d);
            }
            for (int k = 0; k < KEYWORDS.length; k++) {
                worst[k] = Math.max(worst[k], run.maxScores()[k]);
            }
        }
        System.out.println("non-wake speech: " + clips.size() + " clips, highest scores " + java.util.Arrays.toString(worst));
        assertTrue(fired.isEmpty(), "false detections: " + fired);
    }
}
