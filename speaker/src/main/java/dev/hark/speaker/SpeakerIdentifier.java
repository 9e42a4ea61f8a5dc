package dev.hark.speaker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells which enrolled household member spoke an utterance, or that it was no one enrolled: embeds
 * the audio (wake word plus command, 16 kHz mono PCM) and scores it against each profile; the best
 * one is accepted when it reaches the threshold (by default the model's calibrated one).
 * {@link #verify} checks a claimed identity the same way.
 *
 * <p>Score: the cosine between the utterance and the profile's mean embedding; when the model names
 * an impostor cohort (the built-in one does), normalised by adaptive symmetric normalisation
 * ({@link ScoreNormaliser}) and mapped to 0..1 by the logistic function. Why: measured on real
 * speech (docs/benchmarks/speaker.md), the normalised score separates enrolled speakers from
 * strangers better with one threshold, and the mean of the enrollments beats their best match (one
 * enrollment close to the utterance by chance says less than all of them together).
 *
 * <p>Cost: one embedding (see {@link SpeakerEmbedder}) plus O((cohort + profiles) x dimension)
 * and a sort of the cohort scores per utterance; the profiles' cohort statistics are computed once
 * at build time. Not thread-safe. {@link #close()} closes the embedder when this identifier created it.
 *
 * <pre>{@code
 * try (SpeakerIdentifier id = SpeakerIdentifier.builder().profiles(store).build()) {
 *     SpeakerMatch m = id.identify(pcm16k);   // m.speaker() is null for a stranger
 * }
 * }</pre>
 */
public final class SpeakerIdentifier implements AutoCloseable {
    private final SpeakerEmbedder embedder;
    private final boolean ownsEmbedder;
    private final List<VoiceProfile> profiles;
    private final List<ProfileStore.Problem> problems;
    private final double threshold;
    private final ScoreNormaliser normaliser;
    private final double[][] profileStatistics;
    private final double[] utteranceStatistics = new double[2];

    private SpeakerIdentifier(Builder b) throws IOException {
        ownsEmbedder = b.embedder == null;
        embedder = ownsEmbedder ? SpeakerEmbedder.builder().variant(b.variant).build() : b.embedder;
        try {
            List<VoiceProfile> all = new ArrayList<>(b.profiles);
            List<ProfileStore.Problem> bad = new ArrayList<>();
            if (b.store != null) {
                SpeakerModelDescription d = embedder.description();
                ProfileStore.Contents c = b.store.load(d.profileModel(), d.embeddingDim());
                all.addAll(c.profiles());
                bad.addAll(c.problems());
            }
            all.sort((x, y) -> x.name().compareTo(y.name()));
            for (VoiceProfile p : all) {
                if (!p.model().equals(embedder.description().profileModel())) {
                    throw new IllegalArgumentException("profile " + p.name() + " was enrolled with model " + p.model()
                            + ", not " + embedder.description().profileModel());
                }
            }
            profiles = List.copyOf(all);
            problems = List.copyOf(bad);
            threshold = Double.isNaN(b.threshold) ? embedder.description().threshold() : b.threshold;
            normaliser = embedder.description().cohort() == null ? null : ScoreNormaliser.load(embedder.description());
            profileStatistics = new double[profiles.size()][2];
            for (int i = 0; i < profiles.size() && normaliser != null; i++) {
                normaliser.statistics(profiles.get(i).mean(), profileStatistics[i]);
            }
        } catch (IOException | RuntimeException e) {
            if (ownsEmbedder) {
                embedder.close();
            }
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The profiles this identifier compares against, in name order. */
    public List<VoiceProfile> profiles() {
        return profiles;
    }

    /** Profile files of the store that were skipped (corrupt, or of another model). */
    public List<ProfileStore.Problem> problems() {
        return problems;
    }

    public double threshold() {
        return threshold;
    }

    /**
     * Who spoke {@code pcm16k}: the best profile if its score reaches the threshold, else unknown.
     * Refuses silent audio or audio with too little speech ({@link SpeakerInputException}).
     */
    public SpeakerMatch identify(short[] pcm16k) {
        return match(embedder.embed(pcm16k), null);
    }

    /** Scores {@code pcm16k} against {@code claimed} only; the match names them when the score reaches the threshold. */
    public SpeakerMatch verify(String claimed, short[] pcm16k) {
        if (profiles.stream().noneMatch(p -> p.name().equals(claimed))) {
            throw new IllegalArgumentException("no profile named " + claimed);
        }
        return match(embedder.embed(pcm16k), claimed);
    }

    /** Decides on an embedding already computed (unit length, of this identifier's model). */
    public SpeakerMatch match(float[] embedding, String only) {
        Map<String, Double> scores = new LinkedHashMap<>();
        String best = null;
        double bestScore = Double.NaN;
        if (normaliser != null) {
            normaliser.statistics(embedding, utteranceStatistics);
        }
        for (int i = 0; i < profiles.size(); i++) {
            VoiceProfile p = profiles.get(i);
            if (only != null && !only.equals(p.name())) {
                continue;
            }
            double cosine = Embeddings.cosine(embedding, p.mean());
            double s = normaliser == null ? cosine
                    : logistic(ScoreNormaliser.normalise(cosine, profileStatistics[i], utteranceStatistics));
            scores.put(p.name(), s);
            if (best == null || s > bestScore) {
                best = p.name();
                bestScore = s;
            }
        }
        return new SpeakerMatch(best != null && bestScore >= threshold ? best : null, bestScore, threshold,
                java.util.Collections.unmodifiableMap(scores));
    }

    /** Maps a normalised score (in cohort standard deviations, unbounded) onto 0..1, keeping its order. */
    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Override
    public void close() {
        if (ownsEmbedder) {
            embedder.close();
        }
    }

    /** Options of a {@link SpeakerIdentifier}. */
    public static final class Builder {
        private SpeakerEmbedder embedder;
        private SpeakerEmbedder.Variant variant = SpeakerEmbedder.Variant.FP32;
        private ProfileStore store;
        private final List<VoiceProfile> profiles = new ArrayList<>();
        private double threshold = Double.NaN;

        private Builder() {
        }

        /** An embedder to share (the identifier will not close it); default: the built-in model. */
        public Builder embedder(SpeakerEmbedder embedder) {
            this.embedder = embedder;
            return this;
        }

        /** The built-in model's variant to load when no embedder is given (default FP32). */
        public Builder variant(SpeakerEmbedder.Variant variant) {
            this.variant = variant;
            return this;
        }

        /** Loads every usable profile of {@code store} at build time; skipped files are in {@link #problems()}. */
        public Builder profiles(ProfileStore store) {
            this.store = store;
            return this;
        }

        /** Adds profiles held in memory. */
        public Builder profiles(List<VoiceProfile> list) {
            profiles.addAll(list);
            return this;
        }

        /** Overrides the model's calibrated threshold (on the score {@link SpeakerMatch#score()} reports, -1..1). */
        public Builder threshold(double threshold) {
            if (!(threshold >= -1 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be between -1 and 1: " + threshold);
            }
            this.threshold = threshold;
            return this;
        }

        public SpeakerIdentifier build() throws IOException {
            return new SpeakerIdentifier(this);
        }
    }
}
