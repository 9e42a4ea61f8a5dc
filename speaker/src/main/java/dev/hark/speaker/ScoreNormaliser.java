package dev.hark.speaker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Adaptive symmetric score normalisation (AS-norm): turns a raw cosine between a profile and an
 * utterance into how far it stands above what each of them scores against a cohort of impostor
 * voices, so that one threshold fits speakers whose voices sit in crowded or empty regions of the
 * embedding space. For each side, the mean and standard deviation of its {@code topK} highest cosines
 * against the cohort are used: {@code ((s - mu_p) / sd_p + (s - mu_u) / sd_u) / 2}.
 *
 * <p>The built-in cohort ({@code speaker-cohort.f32}, named with its SHA-256 in
 * {@code speaker-model.json}) holds one mean embedding per training speaker of the built-in model
 * (real LibriSpeech and speechocean762 voices, never a development or test speaker, never FSDD),
 * made by {@code scripts/speaker/make_cohort.py}. Cost per {@link #statistics} call: cohort x
 * dimension multiply-adds (436 x 192 for the built-in one) and a sort of the cohort scores; no
 * allocation.
 * Not thread-safe (one scratch buffer).
 */
public final class ScoreNormaliser {
    private final float[][] cohort;
    private final int topK;
    private final double[] scratch;

    private ScoreNormaliser(float[][] cohort, int topK) {
        if (cohort.length == 0 || topK < 2 || topK > cohort.length) {
            throw new IllegalArgumentException("top_k must be between 2 and the cohort size " + cohort.length + ": " + topK);
        }
        this.cohort = cohort;
        this.topK = topK;
        this.scratch = new double[cohort.length];
    }

    /** A normaliser over {@code cohort} (unit-length embeddings, not copied) using its {@code topK} closest members. */
    public static ScoreNormaliser of(float[][] cohort, int topK) {
        return new ScoreNormaliser(cohort, topK);
    }

    /**
     * Loads the cohort a model description names (from the class path for the built-in model, else
     * beside the description file), checking its size and digest.
     */
    public static ScoreNormaliser load(SpeakerModelDescription d) throws IOException {
        SpeakerModelDescription.Cohort c = d.cohort();
        byte[] bytes;
        if (c.folder() != null) {
            try {
                bytes = java.nio.file.Files.readAllBytes(c.folder().resolve(c.file()));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException(d.name() + ": cohort file " + c.folder().resolve(c.file()) + " is missing");
            }
        } else {
            try (InputStream in = ScoreNormaliser.class.getResourceAsStream("/dev/hark/speaker/" + c.file())) {
                if (in == null) {
                    throw new IOException(d.name() + ": cohort file " + c.file() + " is missing from hark-speaker");
                }
                bytes = in.readAllBytes();
            }
        }
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!sha.equals(c.sha256())) {
                throw new IOException(c.file() + ": SHA-256 " + sha + " differs from " + c.sha256());
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int dim = d.embeddingDim();
        if (bytes.length == 0 || bytes.length % (4 * dim) != 0) {
            throw new IOException(c.file() + ": " + bytes.length + " bytes is not a whole number of " + dim + "-value float32 embeddings");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[][] cohort = new float[bytes.length / (4 * dim)][dim];
        for (float[] v : cohort) {
            b.asFloatBuffer().get(v);
            b.position(b.position() + 4 * dim);
        }
        return new ScoreNormaliser(cohort, c.topK());
    }

    public int cohortSize() {
        return cohort.length;
    }

    public int topK() {
        return topK;
    }

    /** Writes the mean and standard deviation of {@code e}'s {@code topK} highest cohort cosines into {@code out[0..1]}. */
    public void statistics(float[] e, double[] out) {
        for (int i = 0; i < cohort.length; i++) {
            scratch[i] = Embeddings.cosine(e, cohort[i]);
        }
        Arrays.sort(scratch);
        double sum = 0, sq = 0;
        for (int i = cohort.length - topK; i < cohort.length; i++) {
            sum += scratch[i];
            sq += scratch[i] * scratch[i];
        }
        double mean = sum / topK;
        out[0] = mean;
        out[1] = Math.sqrt(Math.max(sq / topK - mean * mean, 1e-12));
    }

    /** The AS-norm score of raw cosine {@code s} given both sides' {@link #statistics}. */
    public static double normalise(double s, double[] profile, double[] utterance) {
        return 0.5 * ((s - profile[0]) / profile[1] + (s - utterance[0]) / utterance[1]);
    }
}
