package dev.hark.wakeword.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.wakeword.KeywordDescription;
import java.io.IOException;
import java.util.List;

/**
 * The JSON description a training run writes beside its head: what {@code KeywordDescription} reads
 * (name, phrase, model file, sha256, threshold) and, for people, what the head was trained on and how
 * its threshold was calibrated.
 */
final class TrainedHeadDescription {
    private TrainedHeadDescription() {
    }

    /** The description of the head {@code bytes} that run {@code b} produced with result {@code r}. */
    static byte[] toJson(WakeWordTrainer.Builder b, byte[] bytes, WakeWordTrainer.Result r, int voices, List<Sequence> all,
                         int steps) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("name", r.name()).put("phrase", b.phrase).put("model", r.model().getFileName().toString())
                .put("sha256", KeywordDescription.sha256(bytes))
                .put("threshold", r.threshold()).put("window", KeywordMlp.WINDOW)
                .put("produced_by", "hark wakeword train");
        ObjectNode t = root.putObject("training");
        t.put("voices", voices).put("minutes_budget", b.minutes).put("seed", b.seed).put("steps", steps)
                .put("seconds", Math.round(r.seconds()));
        ObjectNode clipCounts = t.putObject("clips");
        for (String kind : List.of("synthetic", "own", ClipJobs.CONFUSABLE, "synthetic speech", ClipJobs.REAL)) {
            clipCounts.put(kind, all.stream().filter(s -> s.kind().equals(kind)).count());
        }
        ArrayNode sources = t.putArray("negative_folders");
        b.negatives.forEach(p -> sources.add(p.toString()));
        ArrayNode noise = t.putArray("noise_folders");
        b.noise.forEach(p -> noise.add(p.toString()));
        t.put("rir_folder", b.rir == null ? null : b.rir.toString());
        t.put("own_recordings", b.positives == null ? null : b.positives.toString());
        ObjectNode c = root.putObject("calibration");
        c.put("negative_hours", Math.round(r.negativeHours() * 1000) / 1000.0).put("false_activations", r.falseActivations())
                .put("target_per_10h", b.maxActivationsPer10h)
                .put("close_phrase_clips_activated", Math.round(r.closePhrasesActivated() * 1000) / 1000.0)
                .put("held_out_voice_recall", Math.round(r.heldOutRecall() * 1000) / 1000.0);
        if (!Double.isNaN(r.ownRecall())) {
            c.put("held_out_own_recall", Math.round(r.ownRecall() * 1000) / 1000.0);
        }
        c.put("note", r.threshold() >= Calibration.MAX_THRESHOLD
                ? "the target was not reached: at the highest threshold some negatives still activate"
                : r.negativeHours() < 10 / b.maxActivationsPer10h
                ? "fewer hours of negatives than the target's period: the threshold lets none of them activate"
                : "threshold set at the target rate on the negatives");
        return mapper.writeValueAsBytes(root);
    }

}
