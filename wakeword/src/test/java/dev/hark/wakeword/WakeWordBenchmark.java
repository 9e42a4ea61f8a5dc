package dev.hark.wakeword;

import dev.hark.audio.PcmFormat;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Speed, CPU and allocation figures for the wake-word stage, printed as Markdown for
 * docs/benchmarks/wakeword.md. Not a test: run it with scripts/bench-wakeword.sh.
 *
 * <ul>
 *   <li>real-time factor (this thread's CPU time / audio time) on one thread of the shared mel+embedding
 *       front end (and the Java mel spectrogram alone; MelSpectrogramBenchmark compares it with the
 *       ONNX model), each keyword head and the VAD, median of 5 passes over a long real recording;</li>
 *   <li>how many keyword heads one core sustains, computed from those and checked with all four;</li>
 *   <li>CPU share of one core while listening in real time (frames paced at 80 ms) with one model,
 *       with and without the VAD gate;</li>
 *   <li>Java heap allocated per frame in steady state (HotSpot's per-thread allocation counter, the
 *       one JMH's gc profiler reads);</li>
 *   <li>recall of the four models on the flite corpus with and without the VAD gate.</li>
 * </ul>
 */
public final class WakeWordBenchmark {
    private static final int PASSES = 5;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private WakeWordBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double listenSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 30;
        short[] speech = longRecording();
        short[] room = roomNoise(60);
        System.out.printf(Locale.ROOT, "Long recording: every pocketsphinx-testdata recording, %.1f s of speech audio; "
                + "room noise: the first 0.44 s of something.raw (the room before the speaker) looped to %.0f s.%n%n", PcmFormat.seconds(speech.length),
                PcmFormat.seconds(room.length));
        componentRealTimeFactors(speech);
        listeningCpu(speech, room, listenSeconds);
        allocation(speech);
        gateRecall();
    }

    /** Every pocketsphinx-testdata recording, end to end, cut to whole frames. */
    static short[] longRecording() throws Exception {
        List<short[]> parts = new ArrayList<>();
        for (String name : TestAudio.pocketsphinxRecordings()) {
            parts.add(TestAudio.pocketsphinx(name));
        }
        short[] all = TestAudio.concat(parts.toArray(new short[0][]));
        return Arrays.copyOf(all, all.length / PcmFormat.FRAME_SAMPLES * PcmFormat.FRAME_SAMPLES);
    }

    /**
     * The room before the speaker starts in something.raw (its first 0.44 s), looped. One room only:
     * splicing rooms of different levels would make a level step every 0.44 s.
     */
    static short[] roomNoise(double seconds) throws Exception {
        short[] loop = Arrays.copyOf(TestAudio.pocketsphinx("something.raw"), 7040);
        int n = (int) (seconds * PcmFormat.SAMPLE_RATE) / PcmFormat.FRAME_SAMPLES * PcmFormat.FRAME_SAMPLES;
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = loop[i % loop.length];
        }
        return out;
    }

    /**
     * CPU time of this thread: on a shared build machine (load far above the core count) wall time
     * would count the time other processes held the core.
     */
    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void componentRealTimeFactors(short[] pcm) throws Exception {
        short[][] frames = TestAudio.frames(pcm);
        double audio = PcmFormat.seconds(pcm.length);
        String[] keywords = WakePhraseCorpus.KEYWORDS;
        double[] frontEnd = new double[PASSES];
        double[] melOnly = new double[PASSES];
        double[][] heads = new double[keywords.length][PASSES];
        double[] vad = new double[PASSES];
        double[] detector4 = new double[PASSES];
        double[] frameMillis = new double[frames.length];
        double[] frameMedian = new double[PASSES];
        KeywordHead[] h = new KeywordHead[keywords.length];
        for (int k = 0; k < keywords.length; k++) {
            h[k] = new KeywordHead(TestAudio.MODELS.resolve(ModelFiles.keywordFileName(keywords[k])), 1);
        }
        try (SpeechEmbeddingFrontEnd fe = new SpeechEmbeddingFrontEnd(null, TestAudio.MODELS.resolve(ModelFiles.EMBEDDING), 16, 1);
             VoiceActivityDetector v = VoiceActivityDetector.builder().modelDirectory(TestAudio.MODELS).build();
             WakeWordDetector all = WakePhraseCorpus.allModels(0)) {
            for (int pass = -1; pass < PASSES; pass++) { // pass -1 warms up the JIT and ONNX Runtime
                fe.reset();
                long feNanos = 0;
                long[] headNanos = new long[keywords.length];
                for (int f = 0; f < frames.length; f++) {
                    long t0 = cpuNanos();
                    fe.process(frames[f]);
                    long t1 = cpuNanos();
                    feNanos += t1 - t0;
                    frameMillis[f] = (t1 - t0) / 1e6;
                    if (fe.embeddingsAvailable() >= 16) {
                        for (int k = 0; k < keywords.length; k++) {
                            long s = cpuNanos();
                            h[k].score(fe, 0);
                            headNanos[k] += cpuNanos() - s;
                        }
                    }
                }
                fe.reset();
                long m0 = cpuNanos();
                for (short[] frame : frames) {
                    fe.process(frame, false);
                }
                long melNanos = cpuNanos() - m0;
                v.reset();
                long s = cpuNanos();
                for (int i = 0; i + VoiceActivityDetector.WINDOW_SAMPLES <= pcm.length; i += VoiceActivityDetector.WINDOW_SAMPLES) {
                    v.process(pcm, i);
                }
                long vadNanos = cpuNanos() - s;
                all.reset();
                s = cpuNanos();
                for (short[] frame : frames) {
                    all.process(frame);
                }
                long allNanos = cpuNanos() - s;
                if (pass >= 0) {
                    frontEnd[pass] = feNanos / 1e9 / audio;
                    melOnly[pass] = melNanos / 1e9 / audio;
                    for (int k = 0; k < keywords.length; k++) {
                        heads[k][pass] = headNanos[k] / 1e9 / audio;
                    }
                    vad[pass] = vadNanos / 1e9 / audio;
                    detector4[pass] = allNanos / 1e9 / audio;
                    frameMedian[pass] = median(frameMillis);
                }
            }
        } finally {
            for (KeywordHead k : h) {
                k.close();
            }
        }
        System.out.println("### Real-time factor on one thread (thread CPU time / audio time, median of " + PASSES + " passes)\n");
        System.out.println("| component | real-time factor | share of one core |\n|---|---|---|");
        row("mel + embedding front end (shared)", median(frontEnd));
        row("  of which mel spectrogram alone (Java, the default)", median(melOnly));
        double worstHead = 0;
        for (int k = 0; k < keywords.length; k++) {
            row("keyword head " + keywords[k], median(heads[k]));
            worstHead = Math.max(worstHead, median(heads[k]));
        }
        row("Silero VAD v5 (31.25 windows/s)", median(vad));
        row("WakeWordDetector, all four heads", median(detector4));
        System.out.printf(Locale.ROOT, "%nFront end per 80 ms frame: median %.3f ms of CPU.%n", median(frameMedian));
        int sustained = (int) Math.floor((1 - median(frontEnd)) / worstHead);
        System.out.printf(Locale.ROOT, "Keyword heads one core sustains in real time: (1 - %.4f) / %.5f = %d "
                + "(front end once, costliest head repeated).%n%n", median(frontEnd), worstHead, sustained);
    }

    private static void row(String name, double rtf) {
        System.out.printf(Locale.ROOT, "| %s | %.5f | %.2f %% |%n", name, rtf, rtf * 100);
    }

    /** Paces frames at real time and reports CPU time / wall time of the listening thread and the process. */
    private static void listeningCpu(short[] speech, short[] room, double seconds) throws Exception {
        System.out.printf(Locale.ROOT, "### CPU while listening in real time (%.0f s each, frames paced at 80 ms)%n%n", seconds);
        System.out.println("| setup | input | listening thread | whole JVM process |\n|---|---|---|---|");
        String[] names = {"alexa, no gate", "alexa + VAD gate", "alexa + level gate + VAD gate (default)"};
        for (int setup = 0; setup < names.length; setup++) {
            for (boolean isSpeech : new boolean[] {true, false}) {
                try (WakeWordDetector d = WakeWordDetector.builder().modelDirectory(TestAudio.MODELS)
                        .pretrainedKeyword("alexa", 0.5f).voiceActivityGate(setup == 0 ? 0f : 0.5f)
                        .levelGate(setup == 2).build()) {
                    short[][] frames = TestAudio.frames(isSpeech ? speech : room);
                    for (int i = 0; i < 200; i++) {
                        d.process(frames[i % frames.length]); // warm-up
                    }
                    com.sun.management.OperatingSystemMXBean os =
                            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                    int n = (int) (seconds * PcmFormat.SAMPLE_RATE / PcmFormat.FRAME_SAMPLES);
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    long proc0 = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        d.process(frames[i % frames.length]);
                        long due = start + (long) (i + 1) * 80_000_000L;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    double wall = (System.nanoTime() - start) / 1e9;
                    double thread = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9 / wall;
                    double process = (os.getProcessCpuTime() - proc0) / 1e9 / wall;
                    System.out.printf(Locale.ROOT, "| %s | %s | %.2f %% | %.2f %% |%n",
                            names[setup], isSpeech ? "continuous speech" : "room noise",
                            thread * 100, process * 100);
                }
            }
        }
        System.out.println();
    }

    private static void allocation(short[] pcm) throws Exception {
        short[][] frames = TestAudio.frames(pcm);
        long id = Thread.currentThread().getId();
        System.out.println("### Java heap allocated per call in steady state\n");
        System.out.println("| call | bytes per call |\n|---|---|");
        String[][] setups = {{"alexa"}, WakePhraseCorpus.KEYWORDS};
        for (String[] keywords : setups) {
            for (float gate : new float[] {0f, 0.5f}) {
                // on speech the level gate is open, so the VAD runs on every frame
                WakeWordDetector.Builder b = WakeWordDetector.builder().modelDirectory(TestAudio.MODELS).voiceActivityGate(gate);
                for (String k : keywords) {
                    b.pretrainedKeyword(k, 0.99f);
                }
                try (WakeWordDetector d = b.build()) {
                    for (int i = 0; i < 300; i++) {
                        d.process(frames[i % frames.length]);
                    }
                    int n = 2000;
                    long a0 = THREADS.getThreadAllocatedBytes(id);
                    for (int i = 0; i < n; i++) {
                        d.process(frames[i % frames.length]);
                    }
                    long bytes = THREADS.getThreadAllocatedBytes(id) - a0;
                    System.out.printf(Locale.ROOT, "| WakeWordDetector.process, %d head(s)%s | %.0f |%n", keywords.length,
                            gate > 0 ? ", VAD gate" : "", bytes / (double) n);
                }
            }
        }
        try (SpeechEmbeddingFrontEnd fe = new SpeechEmbeddingFrontEnd(null, TestAudio.MODELS.resolve(ModelFiles.EMBEDDING), 16, 1);
             KeywordHead head = new KeywordHead(TestAudio.MODELS.resolve("alexa_v0.1.onnx"), 1)) {
            for (int i = 0; i < 100; i++) {
                fe.process(frames[i]);
            }
            int n = 5000;
            long a0 = THREADS.getThreadAllocatedBytes(id);
            for (int i = 0; i < n; i++) {
                head.score(fe, 0);
            }
            System.out.printf(Locale.ROOT, "| one keyword-head inference (our copy + OrtSession.run with a pinned output) | %.0f |%n",
                    (THREADS.getThreadAllocatedBytes(id) - a0) / (double) n);
        }
        try (EndOfSpeechDetector eos = EndOfSpeechDetector.builder().modelDirectory(TestAudio.MODELS)
                .startTimeoutMillis(1_000_000).maxLengthMillis(1_000_000).endSilenceMillis(1_000_000).build()) {
            for (int i = 0; i < 100; i++) {
                eos.process(frames[i]);
            }
            int n = 0;
            long a0 = THREADS.getThreadAllocatedBytes(id);
            for (int i = 100; i < frames.length; i++) {
                eos.process(frames[i]);
                n++;
            }
            System.out.printf(Locale.ROOT, "| EndOfSpeechDetector.process (one 80 ms frame) | %.0f |%n",
                    (THREADS.getThreadAllocatedBytes(id) - a0) / (double) n);
        }
        try (VoiceActivityDetector v = VoiceActivityDetector.builder().modelDirectory(TestAudio.MODELS).build()) {
            for (int i = 0; i + 512 <= 300 * 512; i += 512) {
                v.process(pcm, i);
            }
            int n = 0;
            long a0 = THREADS.getThreadAllocatedBytes(id);
            for (int i = 0; i + 512 <= pcm.length; i += 512) {
                v.process(pcm, i);
                n++;
            }
            System.out.printf(Locale.ROOT, "| VoiceActivityDetector.process (one 512-sample window) | %.0f |%n",
                    (THREADS.getThreadAllocatedBytes(id) - a0) / (double) n);
        }
        System.out.println();
    }

    private static void gateRecall() throws Exception {
        System.out.println("### Does the VAD gate cost recall? (flite corpus: 4 voices x 6 conditions per model)\n");
        System.out.println("| gate | alexa | hey_jarvis | hey_mycroft | hey_rhasspy | false fires on non-wake speech |\n|---|---|---|---|---|---|");
        String[] names = {"off", "VAD >= 0.5 in the last 1.28 s", "level gate + VAD >= 0.5 (default)"};
        for (int setup = 0; setup < names.length; setup++) {
            WakeWordDetector.Builder b = WakeWordDetector.builder().modelDirectory(TestAudio.MODELS)
                    .voiceActivityGate(setup == 0 ? 0f : 0.5f).levelGate(setup == 2);
            for (String k : WakePhraseCorpus.KEYWORDS) {
                b.pretrainedKeyword(k, 0.5f);
            }
            try (WakeWordDetector d = b.build()) {
                StringBuilder row = new StringBuilder("| " + names[setup] + " |");
                for (int k = 0; k < WakePhraseCorpus.KEYWORDS.length; k++) {
                    int hits = 0;
                    int total = 0;
                    for (String voice : WakePhraseCorpus.VOICES) {
                        for (String condition : WakePhraseCorpus.CONDITIONS) {
                            short[] clip = WakePhraseCorpus.clip(voice, WakePhraseCorpus.PHRASES[k], condition);
                            hits += TestAudio.detect(d, clip).fired(WakePhraseCorpus.KEYWORDS[k]) ? 1 : 0;
                            total++;
                        }
                    }
                    row.append(String.format(Locale.ROOT, " %d/%d |", hits, total));
                }
                int falseFires = 0;
                for (String name : TestAudio.pocketsphinxRecordings()) {
                    falseFires += TestAudio.detect(d, TestAudio.pocketsphinx(name)).detections().size();
                }
                System.out.println(row.append(' ').append(falseFires).append(" |"));
            }
        }
    }
}
