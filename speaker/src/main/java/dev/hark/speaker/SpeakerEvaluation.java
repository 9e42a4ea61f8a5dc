package dev.hark.speaker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures speaker identification on labelled speech ({@link LabelledSpeech}) the way a household
 * uses it. Every speaker is enrolled from their enrollment recordings ({@link Enrollment}); test
 * recordings are cut into segments of each length asked for, and each segment is scored by
 * {@link SpeakerIdentifier} against every profile:
 * <ul>
 *   <li>verification: equal error rate over all (segment, profile) trials, target when the profile
 *       is the segment's speaker;</li>
 *   <li>households: the speakers, in name order, form households of {@code household} people; a
 *       member's segment is identified (its best profile in the household is theirs) and named
 *       correctly (and that score reaches the threshold); the segments of the next household's
 *       people are unknown voices to this one, falsely accepted when their best score reaches the
 *       threshold. With an unknown folder, all speakers form one household and that folder's
 *       segments are the unknown voices.</li>
 * </ul>
 * The threshold's calibration is the open-set equal-error point: where the share of household
 * members not named correctly equals the share of unknown voices accepted ({@link #calibrate}).
 *
 * <p>Cost: one embedding per enrollment recording and segment; the embedding CPU time is measured
 * on the calling thread (ONNX Runtime runs a one-thread session there).
 */
public final class SpeakerEvaluation {
    private final SpeakerEmbedder embedder;
    private final int household;
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

    /** Scores of one segment length of one labelled folder. */
    public record Scores(double seconds, int segments, int skipped, double[] targets, double[] nonTargets,
                         double[] knownBest, double[] unknownBest, int identified, double[] rtf) {
        /** Verification errors over all (segment, profile) trials. */
        public DetectionErrors verification() {
            return new DetectionErrors(targets, nonTargets);
        }

        /** Household errors: known = own best score (minus infinity when another won), unknown = best score. */
        public DetectionErrors openSet() {
            return new DetectionErrors(knownBest, unknownBest);
        }

        public double identificationRate() {
            return identified / (double) knownBest.length;
        }

        /** Share of household members' segments named correctly at {@code threshold}. */
        public double namedRate(double threshold) {
            return 1 - openSet().falseRejectRate(threshold);
        }

        /** Share of unknown voices' segments accepted as someone at {@code threshold}. */
        public double unknownAcceptRate(double threshold) {
            return openSet().falseAcceptRate(threshold);
        }

        /** Median embedding CPU time per second of audio. */
        public double medianRtf() {
            double[] r = rtf.clone();
            Arrays.sort(r);
            return r.length == 0 ? Double.NaN : r[r.length / 2];
        }
    }

    /** Evaluates with {@code embedder} (not closed here), households of {@code household} people (at least 2). */
    public SpeakerEvaluation(SpeakerEmbedder embedder, int household) {
        if (household < 2) {
            throw new IllegalArgumentException("a household needs at least 2 people: " + household);
        }
        this.embedder = embedder;
        this.household = household;
    }

    /** Profiles of every speaker of {@code speech}, in its speaker order. */
    public List<VoiceProfile> enroll(LabelledSpeech speech) {
        List<VoiceProfile> profiles = new ArrayList<>();
        for (LabelledSpeech.Speaker s : speech.speakers()) {
            Enrollment e = new Enrollment(embedder, safeName(profiles.size()));
            for (int i = 0; i < s.enrollment().size(); i++) {
                try {
                    e.add(s.name() + " enrollment " + (i + 1), s.enrollment().get(i));
                } catch (SpeakerInputException tooLittle) {
                    // the other recordings may hold enough
                }
            }
            try {
                profiles.add(e.profile());
            } catch (SpeakerInputException tooLittle) {
                throw new SpeakerInputException(speech.dir().resolve(s.name()) + ": " + tooLittle.getMessage());
            }
        }
        return profiles;
    }

    /** Profile names are zero-padded indices, so that name order is speaker order; folder names need not be valid profile names. */
    private static String safeName(int index) {
        return String.format(java.util.Locale.ROOT, "s%06d", index);
    }

    /**
     * Scores {@code speech}'s segments of {@code seconds} (0: whole recordings) against its
     * {@code profiles}; unknown voices are {@code unknown}'s segments when given, else the next
     * household's.
     */
    public Scores score(LabelledSpeech speech, List<VoiceProfile> profiles, LabelledSpeech unknown, double seconds)
            throws IOException {
        int n = profiles.size();
        if (unknown == null && n < 2 * household) {
            throw new IllegalArgumentException(speech.dir() + ": " + n + " speakers make no second household of "
                    + household + " to be strangers to the first; give more speakers or an unknown folder");
        }
        List<LabelledSpeech.Segment> segments = speech.segments(seconds);
        List<LabelledSpeech.Segment> strangers = unknown == null ? List.of() : unknown.segments(seconds);
        // households of `household` people in speaker order, the last one taking the remainder
        int[] first = new int[n];
        int[] end = new int[n];
        int homes = unknown == null ? n / household : 1;
        for (int s = 0; s < n; s++) {
            int h = Math.min(s / household, homes - 1);
            first[s] = unknown == null ? h * household : 0;
            end[s] = unknown == null && h < homes - 1 ? first[s] + household : n;
        }
        try (SpeakerIdentifier id = SpeakerIdentifier.builder().embedder(embedder).profiles(profiles).build()) {
            List<Double> targets = new ArrayList<>();
            List<Double> nonTargets = new ArrayList<>();
            List<Double> known = new ArrayList<>();
            List<Double> unknownBest = new ArrayList<>();
            List<Double> rtf = new ArrayList<>();
            int identified = 0;
            int skipped = 0;
            for (LabelledSpeech.Segment seg : segments) {
                double[] sc = scores(id, seg.pcm(), n, rtf);
                if (sc == null) {
                    skipped++;
                    continue;
                }
                for (int p = 0; p < n; p++) {
                    (p == seg.speaker() ? targets : nonTargets).add(sc[p]);
                }
                int best = argmax(sc, first[seg.speaker()], end[seg.speaker()]);
                if (best == seg.speaker()) {
                    identified++;
                    known.add(sc[best]);
                } else {
                    known.add(Double.NEGATIVE_INFINITY);
                }
                if (unknown == null) {
                    // the speaker is a stranger to the household before theirs (the last one for the first)
                    int other = first[seg.speaker()] == 0 ? n - 1 : first[seg.speaker()] - 1;
                    unknownBest.add(sc[argmax(sc, first[other], end[other])]);
                }
            }
            for (LabelledSpeech.Segment seg : strangers) {
                double[] sc = scores(id, seg.pcm(), n, rtf);
                if (sc == null) {
                    skipped++;
                    continue;
                }
                unknownBest.add(sc[argmax(sc, 0, n)]);
            }
            return new Scores(seconds, segments.size() + strangers.size(), skipped, array(targets), array(nonTargets),
                    array(known), array(unknownBest), identified, array(rtf));
        }
    }

    /** The segment's score against each profile, or null when it holds too little speech. */
    private double[] scores(SpeakerIdentifier id, short[] pcm, int n, List<Double> rtf) {
        long t0 = cpu.getCurrentThreadCpuTime();
        float[] e;
        try {
            e = embedder.embed(pcm);
        } catch (SpeakerInputException tooLittleSpeech) {
            return null;
        }
        rtf.add((cpu.getCurrentThreadCpuTime() - t0) / 1e9 / (pcm.length / 16000.0));
        double[] sc = new double[n];
        int i = 0;
        for (double s : id.match(e, null).scores().values()) {
            sc[i++] = s;
        }
        return sc;
    }

    private static int argmax(double[] v, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] array(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The open-set equal-error threshold of several score sets pooled (calibration data, never the
     * data reported as the result): {@code {error rate, threshold}}.
     */
    public static double[] calibrate(List<Scores> calibration) {
        List<Double> known = new ArrayList<>();
        List<Double> unknown = new ArrayList<>();
        for (Scores s : calibration) {
            for (double v : s.knownBest()) {
                known.add(v);
            }
            for (double v : s.unknownBest()) {
                unknown.add(v);
            }
        }
        return new DetectionErrors(array(known), array(unknown)).equalErrorRate();
    }
}
