package dev.hark.runtime.cli;

import dev.hark.audio.AudioSource;
import dev.hark.audio.PcmFormat;
import dev.hark.runtime.loop.CommandEndpointer;
import dev.hark.speaker.Enrollment;
import dev.hark.speaker.SpeakerInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Enrolls a person from the microphone: prompts a sentence ("say: what time is it"), records until
 * they stop speaking (the loop's own endpointing), checks the recording's level and length, and
 * prompts again until the recordings together hold enough speech ({@link Enrollment#MIN_TOTAL_SPEECH_SECONDS}
 * in at least {@link #MIN_RECORDINGS} recordings), saying after each how much more is needed.
 * Cost: one embedding per recording; a recording (at most the endpointer's start timeout plus its
 * maximum length) is held in memory.
 */
final class MicrophoneEnrollment {
    /** Short assistant requests: what a household says to Hark anyway. */
    static final String[] PROMPTS = {
        "what time is it", "turn on the kitchen light", "set a timer for ten minutes",
        "what's the weather like tomorrow", "add milk to the shopping list", "play some music in the living room",
        "remind me to call my sister at six", "how long is left on the timer",
    };
    /** Recordings a profile is made of at least: several short ones cover more of a voice than one long one. */
    static final int MIN_RECORDINGS = 3;
    /** Prompts before giving up. */
    static final int MAX_PROMPTS = 10;
    /** A recording whose loudest 25 ms stays below this is too quiet to trust (the speaker is far or the gain low). */
    static final double QUIET_DBFS = -40;
    /** A recording with more than this share of samples at full scale is clipped. */
    static final double CLIPPED_SHARE = 0.001;

    private final AudioSource microphone;
    private final CommandEndpointer endpointer;
    private final PrintWriter out;

    MicrophoneEnrollment(AudioSource microphone, CommandEndpointer endpointer, PrintWriter out) {
        this.microphone = microphone;
        this.endpointer = endpointer;
        this.out = out;
    }

    /** Prompts and records into {@code enrollment} until it has enough; refuses when {@link #MAX_PROMPTS} did not give enough. */
    void run(Enrollment enrollment) throws IOException {
        for (int prompt = 0; prompt < MAX_PROMPTS && !enough(enrollment); prompt++) {
            out.printf(Locale.ROOT, "say: \"%s\"%n", PROMPTS[prompt % PROMPTS.length]);
            out.flush();
            short[] pcm = record();
            String problem = pcm == null ? "heard no speech" : levelProblem(pcm);
            if (problem == null) {
                try {
                    double seconds = enrollment.add("recording", pcm);
                    out.printf(Locale.ROOT, "  ok: %.1f s of speech; %s%n", seconds, progress(enrollment));
                    continue;
                } catch (SpeakerInputException e) {
                    problem = e.getMessage().replaceFirst("^recording: ", "");
                }
            }
            out.printf(Locale.ROOT, "  not used: %s; %s%n", problem, progress(enrollment));
        }
        out.flush();
        if (!enough(enrollment)) {
            throw new UserInputException(String.format(Locale.ROOT,
                    "not enough speech after %d prompts (%.1f s in %d recordings; %.1f s in at least %d are needed); nothing was enrolled",
                    MAX_PROMPTS, enrollment.speechSeconds(), enrollment.size(), Enrollment.MIN_TOTAL_SPEECH_SECONDS, MIN_RECORDINGS));
        }
    }

    private static boolean enough(Enrollment e) {
        return e.missingSeconds() == 0 && e.size() >= MIN_RECORDINGS;
    }

    private static String progress(Enrollment e) {
        if (e.missingSeconds() > 0) {
            return String.format(Locale.ROOT, "%.1f s so far, about %.1f s more needed", e.speechSeconds(),
                    Math.max(0.1, e.missingSeconds()));
        }
        int more = MIN_RECORDINGS - e.size();
        return more > 0 ? String.format(Locale.ROOT, "%.1f s so far, %d more recording%s", e.speechSeconds(), more,
                more == 1 ? "" : "s") : String.format(Locale.ROOT, "%.1f s in all, enough", e.speechSeconds());
    }

    /** Audio from the prompt until the end of speech, or null when no speech started in time. */
    private short[] record() throws IOException {
        endpointer.reset();
        short[] frame = new short[PcmFormat.FRAME_SAMPLES];
        short[] all = new short[0];
        int length = 0;
        while (true) {
            int n = microphone.read(frame);
            if (n < 0) {
                throw new IOException(microphone.name() + ": the recording ended before the speaker did");
            }
            if (length + n > all.length) {
                all = Arrays.copyOf(all, Math.max(length + n, 2 * all.length));
            }
            System.arraycopy(frame, 0, all, length, n);
            length += n;
            switch (endpointer.process(frame)) {
                case NO_SPEECH:
                    return null;
                case ENDED:
                case TOO_LONG:
                    return Arrays.copyOf(all, length);
                default:
                    break;
            }
        }
    }

    /** Why the level of a recording is unusable, or null when it is fine. */
    static String levelProblem(short[] pcm) {
        int window = PcmFormat.SAMPLE_RATE / 40;
        double loudest = 0;
        int clipped = 0;
        for (int start = 0; start + window <= pcm.length; start += window / 2) {
            double sum = 0;
            for (int i = start; i < start + window; i++) {
                sum += (double) pcm[i] * pcm[i];
            }
            loudest = Math.max(loudest, sum / window);
        }
        for (short s : pcm) {
            clipped += s >= 32_700 || s <= -32_700 ? 1 : 0;
        }
        double dbfs = 10 * Math.log10(Math.max(loudest, 1e-3) / (32768.0 * 32768.0));
        if (dbfs < QUIET_DBFS) {
            return String.format(Locale.ROOT, "too quiet (loudest %.0f dBFS, %.0f dBFS or more is needed): speak up or move "
                    + "closer to the microphone", dbfs, QUIET_DBFS);
        }
        if (clipped > CLIPPED_SHARE * pcm.length) {
            return "too loud (the recording clips): speak a little softer or move back from the microphone";
        }
        return null;
    }
}
