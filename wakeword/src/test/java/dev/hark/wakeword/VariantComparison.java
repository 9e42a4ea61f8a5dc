package dev.hark.wakeword;

import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Compares two builds of the wake-word front end (fp32 models against int8 variants) on recordings:
 * every pre-trained keyword scored on every frame (no gate), each file from a fresh state padded as
 * {@code hark wake} pads it. Prints, per folder of recordings, the largest and mean score difference,
 * the files where a keyword fires (score >= 0.5) with one and not the other, and the front end's CPU
 * per audio second with each. Run by scripts/wakeword/compare-variants.sh; a benchmark, not a test.
 *
 * <p>Arguments: REFERENCE_MODEL_DIR VARIANT_MODEL_DIR FOLDER_OR_WAV...
 */
public final class VariantComparison {
    private static final String[] KEYWORDS = {"alexa", "hey_jarvis", "hey_mycroft", "hey_rhasspy"};
    private static final float THRESHOLD = 0.5f;

    private VariantComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: VariantComparison REFERENCE_DIR VARIANT_DIR FOLDER_OR_WAV...");
            System.exit(2);
        }
        try (WakeWordDetector ref = detector(Path.of(args[0])); WakeWordDetector var = detector(Path.of(args[1]))) {
            System.out.println("| recordings | files | audio | frames scored | max abs diff (alexa / hey_jarvis / hey_mycroft / hey_rhasspy) "
                    + "| mean abs diff | files firing, reference -> variant | fire in one only | front-end CPU / audio, reference -> variant |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (int a = 2; a < args.length; a++) {
                compare(Path.of(args[a]), ref, var);
            }
        }
    }

    private static WakeWordDetector detector(Path dir) throws ModelLoadException {
        // both front-end models from the folder (the detector's default computes the mel spectrogram in Java)
        WakeWordDetector.Builder b = WakeWordDetector.builder().modelDirectory(dir).voiceActivityGate(0).refractorySeconds(0)
                .frontEndFiles(ModelFiles.MELSPECTROGRAM, ModelFiles.EMBEDDING);
        for (String k : KEYWORDS) {
            b.pretrainedKeyword(k, THRESHOLD);
        }
        return b.build();
    }

    private static void compare(Path source, WakeWordDetector ref, WakeWordDetector var) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.isDirectory(source) ? Files.walk(source, java.nio.file.FileVisitOption.FOLLOW_LINKS) : Stream.of(source)) {
            files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] maxDiff = new double[KEYWORDS.length];
        double sumDiff = 0;
        long scored = 0;
        long samples = 0;
        long refNanos = 0;
        long varNanos = 0;
        int refFiles = 0;
        int varFiles = 0;
        List<String> oneOnly = new ArrayList<>();
        short[] frame = new short[PcmFormat.FRAME_SAMPLES];
        for (Path f : files) {
            short[] pcm = WavReader.readPcm16k(f);
            samples += pcm.length;
            ref.reset();
            var.reset();
            int lead = ref.warmUpFrames() * PcmFormat.FRAME_SAMPLES;
            int total = lead + pcm.length + PcmFormat.SAMPLE_RATE;
            boolean[] refFired = new boolean[KEYWORDS.length];
            boolean[] varFired = new boolean[KEYWORDS.length];
            for (int start = 0; start + frame.length <= total; start += frame.length) {
                for (int i = 0; i < frame.length; i++) {
                    int at = start + i - lead;
                    frame[i] = at >= 0 && at < pcm.length ? pcm[at] : 0;
                }
                long t0 = cpu.getCurrentThreadCpuTime();
                ref.process(frame);
                long t1 = cpu.getCurrentThreadCpuTime();
                var.process(frame);
                varNanos += cpu.getCurrentThreadCpuTime() - t1;
                refNanos += t1 - t0;
                if (!ref.scoredLastFrame()) {
                    continue;
                }
                scored++;
                for (int k = 0; k < KEYWORDS.length; k++) {
                    double d = Math.abs(ref.score(k) - var.score(k));
                    maxDiff[k] = Math.max(maxDiff[k], d);
                    sumDiff += d / KEYWORDS.length;
                    refFired[k] |= ref.score(k) >= THRESHOLD;
                    varFired[k] |= var.score(k) >= THRESHOLD;
                }
            }
            boolean anyRef = false;
            boolean anyVar = false;
            for (int k = 0; k < KEYWORDS.length; k++) {
                anyRef |= refFired[k];
                anyVar |= varFired[k];
                if (refFired[k] != varFired[k]) {
                    oneOnly.add(f.getFileName() + " " + KEYWORDS[k] + (refFired[k] ? " (reference only)" : " (variant only)"));
                }
            }
            refFiles += anyRef ? 1 : 0;
            varFiles += anyVar ? 1 : 0;
        }
        double audio = PcmFormat.seconds(samples);
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f s | %d | %.4f / %.4f / %.4f / %.4f | %.5f | %d -> %d | %s | %.4f -> %.4f |%n",
                source, files.size(), audio, scored, maxDiff[0], maxDiff[1], maxDiff[2], maxDiff[3], sumDiff / Math.max(1, scored),
                refFiles, varFiles, oneOnly.isEmpty() ? "none" : String.join("; ", oneOnly), refNanos / 1e9 / audio, varNanos / 1e9 / audio);
    }
}
