package dev.hark.runtime.bench;

import dev.hark.audio.PcmFormat;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.parser.IntentParser;
import dev.hark.runtime.config.HarkConfig;
import dev.hark.runtime.loop.CommandRecognizer;
import dev.hark.runtime.stages.SpeechUnderstanding;
import dev.hark.speaker.SpeakerEmbedder;
import dev.hark.speaker.SpeakerInputException;
import dev.hark.wakeword.ModelFiles;
import dev.hark.wakeword.ModelLoadException;
import dev.hark.wakeword.PipelineCost;
import dev.hark.wakeword.VoiceActivityDetector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Per-stage cost on one thread: the CPU time this thread spends in each stage divided by the duration
 * of the audio it processed (a real-time factor; 0.01 is 1 % of one core), as the median of several
 * passes after one warm-up pass. Thread CPU time, not wall time, so other processes on a shared
 * machine do not count. Cost: every stage over the workload, (repetitions + 1) times.
 */
public final class StageCosts {
    /** The pre-trained keyword heads, each measured on the shared front end. */
    public static final List<String> KEYWORDS = List.of("hello_hark", "alexa", "hey_jarvis", "hey_mycroft", "hey_rhasspy");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final int repetitions;

    /** A stage's figure: its real-time factor and what it was measured on. */
    public record Figure(String stage, double rtf, double audioSeconds, String input) {
    }

    /** The NLU's figure and its median CPU microseconds per utterance. */
    public record NluFigure(Figure figure, double microsPerUtterance) {
    }

    public StageCosts(int repetitions) {
        this.repetitions = repetitions;
    }

    /**
     * The wake-word front end (mel + embedding) and each keyword head over {@code speech}, the front end
     * as the loop runs it by default on every frame: the int8 embedding (what "screened" and "int8" run
     * per frame), {@link HarkConfig#DEFAULT_EMBEDDING_BATCH} frames per run.
     */
    public List<Figure> wakeWord(Path modelDir, short[] speech) throws ModelLoadException {
        short[][] frames = frames(speech);
        double audio = PcmFormat.seconds(speech.length);
        double[] fe = new double[repetitions];
        double[][] heads = new double[KEYWORDS.size()][repetitions];
        try (PipelineCost cost = PipelineCost.open(modelDir, KEYWORDS, ModelFiles.EMBEDDING_INT8, HarkConfig.DEFAULT_EMBEDDING_BATCH)) {
            for (int pass = -1; pass < repetitions; pass++) {
                PipelineCost.Result r = cost.measure(frames);
                if (pass >= 0) {
                    fe[pass] = r.frontEndNanos() / 1e9 / audio;
                    for (int k = 0; k < heads.length; k++) {
                        heads[k][pass] = r.headNanos()[k] / 1e9 / audio;
                    }
                }
            }
        }
        List<Figure> out = new ArrayList<>();
        out.add(new Figure("wake_front_end", median(fe), audio, "speech"));
        for (int k = 0; k < heads.length; k++) {
            out.add(new Figure("wake_head_" + KEYWORDS.get(k), median(heads[k]), audio, "speech"));
        }
        return out;
    }

    /** Silero VAD on every 512-sample window of {@code speech}. */
    public Figure vad(Path modelDir, short[] speech) throws ModelLoadException {
        double audio = PcmFormat.seconds(speech.length);
        double[] rtf = new double[repetitions];
        try (VoiceActivityDetector vad = VoiceActivityDetector.builder().modelDirectory(modelDir).threads(1).build()) {
            for (int pass = -1; pass < repetitions; pass++) {
                vad.reset();
                long t0 = cpu();
                for (int at = 0; at + VoiceActivityDetector.WINDOW_SAMPLES <= speech.length; at += VoiceActivityDetector.WINDOW_SAMPLES) {
                    vad.process(speech, at);
                }
                if (pass >= 0) {
                    rtf[pass] = (cpu() - t0) / 1e9 / audio;
                }
            }
        }
        return new Figure("vad", median(rtf), audio, "speech");
    }

    /**
     * The loop's recogniser (streamed in 80 ms frames, then finished) on each command; returns its
     * figure and the transcripts of the last pass.
     */
    public Figure recognizer(SpeechUnderstanding recognizer, List<short[]> commands, List<String> transcripts) {
        double audio = seconds(commands);
        double[] rtf = new double[repetitions];
        for (int pass = -1; pass < repetitions; pass++) {
            transcripts.clear();
            long nanos = 0;
            for (short[] pcm : commands) {
                long t0 = cpu();
                recognizer.begin(Set.of());
                for (int at = 0; at < pcm.length; at += PcmFormat.FRAME_SAMPLES) {
                    recognizer.accept(pcm, at, Math.min(PcmFormat.FRAME_SAMPLES, pcm.length - at));
                }
                CommandRecognizer.Understanding u = recognizer.finish();
                nanos += cpu() - t0;
                transcripts.add(u.transcript());
            }
            if (pass >= 0) {
                rtf[pass] = nanos / 1e9 / audio;
            }
        }
        return new Figure("recognizer", median(rtf), audio, "commands");
    }

    /** The built-in speaker model's embedding of each command (as the loop's speaker stage does). */
    public Figure speaker(SpeakerEmbedder embedder, List<short[]> commands) {
        double audio = seconds(commands);
        double[] rtf = new double[repetitions];
        for (int pass = -1; pass < repetitions; pass++) {
            long t0 = cpu();
            for (short[] pcm : commands) {
                try {
                    embedder.embed(pcm);
                } catch (SpeakerInputException tooLittleSpeech) {
                    // the loop gets the same refusal and carries on: its cost counts all the same
                }
            }
            if (pass >= 0) {
                rtf[pass] = (cpu() - t0) / 1e9 / audio;
            }
        }
        return new Figure("speaker_embedding", median(rtf), audio, "commands");
    }

    /**
     * The text NLU ({@code hark nlu}'s parser trained on the assistant's intents) on each transcript:
     * its real-time factor against the commands' audio and the median CPU microseconds per utterance.
     */
    public NluFigure nlu(Dataset assistant, List<String> utterances, double audioSeconds) {
        IntentParser parser = IntentParser.builder().dataset(assistant).build();
        double[] rtf = new double[repetitions];
        double[] perUtterance = new double[repetitions * utterances.size()];
        int n = 0;
        for (int pass = -1; pass < repetitions; pass++) {
            long total = 0;
            for (String text : utterances) {
                long t0 = cpu();
                parser.parse(text);
                long d = cpu() - t0;
                total += d;
                if (pass >= 0) {
                    perUtterance[n++] = d / 1e3;
                }
            }
            if (pass >= 0) {
                rtf[pass] = total / 1e9 / audioSeconds;
            }
        }
        return new NluFigure(new Figure("nlu", median(rtf), audioSeconds, "transcripts of the commands"), median(perUtterance));
    }

    private long cpu() {
        return threads.getCurrentThreadCpuTime();
    }

    private static double seconds(List<short[]> recordings) {
        long n = 0;
        for (short[] r : recordings) {
            n += r.length;
        }
        return PcmFormat.seconds(n);
    }

    private static short[][] frames(short[] pcm) {
        short[][] out = new short[pcm.length / PcmFormat.FRAME_SAMPLES][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(pcm, i * PcmFormat.FRAME_SAMPLES, (i + 1) * PcmFormat.FRAME_SAMPLES);
        }
        return out;
    }

    /** The median of {@code v} (NaN for none). */
    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The nearest-rank percentile {@code p} (0-100) of {@code v}. */
    static double percentile(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }
}
