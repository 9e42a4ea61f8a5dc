package dev.hark.wakeword;

import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Test audio: real recordings from Debian packages, flite speech made on demand into target/, and mixing. */
final class TestAudio {
    static final Path ROOT = Path.of(System.getProperty("hark.root", "..")).toAbsolutePath().normalize();
    static final Path MODELS = ROOT.resolve("models/files");
    static final Path POCKETSPHINX = Path.of("/usr/share/pocketsphinx/test/data");
    private static final Path FIXTURES = ROOT.resolve("wakeword/target/fixtures");

    private TestAudio() {
    }

    /** A pocketsphinx-testdata recording: WAV, or headerless 16 kHz 16-bit little-endian .raw. */
    static short[] pocketsphinx(String name) throws IOException {
        Path file = POCKETSPHINX.resolve(name);
        if (name.endsWith(".raw")) {
            byte[] bytes = Files.readAllBytes(file);
            short[] pcm = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            return pcm;
        }
        return WavReader.readPcm16k(file);
    }

    /** Every pocketsphinx-testdata recording of speech (WAV and raw). */
    static List<String> pocketsphinxRecordings() throws IOException {
        List<String> names = new ArrayList<>();
        for (String dir : new String[] {"librivox", "cards"}) {
            try (var files = Files.list(POCKETSPHINX.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".wav")).sorted()
                        .forEach(f -> names.add(dir + "/" + f.getFileName()));
            }
        }
        names.addAll(List.of("goforward.raw", "numbers.raw", "something.raw", "tidigits/dhd.2934z.raw"));
        return names;
    }

    /**
     * {@code text} spoken by flite voice {@code voice}, time-stretched by sox {@code tempo} (1 = as
     * spoken), at 16 kHz. Made once per run into target/fixtures.
     */
    static short[] flite(String voice, String text, double tempo) throws IOException, InterruptedException {
        Files.createDirectories(FIXTURES);
        String id = voice + "_" + Integer.toHexString(text.hashCode()) + "_" + Math.round(tempo * 100);
        Path wav = FIXTURES.resolve(id + ".wav");
        if (!Files.exists(wav)) {
            Path raw = FIXTURES.resolve(id + ".flite.wav");
            run("flite", "-voice", voice, "-t", text, "-o", raw.toString());
            run("sox", raw.toString(), "-r", "16000", "-c", "1", "-b", "16", wav.toString(), "tempo", "-s",
                    Double.toString(tempo));
            Files.delete(raw);
        }
        return WavReader.readPcm16k(wav);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    /** {@code pcm} with white Gaussian noise added at {@code snrDb} relative to its RMS (fixed seed). */
    static short[] withNoise(short[] pcm, double snrDb, long seed) {
        double rms = rms(pcm, 0, pcm.length);
        double sigma = rms / Math.pow(10, snrDb / 20);
        Random r = new Random(seed);
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = clip(pcm[i] + r.nextGaussian() * sigma);
        }
        return out;
    }

    /** White Gaussian noise of RMS {@code rms} (int16 units), fixed seed. */
    static short[] noise(int samples, double rms, long seed) {
        Random r = new Random(seed);
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = clip(r.nextGaussian() * rms);
        }
        return out;
    }

    /** Sample-wise sum of two clips of equal length, clipped to 16 bits. */
    static short[] mix(short[] a, short[] b) {
        short[] out = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = clip(a[i] + b[i]);
        }
        return out;
    }

    static double rms(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    private static short clip(double v) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }

    /** Concatenates clips. */
    static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] out = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** {@code seconds} of digital silence. */
    static short[] silence(double seconds) {
        return new short[(int) Math.round(seconds * PcmFormat.SAMPLE_RATE)];
    }

    /** {@code pcm} cut to whole 1280-sample frames. */
    static short[][] frames(short[] pcm) {
        int n = pcm.length / PcmFormat.FRAME_SAMPLES;
        short[][] frames = new short[n][];
        for (int i = 0; i < n; i++) {
            frames[i] = Arrays.copyOfRange(pcm, i * PcmFormat.FRAME_SAMPLES, (i + 1) * PcmFormat.FRAME_SAMPLES);
        }
        return frames;
    }

    /**
     * Runs {@code detector} (reset first) over {@code clip} preceded by its warm-up in silence and
     * followed by 1 s of silence, as the {@code hark wake} command does; returns every detection and the
     * highest score of each keyword.
     */
    static Run detect(WakeWordDetector detector, short[] clip) {
        detector.reset();
        short[] padded = concat(new short[detector.warmUpFrames() * PcmFormat.FRAME_SAMPLES], clip, silence(1.0));
        float[] max = new float[detector.keywordCount()];
        List<Detection> detections = new ArrayList<>();
        for (short[] frame : frames(padded)) {
            detections.addAll(detector.process(frame));
            for (int k = 0; k < max.length; k++) {
                max[k] = Math.max(max[k], detector.score(k));
            }
        }
        detections.addAll(detector.flush());
        return new Run(detections, max);
    }

    record Run(List<Detection> detections, float[] maxScores) {
        boolean fired(String keyword) {
            return detections.stream().anyMatch(d -> d.keyword().equals(keyword));
        }
    }
}
