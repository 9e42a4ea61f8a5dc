package dev.hark.runtime.eval;

import dev.hark.audio.WavReader;
import dev.hark.runtime.loop.CommandRecognizer;
import dev.hark.runtime.stages.SpeechUnderstanding;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs labelled recordings through Hark (and the reference recogniser, when given) in one
 * condition and tallies the result: noise mixed in per {@link NoiseMixer} (the same segment of the
 * same noise for a file at every SNR, from the seed and the file name), each recording understood
 * whole as {@code hark understand} does, or, with a {@link LoopEndpointing}, only the audio the
 * assistant loop's endpointer would hand the recogniser (the reference gets the same cut audio; a
 * command the endpointer gives up on is recognised by neither and counts as not understood), judged by
 * {@link CommandJudge}. Hark's CPU time is the decoding thread's CPU time (frontend, search and slot
 * resolution; JIT warm-up included, model loading and the endpointer not). Not thread-safe.
 */
public final class CommandEvaluation {
    /**
     * A labelled recording. Its audio is read again from {@code path} in each condition rather than
     * kept: a few hundred recordings hold tens of MB, more than the board-sized heap of {@code ./hark}.
     */
    public record Recording(String name, Path path, CommandLabels.Expected label) {
        /** The recording as 16 kHz mono PCM. */
        public short[] read() throws IOException {
            return WavReader.readPcm16k(path);
        }
    }

    /** One recording's outcome in one condition, for per-file logs; {@code cut} is null for a whole-file decode. */
    public record FileResult(Condition condition, Recording recording, LoopEndpointing.Cut cut, Hypothesis hark,
                             double confidence, Verdict verdict, Hypothesis reference, Verdict referenceVerdict) {
    }

    /** Told of progress and of each file's result. */
    public interface Listener {
        void progress(Condition condition, int done, int total, int right);

        void file(FileResult result);
    }

    private final SpeechUnderstanding hark;
    private final CommandJudge judge;
    private final NoiseMixer mixer;
    private final long seed;
    private final PocketsphinxReference reference;
    private final TranscriptParser transcripts;
    private final LoopEndpointing endpointing;

    /**
     * @param mixer       noise for noisy conditions, or null when only clean ones are run
     * @param reference   the reference recogniser, or null
     * @param transcripts reads the reference's transcripts (may be null without a reference)
     * @param endpointing cuts each recording as the loop would, or null to decode whole recordings
     */
    public CommandEvaluation(SpeechUnderstanding hark, CommandJudge judge, NoiseMixer mixer, long seed,
                             PocketsphinxReference reference, TranscriptParser transcripts, LoopEndpointing endpointing) {
        this.hark = hark;
        this.judge = judge;
        this.mixer = mixer;
        this.seed = seed;
        this.reference = reference;
        this.transcripts = transcripts;
        this.endpointing = endpointing;
    }

    /** Evaluates {@code recordings} in {@code condition}. */
    public ConditionResult run(Condition condition, List<Recording> recordings, Listener listener) throws IOException {
        if (condition.noisy() && mixer == null) throw new IllegalStateException("a noisy condition needs noise");
        LoopEndpointing.Cut[] cuts = new LoopEndpointing.Cut[recordings.size()];
        PocketsphinxReference.Result ref = reference == null ? null
                : reference.decode(recordings.size(), i -> heard(audio(condition, recordings.get(i)), cuts, i));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Confusions confusions = new Confusions();
        long cpu = 0;
        int right = 0, rejected = 0, empty = 0, refRight = 0, refEmpty = 0;
        int[] endings = new int[LoopEndpointing.Ending.values().length];
        double seconds = 0;
        for (int i = 0; i < recordings.size(); i++) {
            Recording r = recordings.get(i);
            short[] pcm = heard(audio(condition, r), cuts, i);
            if (cuts[i] != null) endings[cuts[i].ending().ordinal()]++;
            Hypothesis h = GIVEN_UP;
            double confidence = 0;
            if (pcm != null) {
                seconds += pcm.length / 16000.0;
                long t0 = threads.getCurrentThreadCpuTime();
                CommandRecognizer.Understanding u = hark.understand(pcm);
                cpu += threads.getCurrentThreadCpuTime() - t0;
                h = new Hypothesis(u.transcript(), u.parse().intentName(), u.parse().slots());
                confidence = u.confidence();
            }
            Verdict v = judge.judge(r.label(), h);
            confusions.add(r.name(), v);
            if (v.right()) right++;
            if (v.outcome() == Verdict.Outcome.REJECTED) rejected++;
            if (pcm != null && v.outcome() == Verdict.Outcome.EMPTY) empty++;
            Hypothesis rh = null;
            Verdict rv = null;
            if (ref != null) {
                rh = transcripts.parse(ref.transcripts().get(i));
                rv = judge.judge(r.label(), rh);
                if (rv.right()) refRight++;
                if (pcm != null && rv.outcome() == Verdict.Outcome.EMPTY) refEmpty++;
            }
            listener.file(new FileResult(condition, r, cuts[i], h, confidence, v, rh, rv));
            listener.progress(condition, i + 1, recordings.size(), right);
        }
        ConditionResult.Reference refResult = ref == null ? null
                : new ConditionResult.Reference("pocketsphinx", refRight, refEmpty, ref.cpuSeconds());
        ConditionResult.Endpointing ends = endpointing == null ? null : new ConditionResult.Endpointing(
                endings[LoopEndpointing.Ending.NO_SPEECH.ordinal()], endings[LoopEndpointing.Ending.TOO_LONG.ordinal()],
                endings[LoopEndpointing.Ending.UNENDED.ordinal()]);
        return new ConditionResult(condition, recordings.size(), right, rejected, empty, cpu / 1e9, seconds,
                confusions, refResult, ends);
    }

    /** What nothing was recognised from: a command the endpointer gave up on. */
    private static final Hypothesis GIVEN_UP = new Hypothesis("", null, List.of());

    /**
     * The audio the recogniser hears of recording {@code i}: the whole recording, or the endpointer's cut
     * (null: nothing). The cut is made the first time the recording is heard (by the reference or by Hark)
     * and kept in {@code cuts}, so the endpointer hears each recording once.
     */
    private short[] heard(short[] pcm, LoopEndpointing.Cut[] cuts, int i) {
        if (endpointing == null) return pcm;
        if (cuts[i] == null) cuts[i] = endpointing.cut(pcm);
        return cuts[i].of(pcm);
    }

    private short[] audio(Condition condition, Recording r) throws IOException {
        short[] pcm = r.read();
        return condition.noisy() ? mixer.mix(pcm, condition.snrDb(), fileSeed(r.name())) : pcm;
    }

    /** The noise seed of a file: the same in every condition, different from file to file. */
    private long fileSeed(String name) {
        return seed * 0x9E3779B97F4A7C15L + name.hashCode();
    }
}
