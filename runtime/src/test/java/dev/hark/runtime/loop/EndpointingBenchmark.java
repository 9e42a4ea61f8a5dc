package dev.hark.runtime.loop;

import dev.hark.asr.GrammarRecognizer;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.DatasetGrammarCompiler;
import dev.hark.asr.search.RecognitionResult;
import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import dev.hark.nlu.dataset.DatasetLoader;
import dev.hark.wakeword.EndOfSpeechDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hark's end-of-command decision on real speech: every commands-dev recording, cut from 0.5 s before its
 * speech, followed by 2.5 s more of the room and with real room noise under all of it (no digital
 * silence), streamed through the Silero endpointer at its defaults as after a wake word. Where the speech
 * really ends is where its energy ends ({@link SpeechEnergy}); a forced alignment by Hark's recogniser
 * over the barista grammar is printed beside it, not used (it stretches the last word over the silence
 * after it). The decision is the end of the frame in which the endpointer said ENDED. Prints, per noise level, the premature ends (ENDED before the last word
 * ended), the delay after the last word (median, 90th percentile, largest) and the commands whose longest
 * pause between words (energy) reached the end silence. Not a test: run it with
 * {@code scripts/measure-endpointing.sh}.
 */
public final class EndpointingBenchmark {
    private static final double LEAD_S = 0.5;
    private static final double AFTER_S = 2.5;

    private EndpointingBenchmark() {
    }

    /** One recording's true end (both ways) and the longest pause inside its speech, seconds from its start. */
    private record Truth(String name, short[] pcm, double start, double alignedEnd, double energyEnd, double longestPause) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path commands = Path.of(opt.getOrDefault("commands", BaristaSkill.COMMANDS_DEV.toString()));
        List<Path> noiseFiles = Arrays.stream(opt.get("noise").split(",")).map(Path::of).toList();
        double[] snrs = Arrays.stream(opt.getOrDefault("snr", "30,20,10").split(",")).mapToDouble(Double::parseDouble).toArray();
        long endSilence = Long.parseLong(opt.getOrDefault("end-silence", "700"));
        Path models = Path.of(System.getProperty("hark.root", ".")).resolve("models/files");
        boolean details = opt.containsKey("details");

        List<short[]> noises = new ArrayList<>();
        for (Path n : noiseFiles) {
            noises.add(WavReader.readPcm16k(n));
        }
        List<String> names = BaristaSkill.recordings(commands);
        List<Truth> truths = new ArrayList<>();
        try (GrammarRecognizer aligner = GrammarRecognizer.builder()
                .grammar(DatasetGrammarCompiler.compile(DatasetLoader.fromJson(
                        Files.readString(commands.resolve("barista.json")), "barista.json")))
                .cmn(FrontendConfig.CmnMode.BATCH)
                .cacheDirectory(Path.of(System.getProperty("hark.root", ".")).resolve("models/cache")).build()) {
            for (String name : names) {
                short[] pcm = WavReader.readPcm16k(commands.resolve("clean").resolve(name));
                SpeechEnergy e = new SpeechEnergy(pcm);
                RecognitionResult r = aligner.recognize(pcm);
                double aligned = r.path().isEmpty() ? -1 : r.path().get(r.path().size() - 1).endFrame() / 100.0;
                truths.add(new Truth(name, pcm, PcmFormat.seconds(e.startSample()), aligned,
                        PcmFormat.seconds(e.endSample()), longestPause(e)));
            }
        }
        double[] agree = truths.stream().filter(t -> t.alignedEnd() > 0)
                .mapToDouble(t -> t.alignedEnd() - t.energyEnd()).sorted().toArray();
        System.out.printf(Locale.ROOT, "True ends: %d recordings; forced alignment minus energy end: median %+.3f s, "
                        + "10th-90th percentile %+.3f…%+.3f s, %d differ by more than 0.15 s.%n%n", truths.size(),
                median(agree), percentile(agree, 10), percentile(agree, 90),
                Arrays.stream(agree).filter(d -> Math.abs(d) > 0.15).count());
        System.out.printf(Locale.ROOT, "Endpointer: end silence %d ms, other settings at their defaults. Room noise %s.%n%n",
                endSilence, noiseFiles.stream().map(p -> p.getFileName().toString()).toList());
        System.out.println("| room noise below the speech | recordings | ended | premature ends (ENDED before the last word ended) "
                + "| delay after the last word: median / p90 / max | no speech / cut at the maximum length |");
        System.out.println("|---|---|---|---|---|---|");

