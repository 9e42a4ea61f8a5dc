package dev.hark.wakeword.training;

import dev.hark.audio.PcmFormat;
import dev.hark.wakeword.SpeechEmbeddings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * The jobs that make a training run's clips, each drawn from its own seed so that a run is
 * reproducible whatever the thread count: the phrase spoken by a voice and dressed as a room would
 * ({@link ClipFactory}), the close phrases and other synthetic speech the same way, a person's own
 * recordings, and real recordings streamed back to back. Each job speaks or reads, dresses and embeds
 * its clips with the calling thread's front end; the cost is the synthesis and about 15 ms of CPU per
 * second of audio embedded.
 */
final class ClipJobs {
    /** Kind of a clip of a phrase close to the wake phrase (left out of calibration). */
    static final String CONFUSABLE = "confusable";
    /** Kind of a clip of real recordings (a negative). */
    static final String REAL = "real";
    /** Real recordings streamed back to back into one training stream. */
    static final int REAL_PER_STREAM = 8;

    private final SpeechSynthesizer synth;
    private final ClipFactory clips;
    private final FrontEnds frontEnds;
    private final List<float[]> otherSpeech;

    /**
     * @param otherSpeech synthetic sentences laid before and after each utterance, as a live stream has
     */
    ClipJobs(SpeechSynthesizer synth, ClipFactory clips, FrontEnds frontEnds, List<float[]> otherSpeech) {
        this.synth = synth;
        this.clips = clips;
        this.frontEnds = frontEnds;
        this.otherSpeech = otherSpeech;
    }

