package dev.hark.asr.neural;

import dev.hark.asr.feature.FeatureExtractor;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.GrammarException;
import dev.hark.asr.grammar.WordGraph;
import dev.hark.asr.lexicon.LetterToSound;
import dev.hark.asr.lexicon.Lexicon;
import dev.hark.asr.model.ModelDefinition;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.asr.search.ForcedAligner;
import dev.hark.asr.search.SearchGraph;
import dev.hark.asr.search.SearchGraphBuilder;
import dev.hark.asr.search.SearchParameters;
import dev.hark.audio.WavReader;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Writes the training (or measuring) data of the neural acoustic model: for every utterance of the
 * prepared speech corpora, the teacher's labels (the Sphinx GMM force-aligned to the transcript on
 * the clean audio, one senone per frame) and the student's input (Hark's own 39-dimensional
 * features, computed by {@link FeatureExtractor} exactly as at run time) of noisy copies made by
 * {@link Augmenter}.
 *
 * <pre>
 * StudentTrainingData CORPUS OUT (train K | dev SNR,SNR,...) [--noise DIR] [--seed N] [--threads N] [--limit N]
 *                     [--snr LOW,HIGH] [--clean-share F] [--pad LEAD,TRAIL]
 *                     [--speech DIR --text FILE] [--max-gap G] [--gaps FILE]
 * </pre>
 *
 * CORPUS is scripts/prepare-corpora.sh's output folder (speech/speechocean762, noise/, rir/).
 * Speakers are split by a fixed rule: {@link #isDev} speakers are never in "train". "train K" writes
 * K copies per utterance, each with a random recipe (speed, level, padding, reverberation,
 * band limit, noise from noise/train at -3..30 dB, one in six without noise; --noise, --snr and
 * --clean-share change these, e.g. for copies in babble; --pad LEAD,TRAIL pads every copy with
 * 0..LEAD s before and 0..TRAIL s after the speech, as a commands-dev recording has 1.3 s before and
 * 4 s after the command (medians) that only noise fills); "dev" writes one copy
 * per SNR listed ("clean" for none) with noise from --noise (default noise/measure), nothing else
 * changed. --speech DIR --text FILE take the training utterances from DIR/SPK/UTT.wav instead, with the
 * transcripts of FILE ("UTT words...", e.g. a recogniser's output for speech without transcripts:
 * the LibriSpeech excerpts); all of them are training speech. --max-gap G keeps a teacher label only
 * where the transcript fits: per frame the gap is the best senone's log-likelihood minus the aligned
 * senone's (0 when the alignment takes the best senone), averaged over 51 frames around it; frames
 * where that exceeds G get no label (senone -1, which the training script skips), and an utterance
 * with fewer than half its frames labelled is left out. --gaps FILE writes each utterance's mean gap
 * and labelled share ("train 0" writes only that). Per copy k: copyK.f32 (frames x 39 float32
 * little-endian), copyK.sen (int16 senone per frame), copyK.tsv (utterance, speaker, frames, recipe). Also senones.tsv: each senone's CI phone
 * and state, for the training script. Utterances are written in corpus order, so any --threads gives the
 * same bytes. Cost: about 0.05 CPU s per second of speech for 8 copies (docs/benchmarks/asr.md, ninth session).
 */
public final class StudentTrainingData {
    private record Utterance(String id, String speaker, Path wav, String transcript) {
    }

    private record Copy(int frames, float[][] features, short[] senones, String info) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: StudentTrainingData CORPUS OUT (train K | dev SNR,...) [--noise DIR] [--seed N] [--threads N] [--limit N] [--snr LOW,HIGH] [--clean-share F] [--pad LEAD,TRAIL]");
            System.exit(2);
        }
        Path corpus = Path.of(args[0]);
        Path out = Path.of(args[1]);
        boolean train = args[2].equals("train");
        String spec = args[3];
        Path noiseDir = corpus.resolve(train ? "noise/train" : "noise/measure");
        long seed = 14;
        int threads = 2;
        int limit = Integer.MAX_VALUE;
        Augmenter.Draws draws = Augmenter.Draws.DEFAULT;
        Path speechDir = null, textFile = null, gapsFile = null;
        double maxGap = Double.POSITIVE_INFINITY;
        for (int i = 4; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--noise" -> noiseDir = Path.of(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--limit" -> limit = Integer.parseInt(args[i + 1]);
                case "--snr" -> draws = withSnr(draws, args[i + 1]);
                case "--clean-share" -> draws = draws.withCleanShare(Double.parseDouble(args[i + 1]));
                case "--pad" -> draws = withPadding(draws, args[i + 1]);
                case "--speech" -> speechDir = Path.of(args[i + 1]);
                case "--text" -> textFile = Path.of(args[i + 1]);
                case "--max-gap" -> maxGap = Double.parseDouble(args[i + 1]);
                case "--gaps" -> gapsFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        double[] snrs;
        int copies;
        if (train) {
            copies = Integer.parseInt(spec);
            snrs = null;
        } else {
            String[] parts = spec.split(",");
            snrs = new double[parts.length];
            for (int i = 0; i < parts.length; i++) snrs[i] = parts[i].equals("clean") ? Double.NaN : Double.parseDouble(parts[i]);
            copies = snrs.length;
        }
        if ((speechDir == null) != (textFile == null) || (speechDir != null && !train)) {
            throw new IllegalArgumentException("--speech and --text go together, for training data only");
        }
        List<Utterance> utts = speechDir != null ? utterances(speechDir, textFile)
                : utterances(corpus.resolve("speech/speechocean762"), train);
        if (utts.size() > limit) utts = utts.subList(0, limit);
        Files.createDirectories(out);
        Path modelDir = Path.of("/usr/share/pocketsphinx/model/en-us/en-us");
        Path dict = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
        TreeSet<String> vocabulary = new TreeSet<>();
        for (Utterance u : utts) vocabulary.addAll(Arrays.asList(words(u.transcript)));
        Lexicon lexicon = Lexicon.load(dict, vocabulary, Map.of());
        if (!lexicon.missing().isEmpty()) {
            LetterToSound lts = LetterToSound.cached(dict, out.resolve("lts-en-us.bin"));
            for (String w : List.copyOf(lexicon.missing())) lexicon = lexicon.with(w, List.<String[]>of(lts.pronounce(w)));
        }
        Augmenter augmenter = new Augmenter(noiseDir, train ? corpus.resolve("rir") : null, draws);
        SphinxAcousticModel probe = SphinxAcousticModel.load(modelDir);
        writeSenoneTable(probe.definition(), out.resolve("senones.tsv"));

        DataOutputStream[] feats = new DataOutputStream[copies];
        DataOutputStream[] labels = new DataOutputStream[copies];
        PrintWriter[] index = new PrintWriter[copies];
        for (int k = 0; k < copies; k++) {
            feats[k] = stream(out.resolve("copy" + k + ".f32"));
            labels[k] = stream(out.resolve("copy" + k + ".sen"));
            index[k] = new PrintWriter(Files.newBufferedWriter(out.resolve("copy" + k + ".tsv"), StandardCharsets.UTF_8));
            index[k].println("utterance\tspeaker\tframes\tspeed\tgain_db\tpad\trir\tnarrowband\tsnr_db\tnoise\tnoise2\tdrift_db\tcmn");
        }
        ThreadLocal<SphinxAcousticModel> models = ThreadLocal.withInitial(() -> {
            try {
                return SphinxAcousticModel.load(modelDir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        final Lexicon lex = lexicon;
        final long baseSeed = seed;
        final Gaps gaps = gapsFile != null || maxGap < Double.POSITIVE_INFINITY ? new Gaps(maxGap) : null;
        PrintWriter gapLog = gapsFile == null ? null : new PrintWriter(Files.newBufferedWriter(gapsFile, StandardCharsets.UTF_8));
        if (gapLog != null) gapLog.println("utterance\tframes\tmean_gap\tlabelled");
        AtomicInteger done = new AtomicInteger(), failed = new AtomicInteger();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> jobs = new ArrayList<>();
        final List<Utterance> all = utts;
        // Utterances are written in corpus order whatever the thread that finishes first, so that any
        // --threads gives the same files (the training script's chunks depend on that order); a
        // finished utterance waits here for the ones before it.
        final Copy[][] finished = new Copy[all.size()][];
        final String[] fitLines = new String[all.size()];
        final boolean[] ready = new boolean[all.size()];
        final int[] written = {0};
        for (int ui = 0; ui < all.size(); ui++) {
            final int n = ui;
            jobs.add(pool.submit(() -> {
                Utterance u = all.get(n);
                SplittableRandom rnd = new SplittableRandom(baseSeed * 1_000_003L + u.id.hashCode());
                Copy[] made;
                double[] fit = {0, Double.NaN, Double.NaN}; // frames, mean gap, labelled share
                try {
                    made = copiesOf(u, models.get(), lex, augmenter, rnd, copies, snrs, gaps, fit);
                } catch (Exception e) {
                    throw new RuntimeException(u.wav + ": " + e.getMessage(), e);
                }
                synchronized (feats) {
                    finished[n] = made;
                    fitLines[n] = String.format(Locale.ROOT, "%s\t%d\t%.3f\t%.3f%n", u.id, (int) fit[0], fit[1], fit[2]);
                    ready[n] = true;
                    for (; written[0] < all.size() && ready[written[0]]; written[0]++) {
                        int w = written[0];
                        Utterance wu = all.get(w);
                        if (gapLog != null) gapLog.print(fitLines[w]);
                        if (finished[w] == null) {
                            failed.incrementAndGet();
                        } else {
                            try {
                                for (int k = 0; k < copies; k++) {
                                    write(feats[k], labels[k], finished[w][k]);
                                    index[k].println(wu.id + "\t" + wu.speaker + "\t" + finished[w][k].frames + "\t" + finished[w][k].info);
                                }
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                        finished[w] = null;
                        fitLines[w] = null;
                    }
                    int d = done.incrementAndGet();
                    if (d % 100 == 0 || d == all.size()) {
                        System.err.printf(Locale.ROOT, "%d/%d utterances, %d not aligned, %.0f s%n", d, all.size(),
                                failed.get(), (System.nanoTime() - t0) / 1e9);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : jobs) f.get();
        pool.shutdown();
        if (gapLog != null) gapLog.close();
        for (int k = 0; k < copies; k++) {
            feats[k].close();
            labels[k].close();
            index[k].close();
        }
    }

    /** Development speakers: every 12th speaker of the test half (11 speakers); never trained on. */
    static boolean isDev(String half, int speakerRank) {
        return half.equals("test") && speakerRank % 12 == 0;
    }

    private static List<Utterance> utterances(Path dir, boolean train) throws IOException {
        Map<String, String> text = transcripts(dir.resolve("text"));
        List<Utterance> out = new ArrayList<>();
        for (String half : new String[] {"train", "test"}) {
            List<Path> speakers;
            try (Stream<Path> s = Files.list(dir.resolve(half))) {
                speakers = s.filter(Files::isDirectory).sorted().toList();
            }
            for (int rank = 0; rank < speakers.size(); rank++) {
                if (isDev(half, rank) == train) continue;
                List<Path> wavs;
                try (Stream<Path> s = Files.list(speakers.get(rank))) {
                    wavs = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
                }
                for (Path w : wavs) {
                    String id = w.getFileName().toString().replace(".wav", "");
                    String t = text.get(id);
                    if (t != null) out.add(new Utterance(id, speakers.get(rank).getFileName().toString(), w, t));
                }
            }
        }
        return out;
    }

    /** Every DIR/SPK/UTT.wav that FILE has a transcript for. */
    private static List<Utterance> utterances(Path dir, Path textFile) throws IOException {
        Map<String, String> text = transcripts(textFile);
        List<Utterance> out = new ArrayList<>();
        List<Path> speakers;
        try (Stream<Path> s = Files.list(dir)) {
            speakers = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path spk : speakers) {
            List<Path> wavs;
            try (Stream<Path> s = Files.list(spk)) {
                wavs = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
            }
            for (Path w : wavs) {
                String id = w.getFileName().toString().replace(".wav", "");
                String t = text.get(id);
                if (t != null && !t.isBlank()) out.add(new Utterance(id, spk.getFileName().toString(), w, t));
            }
        }
        return out;
    }

    private static Map<String, String> transcripts(Path file) throws IOException {
        Map<String, String> text = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] p = line.split("\\s+", 2);
            if (p.length == 2) text.put(p[0], p[1]);
        }
        return text;
    }

    /** "--snr LOW,HIGH" in dB. */
    private static Augmenter.Draws withSnr(Augmenter.Draws draws, String spec) {
        double[] s = Arrays.stream(spec.split(",")).mapToDouble(Double::parseDouble).toArray();
        if (s.length != 2 || !(s[0] < s[1])) {
            throw new IllegalArgumentException("--snr: expected LOW,HIGH in dB with LOW < HIGH");
        }
        return draws.withSnr(s[0], s[1]);
    }

    /** "--pad LEAD,TRAIL" in seconds: every copy padded, each end uniformly up to that long (10 ms frames). */
    private static Augmenter.Draws withPadding(Augmenter.Draws draws, String spec) {
        double[] s = Arrays.stream(spec.split(",")).mapToDouble(Double::parseDouble).toArray();
        if (s.length != 2 || !(s[0] > 0) || !(s[1] > 0)) {
            throw new IllegalArgumentException("--pad: expected LEAD,TRAIL in seconds, both above 0");
        }
        return draws.withPadding((int) Math.round(s[0] * 100), (int) Math.round(s[1] * 100));
    }

    private static String[] words(String transcript) {
        return transcript.toLowerCase(Locale.ROOT).trim().split("\\s+");
    }

    private static Copy[] copiesOf(Utterance u, SphinxAcousticModel gmm, Lexicon lexicon, Augmenter aug,
                                   SplittableRandom rnd, int copies, double[] snrs, Gaps gaps, double[] fit) throws Exception {
        short[] pcm = WavReader.readPcm16k(u.wav);
        // Every frame, silence included, as the shipped student was trained (its features were made
        // before the recogniser dropped silence); at recognition silence is dropped for it as for the GMM.
        FrontendConfig base = gmm.frontend().withSilenceRemoval(false);
        int shift = base.frameShift();
        SearchGraph graph = sentenceGraph(gmm, lexicon, u.transcript);
        if (graph == null) return null;
        Map<Double, int[]> alignments = new HashMap<>();
        Map<Double, float[]> sped = new HashMap<>();
        Copy[] out = new Copy[copies];
        if (copies == 0 && gaps != null) {
            int[] alignment = align(gmm, graph, Augmenter.speed(pcm, 1.0), base, gaps, fit);
            return alignment == null ? null : out;
        }
        for (int k = 0; k < copies; k++) {
            Augmenter.Recipe rc = snrs == null ? aug.random(rnd) : aug.fixed(rnd, snrs[k]);
            float[] speech = sped.computeIfAbsent(rc.speed(), s -> Augmenter.speed(pcm, s));
            int[] alignment = alignments.get(rc.speed());
            if (alignment == null) {
                alignment = align(gmm, graph, speech, base, gaps, fit);
                if (alignment == null) return null;
                alignments.put(rc.speed(), alignment);
            }
            FrontendConfig.CmnMode cmn = rnd.nextBoolean() ? FrontendConfig.CmnMode.LIVE : FrontendConfig.CmnMode.BATCH;
            if (snrs != null) cmn = FrontendConfig.CmnMode.BATCH;
            float[][] f = features(aug.apply(speech, rc, shift), base.withCmn(cmn));
            short[] sen = new short[f.length];
            for (int t = 0; t < f.length; t++) {
                int src = Math.min(Math.max(t - rc.padStartFrames(), 0), alignment.length - 1);
                sen[t] = (short) alignment[src];
            }
            String info = String.format(Locale.ROOT, "%.2f\t%.1f\t%d+%d\t%d\t%b\t%.1f\t%s\t%s\t%.1f\t%s", rc.speed(), rc.gainDb(),
                    rc.padStartFrames(), rc.padEndFrames(), rc.rir(), rc.narrowband(), rc.snrDb(), aug.noiseName(rc.noise()),
                    aug.noiseName(rc.noise2()), rc.driftDb(), cmn);
            out[k] = new Copy(f.length, f, sen, info);
        }
        return out;
    }

    /** The graph of one sentence, or null when a word has no usable pronunciation (the utterance is left out). */
    static SearchGraph sentenceGraph(SphinxAcousticModel gmm, Lexicon lexicon, String transcript) {
        WordGraph g = new WordGraph();
        int state = g.start();
        for (String w : words(transcript)) {
            int next = g.newState();
            g.addArc(state, next, w);
            state = next;
        }
        g.addFinal(state);
        try {
            return new SearchGraphBuilder(gmm.definition(), SearchParameters.defaults()).build(g, lexicon);
        } catch (GrammarException e) {
            return null;
        }
    }

    /**
     * The teacher's senone per frame of the clean speech, -1 where {@code gaps} finds the transcript does
     * not fit; null when the alignment fails or leaves under half the frames. {@code fit} gets the
     * frames, the mean gap and the labelled share.
     */
    static int[] align(SphinxAcousticModel gmm, SearchGraph graph, float[] speech, FrontendConfig base, Gaps gaps,
                       double[] fit) {
        float[][] f = features(speech(speech), base.withCmn(FrontendConfig.CmnMode.BATCH));
        int[] alignment = new ForcedAligner(gmm, graph).align(f);
        if (alignment == null || gaps == null) return alignment;
        return gaps.label(gmm, f, alignment, fit);
    }

    /**
     * How well a forced alignment fits, frame by frame: the best senone's log-likelihood minus the
     * aligned senone's, averaged over {@link #WINDOW} frames; frames above the limit lose their label.
     */
    record Gaps(double max) {
        static final int WINDOW = 51;

        /** The alignment with -1 where the gap is over the limit, or null when under half the frames are left. */
        int[] label(SphinxAcousticModel gmm, float[][] f, int[] alignment, double[] fit) {
            int n = gmm.senoneCount();
            int[] all = new int[n];
            for (int s = 0; s < n; s++) all[s] = s;
            float[] scores = new float[n];
            double[] cum = new double[f.length + 1];
            for (int t = 0; t < f.length; t++) {
                gmm.setFrame(f[t]);
                gmm.score(all, n, scores);
                float best = Float.NEGATIVE_INFINITY;
                for (float v : scores) best = Math.max(best, v);
                cum[t + 1] = cum[t] + (best - scores[alignment[t]]);
            }
            int[] out = alignment.clone();
            int labelled = 0;
            for (int t = 0; t < f.length; t++) {
                int a = Math.max(0, t - WINDOW / 2), b = Math.min(f.length, t + WINDOW / 2 + 1);
                if ((cum[b] - cum[a]) / (b - a) > max) out[t] = -1;
                else labelled++;
            }
            fit[0] = f.length;
            fit[1] = cum[f.length] / Math.max(1, f.length);
            fit[2] = labelled / (double) Math.max(1, f.length);
            return labelled * 2 < f.length ? null : out;
        }
    }

    private static short[] speech(float[] x) {
        short[] s = new short[x.length];
        for (int i = 0; i < x.length; i++) s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i])));
        return s;
    }

    static float[][] features(short[] pcm, FrontendConfig config) {
        FeatureExtractor fx = new FeatureExtractor(config);
        List<float[]> frames = new ArrayList<>();
        FeatureExtractor.FeatureSink sink = f -> frames.add(f.clone());
        fx.process(pcm, 0, pcm.length, sink);
        fx.finish(sink);
        return frames.toArray(new float[0][]);
    }

    private static DataOutputStream stream(Path p) throws IOException {
        OutputStream o = Files.newOutputStream(p);
        return new DataOutputStream(new BufferedOutputStream(o, 1 << 20));
    }

    private static void write(DataOutputStream feats, DataOutputStream labels, Copy c) throws IOException {
        int dim = c.features.length == 0 ? 0 : c.features[0].length;
        ByteBuffer b = ByteBuffer.allocate(c.frames * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] f : c.features) for (float v : f) b.putFloat(v);
        feats.write(b.array());
        ByteBuffer l = ByteBuffer.allocate(c.frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : c.senones) l.putShort(s);
        labels.write(l.array());
    }

    private static void writeSenoneTable(ModelDefinition mdef, Path file) throws IOException {
        int[] ci = new int[mdef.senoneCount()];
        int[] st = new int[mdef.senoneCount()];
        Arrays.fill(ci, -1);
        for (int p = 0; p < mdef.phoneCount(); p++) {
            for (int j = 0; j < mdef.emittingStates(); j++) {
                int s = mdef.senone(p, j);
                ci[s] = mdef.base(p);
                st[s] = j;
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            w.println("senone\tci\tphone\tstate");
            for (int s = 0; s < ci.length; s++) w.println(s + "\t" + ci[s] + "\t" + mdef.ciName(ci[s]) + "\t" + st[s]);
        }
    }
}