        int pausesOver = 0;
        for (Truth t : truths) {
            pausesOver += t.longestPause() * 1000 >= endSilence ? 1 : 0;
        }
        try (EndOfSpeechDetector eos = EndOfSpeechDetector.builder().modelDirectory(models).endSilenceMillis(endSilence).build()) {
            for (double snr : snrs) {
                int ended = 0;
                int premature = 0;
                int other = 0;
                List<Double> delays = new ArrayList<>();
                for (int k = 0; k < truths.size(); k++) {
                    Truth t = truths.get(k);
                    double trueEnd = t.energyEnd();
                    short[] stream = stream(t, noises.get(k % noises.size()), snr, k);
                    int room = PcmFormat.SAMPLE_RATE; // the first second is the room the endpointer is primed with
                    eos.resetAfter(stream, 0, room);
                    EndOfSpeechDetector.Status status = EndOfSpeechDetector.Status.WAITING_FOR_SPEECH;
                    int at = room;
                    short[] frame = new short[PcmFormat.FRAME_SAMPLES];
                    while (status.isActive() && at + frame.length <= stream.length) {
                        System.arraycopy(stream, at, frame, 0, frame.length);
                        status = eos.process(frame);
                        at += frame.length;
                    }
                    // stream time back to the recording's own clock
                    double cut = cutStart(t);
                    double decision = PcmFormat.seconds(at - room) + cut;
                    if (status == EndOfSpeechDetector.Status.ENDED) {
                        ended++;
                        delays.add(decision - trueEnd);
                        if (decision < trueEnd) {
                            premature++;
                        }
                    } else {
                        other++;
                    }
                    if (details) {
                        System.err.printf(Locale.ROOT, "%s snr %.0f: %s at %.2f s, speech %.2f-%.2f (aligned end %.2f, energy end %.2f), "
                                        + "VAD speech end %.2f, longest pause %.2f s%n", t.name(), snr, status, decision, t.start(),
                                trueEnd, t.alignedEnd(), t.energyEnd(), eos.speechEndSeconds() + cut, t.longestPause());
                    }
                }
                double[] d = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "| %.0f dB | %d | %d | %d | %.2f / %.2f / %.2f s | %d |%n", snr, truths.size(),
                        ended, premature, median(d), percentile(d, 90), d.length == 0 ? Double.NaN : d[d.length - 1], other);
            }
        }
        System.out.printf(Locale.ROOT, "%nRecordings whose longest pause between words (energy, 10 ms frames) lasts %d ms or more: %d.%n",
                endSilence, pausesOver);
    }

    /**
     * A second of the room, then the recording from {@link #LEAD_S} before its speech, then
     * {@link #AFTER_S} more of the room; room noise under everything at {@code snr} below the speech.
     */
    private static short[] stream(Truth t, short[] noise, double snr, long seed) {
        int from = (int) Math.round(cutStart(t) * PcmFormat.SAMPLE_RATE);
        short[] cut = Arrays.copyOfRange(t.pcm(), from, t.pcm().length);
        RealConversation c = new RealConversation(noise, snr, seed);
        c.room(1.0).overlay(cut, 1.0, RealConversation.SPEECH_DBFS);
        c.room(AFTER_S);
        return c.pcm();
    }

    /** Where the streamed part of the recording starts, seconds. */
    private static double cutStart(Truth t) {
        return Math.max(0, t.start() - LEAD_S);
    }

    /** The longest stretch of non-speech frames between the first and last speech frame, seconds. */
    private static double longestPause(SpeechEnergy e) {
        int longest = 0;
        int run = 0;
        for (int f = e.startSample() / SpeechEnergy.FRAME; f < e.endSample() / SpeechEnergy.FRAME; f++) {
            run = e.isSpeech(f) ? 0 : run + 1;
            longest = Math.max(longest, run);
        }
        return longest / 100.0;
    }

    private static double median(double[] sorted) {
        return percentile(sorted, 50);
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.round(p / 100 * (sorted.length - 1))];
    }
}
