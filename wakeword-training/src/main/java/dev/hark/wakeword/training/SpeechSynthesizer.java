package dev.hark.wakeword.training;

import dev.hark.audio.WavReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Speaks text with flite, espeak-ng and festival, run as processes, and lists the voices installed:
 * every flite voice but the limited-domain {@code awb_time}, every English espeak-ng language (mbrola
 * ones only when the {@code mbrola} program is installed) with every espeak-ng voice variant, and every
 * festival voice installed under an English folder (Debian's festvox packages: diphone voices such as
 * {@code kal_diphone}, HTS voices such as {@code cmu_us_slt_arctic_hts}). Each call costs one process
 * start and the synthesis (tens of milliseconds; festival about 0.3 s, most of it loading the voice)
 * plus a temporary file or two; thread-safe.
 */
final class SpeechSynthesizer {
    /** One entry of festival's {@code voice-locations}, for a voice in an English folder. */
    private static final Pattern FESTIVAL_VOICE =
            Pattern.compile("\\(([a-z0-9_]+) \\. \"[^\"]*/voices/(?:english|us|british)/[^\"]*\"\\)");

    private final Path scratch;

    /** @param scratch a folder for the temporary WAV files */
    SpeechSynthesizer(Path scratch) {
        this.scratch = scratch;
    }

    /** Every voice the two engines offer here; empty when neither is installed. */
    static List<Voice> installedVoices() {
        List<Voice> voices = new ArrayList<>();
        for (String line : output("flite", "-lv")) {
            for (String v : line.replaceFirst("^Voices available:", "").trim().split("\\s+")) {
                if (!v.isEmpty() && !v.equals("awb_time")) {
                    voices.add(new Voice(Voice.FLITE, v));
                }
            }
        }
        boolean mbrola = !output("sh", "-c", "command -v mbrola").isEmpty();
        List<String> languages = new ArrayList<>();
        for (String line : output("espeak-ng", "--voices=en")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && !f[0].equals("Pty") && (f[4].startsWith("gmw/") || mbrola && f[4].startsWith("mb/")) && !languages.contains(f[1])) {
                languages.add(f[1]);
            }
        }
        List<String> variants = new ArrayList<>();
        for (String line : output("espeak-ng", "--voices=variant")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && !f[0].equals("Pty") && f[4].startsWith("!v/")) {
                variants.add(f[4].substring(3));
            }
        }
        for (String language : languages) {
            voices.add(new Voice(Voice.ESPEAK, language));
            for (String variant : variants) {
                voices.add(new Voice(Voice.ESPEAK, language + "+" + variant));
            }
        }
        // festival prints ((name . "/usr/share/festival/voices/LANGUAGE/name/") ...): English folders only
        Matcher m = FESTIVAL_VOICE.matcher(String.join(" ", output("festival", "--batch", "(print voice-locations)")));
        while (m.find()) {
            voices.add(new Voice(Voice.FESTIVAL, m.group(1)));
        }
        return voices;
    }

    /**
     * {@code text} spoken by {@code voice} at {@code rate} times its normal speed with its pitch
     * scaled by {@code pitch}, as 16 kHz samples in [-1, 1], leading and trailing silence trimmed.
     *
     * @throws IOException when the engine fails or says nothing
     */
    float[] say(Voice voice, String text, double rate, double pitch) throws IOException {
        Path wav = Files.createTempFile(scratch, "say", ".wav");
        Path txt = wav.resolveSibling(wav.getFileName() + ".txt");
        try {
            List<String> cmd = new ArrayList<>();
            if (voice.engine().equals(Voice.FLITE)) {
                cmd.addAll(List.of("flite", "-voice", voice.name(),
                        "--setf", "duration_stretch=" + fmt(1 / rate),
                        "--setf", "int_f0_target_mean=" + fmt(100 * pitch),
                        "-t", text, "-o", wav.toString()));
            } else if (voice.engine().equals(Voice.FESTIVAL)) {
                Files.writeString(txt, text);
                cmd.addAll(List.of("text2wave", "-F", "16000", txt.toString(), "-eval", "(voice_" + voice.name() + ")",
                        "-eval", "(Parameter.set 'Duration_Stretch " + fmt(1 / rate) + ")",
                        // diphone voices' intonation targets the voice's own mean F0: scale it (HTS voices keep theirs)
                        "-eval", "(let ((m (assoc 'target_f0_mean int_lr_params))) (if m (set! int_lr_params"
                                + " (cons (list 'target_f0_mean (* " + fmt(pitch) + " (cadr m))) int_lr_params))))",
                        "-o", wav.toString()));
            } else {
                cmd.addAll(List.of("espeak-ng", "-v", voice.name(), "-s", Integer.toString((int) Math.round(175 * rate)),
                        "-p", Integer.toString((int) Math.max(0, Math.min(99, Math.round(50 * pitch)))),
                        "-w", wav.toString(), "--", text));
            }
            run(cmd, voice + " saying \"" + text + "\"");
            float[] samples = toFloat(WavReader.readPcm16k(wav));
            return Signals.trimSilence(samples);
        } finally {
            Files.deleteIfExists(wav);
            Files.deleteIfExists(txt);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static float[] toFloat(short[] pcm) {
        float[] f = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            f[i] = pcm[i] / 32768f;
        }
        return f;
    }

    private static void run(List<String> cmd, String what) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + ": did not finish within 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(what + ": failed (exit " + p.exitValue() + ")");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(what + ": interrupted");
        }
    }

    private static List<String> output(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
            return p.waitFor() == 0 ? lines : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
