package dev.hark.wakeword.training;

import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavFiles;
import dev.hark.wakeword.ModelFiles;
import dev.hark.wakeword.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Trains a keyword head for a phrase on this machine, for the openWakeWord front end Hark listens
 * with, and writes it as {@code NAME.onnx} with its description {@code NAME.json} (which
 * {@code wake.models} and {@code hark wake --model} accept):
 *
 * <ol>
 * <li>positives: the phrase spoken by every installed flite, espeak-ng and festival voice (espeak-ng
 *     languages times voice variants; each engine drawn equally often, {@link VoicePool}), each at a
 *     random speed, pitch and vocal-tract length, laid after the end
 *     of other speech or silence and dressed with reverberation, noise and level ({@link ClipFactory});
 *     a person's own recordings of the phrase count {@link #OWN_WEIGHT} times as much;</li>
 * <li>negatives: phrases one phone away from it in CMU's dictionary ("hey kitten" for "hey kitchen")
 *     and its words alone, spoken the same way; random dictionary words spoken by the same voices;
 *     real recordings that are not the phrase (the {@code negatives} folders, or {@link EmbeddingFeatures}
 *     files of recordings embedded before, read whole; the {@code noise} folders; pocketsphinx-testdata's
 *     speech when installed);</li>
 * <li>the head ({@link KeywordMlp}) trained with Adam and hard-negative mining ({@link HeadTrainer});</li>
 * <li>a threshold calibrated for at most {@code maxActivationsPer10h} false activations per 10 hours
 *     ({@link Calibration}) on the real negative streams when they last {@link #MIN_REAL_HOURS} or more,
 *     else on every negative stream but the close phrases, and the recall it leaves on held-out voices.</li>
 * </ol>
 *
 * <p>The budget in minutes scales the number of clips and training steps; the default 30 took 391 s
 * of CPU time on the build machine (docs/benchmarks/wakeword.md), a few minutes on 2 idle cores. Embedding runs on
 * {@code threads} threads, each with its own ONNX Runtime sessions. Progress goes to the consumer
 * given to the builder.
 */
public final class WakeWordTrainer {
    /** Own recordings weigh this much more than one synthetic clip. */
    static final float OWN_WEIGHT = 4f;
    /** Debian pocketsphinx-testdata's real speech (46 s), used as negatives when present. */
    static final Path TESTDATA = Path.of("/usr/share/pocketsphinx/test/data");
    private static final int RATE = PcmFormat.SAMPLE_RATE;
    private static final double HELD_OUT = 0.2;
    /** With this many hours of real negatives the threshold is calibrated on them alone. */
    static final double MIN_REAL_HOURS = 1;

    private final Builder b;
    private final long started = System.nanoTime();

    private WakeWordTrainer(Builder b) {
        this.b = b;
    }

    public static Builder builder(String phrase, Path out) {
        return new Builder(phrase, out);
    }

    /** What a training run produced. */
    public record Result(Path model, Path description, String name, float threshold, double negativeHours,
                         int falseActivations, double closePhrasesActivated, double heldOutRecall, double ownRecall,
                         double seconds) {
    }

    private void say(String format, Object... args) {
        b.progress.accept(String.format(Locale.ROOT, "[%5.0f s] ", (System.nanoTime() - started) / 1e9)
                + String.format(Locale.ROOT, format, args));
    }

    /**
     * Runs the whole training and writes the head and its description into the output folder.
     *
     * @throws IOException           when an input folder or the output cannot be read or written
     * @throws ModelLoadException    when the front-end models are missing
     * @throws IllegalStateException when no voice is installed
     */
    public Result train() throws IOException, ModelLoadException {
        String name = b.name != null ? b.name : ConfusablePhrases.words(b.phrase).stream().reduce((x, y) -> x + "_" + y).orElse("");
        Random random = new Random(b.seed);
        List<Voice> installed = SpeechSynthesizer.installedVoices();
        if (installed.isEmpty()) {
            throw new IllegalStateException("no speech synthesiser found: install flite, espeak-ng or festival");
        }
        VoicePool voices = VoicePool.of(installed);
        VoicePool[] split = VoicePool.split(installed, HELD_OUT, random);
        VoicePool trainVoices = split[0];
        VoicePool testVoices = split[1] != null ? split[1] : split[0];
        say("%d voices (%d flite, %d espeak-ng language+variant, %d festival), each engine drawn equally often;"
                + " %d held out for the recall estimate", voices.size(), voices.count(Voice.FLITE), voices.count(Voice.ESPEAK),
                voices.count(Voice.FESTIVAL), split[1] == null ? 0 : split[1].size());

        for (Path source : b.negatives) {
            if (EmbeddingFeatures.isFeatures(source)) {
                EmbeddingFeatures.check(source); // a bad file is reported now, not after the clips are made
            }
        }
        ConfusablePhrases dictionary = ConfusablePhrases.load(b.dictionary);
        List<String> unknown = dictionary.unknownWords(b.phrase);
        if (!unknown.isEmpty()) {
            say("not in the dictionary (no neighbours looked up for them): %s", String.join(", ", unknown));
        }
        double m = b.minutes;
        List<String> confusable = dictionary.neighbours(b.phrase, Math.max(4, (int) Math.round(8 * m)), random);
        say("%d phonetically close phrases, e.g. %s", confusable.size(),
                String.join(", ", confusable.subList(0, Math.min(6, confusable.size()))));
        Set<String> avoid = new HashSet<>(ConfusablePhrases.words(b.phrase));

        List<float[]> noises = new ArrayList<>();
        double noiseMinutes = 0;
        for (Path dir : b.noise) {
            for (Path f : WavFiles.under(dir)) {
                float[] x = Signals.read(f);
                noises.add(ClipJobs.excerpt(x, 30 * RATE, random));
                noiseMinutes += Math.min(x.length, 30 * RATE) / (60.0 * RATE);
            }
        }
        List<float[]> rirs = new ArrayList<>();
        if (b.rir != null) {
            for (Path f : WavFiles.under(b.rir)) {
                float[] h = Signals.read(f);
                h = java.util.Arrays.copyOf(h, Math.min(h.length, RATE));
                rirs.add(Signals.scale(h, 1 / Math.max(1e-6f, Signals.peak(h))));
            }
        }
        say("background: %s; reverberation: %s", noises.isEmpty() ? "synthetic noise" : String.format(Locale.ROOT,
                "%d real recordings (%.0f min)", noises.size(), noiseMinutes), rirs.isEmpty() ? "none" : rirs.size() + " room responses");
        ClipFactory clips = new ClipFactory(noises, rirs);
        FrontEnds frontEnds = new FrontEnds(b.modelDirectory); // fails here, early, when the front end is missing
        Path scratch = Files.createTempDirectory("hark-wakeword-train");
        SpeechSynthesizer synth = new SpeechSynthesizer(scratch);
        ExecutorService pool = Executors.newFixedThreadPool(b.threads);
        try {
            // 1. other speech: contexts for the phrase and negatives in their own right
            List<float[]> otherSpeech = Jobs.run(pool, ClipJobs.otherSpeech(synth, voices, dictionary, avoid,
                    Math.max(6, (int) Math.round(16 * m)), random), "other speech", this::say);

            // 2. clips, embedded; real recordings already embedded are read as they are
            ClipJobs clipJobs = new ClipJobs(synth, clips, frontEnds, otherSpeech);
            List<Callable<List<Sequence>>> jobs = new ArrayList<>();
            clipJobs.phrase(jobs, b.phrase, Math.max(8, (int) Math.round(24 * m)), trainVoices, testVoices, random);
            clipJobs.confusable(jobs, confusable, voices, random);
            clipJobs.syntheticSpeech(jobs, random);
            List<Path> real = new ArrayList<>();
            List<Path> features = new ArrayList<>();
            for (Path source : b.negatives) {
                if (EmbeddingFeatures.isFeatures(source)) {
                    features.add(source);
                } else {
                    real.addAll(WavFiles.under(source));
                }
            }
            if (b.useTestdata && Files.isDirectory(TESTDATA)) {
                real.addAll(WavFiles.under(TESTDATA));
            }
            for (Path dir : b.noise) {
                real.addAll(WavFiles.under(dir));
            }
            Collections.shuffle(real, random);
            double realBudget = 4 * 60 * m * RATE;
            double perFile = real.isEmpty() ? 0 : Math.max(3 * RATE, realBudget / real.size());
            clipJobs.real(jobs, real, (int) Math.min(Integer.MAX_VALUE, perFile), random);
            if (b.positives != null) {
                clipJobs.own(jobs, WavFiles.under(b.positives), OWN_WEIGHT, random);
            }
            List<Sequence> all = new ArrayList<>();
            for (List<Sequence> s : Jobs.run(pool, jobs, "clips", this::say)) {
                all.addAll(s);
            }
            for (Path f : features) {
                all.addAll(embeddedNegatives(f));
            }
            List<Sequence> train = all.stream().filter(s -> !s.heldOut()).toList();
            say("%d clips: %d positive (%d own), %d negative (%.2f h of real recordings scored)", all.size(),
                    all.stream().filter(Sequence::positive).count(),
                    all.stream().filter(s -> s.kind().equals("own")).count(),
                    all.stream().filter(s -> !s.positive()).count(),
                    all.stream().filter(s -> s.kind().equals(ClipJobs.REAL)).mapToDouble(WakeWordTrainer::hours).sum());

            // 3. the head
            int steps = Math.max(60, (int) Math.round(100 * m));
            KeywordMlp mlp = HeadTrainer.train(train, steps, random.nextLong(), this::say);

            // 4. threshold, on speech and noise as they come; the close phrases are left out: they are
            // near misses packed every few seconds, not a rate of anything a room hears. So is the
            // synthetic speech once there is an hour of real recordings: spoken by the voices that say
            // the phrase, its worst windows set the threshold (0.9999 on "cappuccino", where real speech
            // alone allowed 0.989) and cost recall on real speakers without measuring anything real
            List<float[]> negativeScores = new ArrayList<>();
            List<float[]> realScores = new ArrayList<>();
            double hours = 0;
            double realHours = 0;
            List<Float> closePeaks = new ArrayList<>();
            List<Float> synthPeaks = new ArrayList<>();
            List<Float> ownPeaks = new ArrayList<>();
            for (Sequence s : all) {
                if (s.kind().equals(ClipJobs.CONFUSABLE)) {
                    closePeaks.add(peak(scores(mlp, s)));
                } else if (!s.positive()) {
                    float[] sc = scores(mlp, s);
                    negativeScores.add(sc);
                    hours += hours(s);
                    if (s.kind().equals(ClipJobs.REAL)) {
                        realScores.add(sc);
                        realHours += hours(s);
                    }
                } else if (s.heldOut()) {
                    (s.kind().equals("own") ? ownPeaks : synthPeaks).add(peak(scores(mlp, s)));
                }
            }
            if (realHours >= MIN_REAL_HOURS) {
                negativeScores = realScores;
                hours = realHours;
            }
            float threshold = Calibration.threshold(negativeScores, hours, b.maxActivationsPer10h);
            float[] own = toArray(ownPeaks);
            if (own.length > 0) {
                // own recordings weigh in: raise the threshold (more margin against false activations)
                // as far as halfway to 1 while every held-out own recording it caught is still caught
                double keep = Calibration.recall(own, threshold);
                float t = threshold;
                while (t + 0.005f <= (threshold + 1) / 2 && Calibration.recall(own, t + 0.005f) >= keep) {
                    t += 0.005f;
                }
                threshold = t;
            }
            int falseActivations = Calibration.activations(negativeScores, threshold);
            double synthRecall = Calibration.recall(toArray(synthPeaks), threshold);
            double ownRecall = Calibration.recall(own, threshold);
            double closeActivated = Calibration.recall(toArray(closePeaks), threshold);
            say("threshold %.4f: %d false activations in %.2f h of %s, %.1f %% of close-phrase clips activate;"
                    + " recall on held-out voices %.3f%s", threshold, falseActivations, hours,
                    hours == realHours ? "real recordings" : "negatives (real and synthetic)", 100 * closeActivated, synthRecall,
                    own.length > 0 ? String.format(Locale.ROOT, ", on held-out own recordings %.3f", ownRecall) : "");

            // 5. files
            Files.createDirectories(b.out);
            Path model = b.out.resolve(name + ".onnx");
            Path json = b.out.resolve(name + ".json");
            byte[] bytes = OnnxHeadWriter.toBytes(mlp, "keyword head for \"" + b.phrase + "\" (hark wakeword train)");
            writeAtomically(model, bytes);
            double seconds = (System.nanoTime() - started) / 1e9;
            Result result = new Result(model, json, name, threshold, hours, falseActivations, closeActivated,
                    synthRecall, ownRecall, seconds);
            writeAtomically(json, TrainedHeadDescription.toJson(b, bytes, result, voices.size(), all, steps));
            say("wrote %s and %s", model, json);
            return result;
        } finally {
            pool.shutdownNow();
            frontEnds.close();
            try (var files = Files.list(scratch)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The recordings of a features file as real negatives. A fifth is kept out of training (the
     * threshold is calibrated on them too, as speech the head never learnt): whole speakers when the
     * recordings sit in ten or more folders (one per speaker, as corpora keep them), else every fifth
     * recording.
     */
    private List<Sequence> embeddedNegatives(Path file) throws IOException {
        List<EmbeddingFeatures.Stream> streams = EmbeddingFeatures.read(file);
        Function<EmbeddingFeatures.Stream, String> folder = st -> {
            int slash = st.name().lastIndexOf('/');
            return slash < 0 ? "" : st.name().substring(0, slash);
        };
        boolean bySpeaker = streams.stream().map(folder).distinct().count() >= 10;
        List<Sequence> out = new ArrayList<>(streams.size());
        for (int i = 0; i < streams.size(); i++) {
            EmbeddingFeatures.Stream st = streams.get(i);
            boolean heldOut = bySpeaker ? Math.floorMod(folder.apply(st).hashCode(), 5) == 0 : i % 5 == 0;
            out.add(new Sequence(st.rows(), -1, heldOut, ClipJobs.REAL, 1f));
        }
        say("%s: %d recordings (%.2f h), embedded before", file, streams.size(),
                streams.stream().mapToDouble(EmbeddingFeatures.Stream::audioSeconds).sum() / 3600);
        return out;
    }

    /** Hours of the stream that windows score (the detector's listening time). */
    private static double hours(Sequence s) {
        return Math.max(0, s.length() - KeywordMlp.WINDOW + 1) * PcmFormat.FRAME_SAMPLES / (double) RATE / 3600;
    }

    /** The head's score at every row of {@code s} (NaN before the first full window). */
    static float[] scores(KeywordMlp mlp, Sequence s) {
        float[] out = new float[s.length()];
        for (int r = 0; r < out.length; r++) {
            out[r] = r < KeywordMlp.WINDOW - 1 ? Float.NaN : mlp.score(s.rows(), r);
        }
        return out;
    }

    private static float peak(float[] scores) {
        float p = 0;
        for (float v : scores) {
            if (v > p) {
                p = v;
            }
        }
        return p;
    }

    private static float[] toArray(List<Float> values) {
        float[] a = new float[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    /** Options of a training run. */
    public static final class Builder {
        final String phrase;
        private final Path out;
        private String name;
        final List<Path> negatives = new ArrayList<>();
        final List<Path> noise = new ArrayList<>();
        Path rir;
        Path positives;
        double minutes = 30;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        long seed = 1;
        double maxActivationsPer10h = 1;
        private boolean useTestdata = true;
        private Path modelDirectory = ModelFiles.defaultDirectory();
        private Path dictionary = ConfusablePhrases.DEFAULT_DICTIONARY;
        private Consumer<String> progress = s -> { };

        private Builder(String phrase, Path out) {
            if (ConfusablePhrases.words(phrase).isEmpty()) {
                throw new IllegalArgumentException("the phrase \"" + phrase + "\" has no words");
            }
            this.phrase = String.join(" ", ConfusablePhrases.words(phrase));
            this.out = out;
        }

        /** The head's name (default: the phrase's words joined by underscores). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Real recordings without the phrase (speech, television, music, noise): a folder, of which a
         * few seconds per recording are taken, or a {@code .features} file, read whole.
         */
        public Builder negatives(Path folder) {
            negatives.add(folder);
            return this;
        }

        /** A folder of real noise recordings: mixed under the clips, and negatives themselves. */
        public Builder noise(Path folder) {
            noise.add(folder);
            return this;
        }

        /** A folder of room impulse responses to reverberate the clips with. */
        public Builder roomResponses(Path folder) {
            this.rir = folder;
            return this;
        }

        /** A folder of the person's own recordings of the phrase, one utterance per file. */
        public Builder positives(Path folder) {
            this.positives = folder;
            return this;
        }

        /** The budget that scales clips and steps (default 30: 391 s of CPU on the build machine). */
        public Builder minutes(double minutes) {
            if (!(minutes > 0 && minutes <= 600)) {
                throw new IllegalArgumentException("--minutes must be in (0, 600], got " + minutes);
            }
            this.minutes = minutes;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = Math.max(1, threads);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether pocketsphinx-testdata's recordings join the negatives when installed (default true). */
        public Builder testdata(boolean use) {
            this.useTestdata = use;
            return this;
        }

        public Builder modelDirectory(Path dir) {
            this.modelDirectory = dir;
            return this;
        }

        public Builder dictionary(Path dictionary) {
            this.dictionary = dictionary;
            return this;
        }

        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        public WakeWordTrainer build() {
            return new WakeWordTrainer(this);
        }
    }
}