    /** Sentences of random dictionary words (not the phrase's) spoken by random voices at random speeds and pitches. */
    static List<Callable<float[]>> otherSpeech(SpeechSynthesizer synth, VoicePool voices, ConfusablePhrases dictionary,
                                               java.util.Set<String> avoid, int count, Random random) {
        List<Callable<float[]>> speak = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seed = random.nextLong();
            speak.add(() -> {
                Random r = new Random(seed);
                return synth.say(voices.pick(r), dictionary.randomWords(3 + r.nextInt(6), avoid, r),
                        0.8 + 0.45 * r.nextDouble(), 0.75 + 0.6 * r.nextDouble());
            });
        }
        return speak;
    }

    /**
     * {@code count} utterances of {@code phrase}: every fifth by a held-out voice, one clip each (for
     * the recall estimate); the others by training voices, three dressed clips each.
     */
    void phrase(List<Callable<List<Sequence>>> jobs, String phrase, int count, VoicePool trainVoices,
                VoicePool testVoices, Random random) {
        for (int i = 0; i < count; i++) {
            long seed = random.nextLong();
            boolean test = i % 5 == 0;
            jobs.add(() -> {
                Random r = new Random(seed);
                float[] u = spokenVariant((test ? testVoices : trainVoices).pick(r), phrase, r);
                List<Sequence> out = new ArrayList<>();
                for (int a = 0; a < (test ? 1 : 3); a++) {
                    ClipFactory.Clip c = clips.make(u, pick(otherSpeech, r), pick(otherSpeech, r), r);
                    out.add(sequence(c.audio(), c.end(), test, "synthetic", 1f));
                }
                return out;
            });
        }
    }

    /** Each close phrase twice, by random voices, as negatives of kind {@link #CONFUSABLE}. */
    void confusable(List<Callable<List<Sequence>>> jobs, List<String> phrases, VoicePool voices, Random random) {
        for (int i = 0; i < phrases.size() * 2; i++) {
            long seed = random.nextLong();
            String text = phrases.get(i % phrases.size());
            boolean test = i % 5 == 0;
            jobs.add(() -> {
                Random r = new Random(seed);
                ClipFactory.Clip c = clips.make(spokenVariant(voices.pick(r), text, r), pick(otherSpeech, r),
                        pick(otherSpeech, r), r);
                return List.of(sequence(c.audio(), -1, test, CONFUSABLE, 1f));
            });
        }
    }

    /** The other synthetic speech itself, dressed, as negatives. */
    void syntheticSpeech(List<Callable<List<Sequence>>> jobs, Random random) {
        for (int i = 0; i < otherSpeech.size(); i++) {
            long seed = random.nextLong();
            float[] u = otherSpeech.get(i);
            boolean test = i % 5 == 0;
            jobs.add(() -> {
                Random r = new Random(seed);
                ClipFactory.Clip c = clips.make(u, pick(otherSpeech, r), pick(otherSpeech, r), r);
                return List.of(sequence(c.audio(), -1, test, "synthetic speech", 1f));
            });
        }
    }

    /**
     * Real recordings as negatives, {@code perFile} samples of each at most, streamed back to back
     * {@link #REAL_PER_STREAM} at a time (a stream's first 1.9 s has no full window, so one stream per
     * file would waste most of a short utterance); every fifth stream held out.
     */
    void real(List<Callable<List<Sequence>>> jobs, List<Path> files, int perFile, Random random) {
        for (int i = 0; i < files.size(); i += REAL_PER_STREAM) {
            long seed = random.nextLong();
            List<Path> group = files.subList(i, Math.min(files.size(), i + REAL_PER_STREAM));
            boolean test = (i / REAL_PER_STREAM) % 5 == 0;
            jobs.add(() -> {
                Random r = new Random(seed);
                List<float[]> parts = new ArrayList<>();
                for (Path f : group) {
                    parts.add(excerpt(Signals.read(f), perFile, r));
                }
                return List.of(sequence(Signals.concat(parts), -1, test, REAL, 1f));
            });
        }
    }

    /**
     * A person's own recordings of the phrase, weighing {@code weight} each: every second one held out
     * (with a single recording it serves both), six dressed clips of a training one, two of a held-out one.
     */
    void own(List<Callable<List<Sequence>>> jobs, List<Path> own, float weight, Random random) {
        for (int i = 0; i < own.size(); i++) {
            long seed = random.nextLong();
            Path f = own.get(i);
            boolean test = own.size() > 1 && i % 2 == 1;
            jobs.add(() -> {
                Random r = new Random(seed);
                float[] u = Signals.trimSilence(Signals.read(f));
                List<Sequence> out = new ArrayList<>();
                for (int a = 0; a < (test ? 2 : 6); a++) {
                    ClipFactory.Clip c = clips.make(u, pick(otherSpeech, r), pick(otherSpeech, r), r);
                    out.add(sequence(c.audio(), c.end(), test, "own", weight));
                }
                if (own.size() == 1) {
                    ClipFactory.Clip c = clips.make(u, null, null, r);
                    out.add(sequence(c.audio(), c.end(), true, "own", weight));
                }
                return out;
            });
        }
    }

    /** The phrase spoken with a random rate, pitch and vocal-tract length. */
    private float[] spokenVariant(Voice v, String text, Random r) throws IOException {
        double vtl = 0.88 + 0.24 * r.nextDouble();
        double rate = 0.8 + 0.45 * r.nextDouble();
        double pitch = 0.75 + 0.6 * r.nextDouble();
        // said lower and slower, then sped up by vtl: pitch and rate come back, formants move by vtl
        return Signals.speed(synth.say(v, text, rate / vtl, pitch / vtl), vtl);
    }

    private Sequence sequence(float[] audio, int endSample, boolean test, String kind, float weight) {
        float[] rows = frontEnds.get().embed(Signals.toPcm(audio));
        int end = -1;
        if (endSample >= 0) {
            int frame = (endSample + PcmFormat.FRAME_SAMPLES - 1) / PcmFormat.FRAME_SAMPLES - 1;
            end = frame - SpeechEmbeddings.firstFrame();
        }
        return new Sequence(rows, end, test, kind, weight);
    }

    static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    static float[] excerpt(float[] x, int max, Random r) {
        if (x.length <= max) {
            return x;
        }
        int from = r.nextInt(x.length - max);
        return java.util.Arrays.copyOfRange(x, from, from + max);
    }
}
