package dev.hark.speaker;

import dev.hark.audio.WavReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeds the cohort clips written by scripts/speaker/make_cohort.py with the fp32 built-in model and
 * writes one unit-length mean embedding per cohort speaker, float32 little-endian, in manifest order.
 * Run by scripts/speaker/make_cohort.sh: {@code CohortExport COHORT_DIR OUT_FILE}.
 */
public final class CohortExport {
    private CohortExport() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Map<String, List<float[]>> bySpeaker = new LinkedHashMap<>();
        try (SpeakerEmbedder e = SpeakerEmbedder.builder().threads(1).build()) {
            for (String line : Files.readAllLines(dir.resolve("manifest.tsv"))) {
                String[] f = line.split("\t");
                bySpeaker.computeIfAbsent(f[0], k -> new ArrayList<>()).add(e.embed(WavReader.readPcm16k(dir.resolve(f[1]))));
            }
            ByteBuffer out = ByteBuffer.allocate(bySpeaker.size() * 4 * e.description().embeddingDim()).order(ByteOrder.LITTLE_ENDIAN);
            for (List<float[]> v : bySpeaker.values()) {
                for (float x : Embeddings.mean(v.toArray(new float[0][]))) {
                    out.putFloat(x);
                }
            }
            Files.write(Path.of(args[1]), out.array());
            System.out.println(bySpeaker.size() + " cohort speakers -> " + args[1]);
        }
    }
}
