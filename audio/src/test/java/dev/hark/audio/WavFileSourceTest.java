package dev.hark.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed source gives exactly the samples of the whole-file reader, and refuses the same files. */
class WavFileSourceTest {
    @TempDir
    Path dir;

    /** sox -n FORMAT... OUT synth ARGS...: the format options up to "synth" go before the output name. */
    private Path sox(String name, String... args) throws Exception {
        Path out = dir.resolve(name);
        List<String> cmd = new java.util.ArrayList<>(List.of("sox", "-n"));
        int synth = Arrays.asList(args).indexOf("synth");
        cmd.addAll(Arrays.asList(args).subList(0, synth));
        cmd.add(out.toString());
        cmd.addAll(Arrays.asList(args).subList(synth, args.length));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "sox failed: " + log);
        return out;
    }

    private static short[] streamed(Path file) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        short[] frame = new short[PcmFormat.FRAME_SAMPLES];
        int total = 0;
        try (WavFileSource source = new WavFileSource(file)) {
            int n;
            while ((n = source.read(frame)) > 0) {
                for (int i = 0; i < n; i++) {
                    all.write(frame[i] & 0xFF);
                    all.write(frame[i] >> 8 & 0xFF);
                }
                total += n;
            }
        }
        byte[] b = all.toByteArray();
        short[] out = new short[total];
        for (int i = 0; i < total; i++) {
            out[i] = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8));
        }
        return out;
    }

    @Test
    void streamsTheSamplesTheWholeFileReaderGives() throws Exception {
        // 16 kHz passes through; 44.1 kHz stereo and 8 kHz are resampled across many blocks
        for (Path f : List.of(
                sox("a16k.wav", "-r", "16000", "-c", "1", "-b", "16", "synth", "1.3", "sine", "300-3000", "vol", "0.5"),
                sox("b44k.wav", "-r", "44100", "-c", "2", "-b", "24", "synth", "2.1", "sine", "440", "sine", "1200", "vol", "0.4"),
                sox("c8k.wav", "-r", "8000", "-c", "1", "-e", "floating-point", "-b", "32", "synth", "1.7", "pinknoise", "vol", "0.3"))) {
            short[] whole = WavReader.readPcm16k(f);
            assertArrayEquals(whole, streamed(f), f.toString());
        }
    }

    @Test
    void refusesWhatTheReaderRefusesWithTheSameMessage() throws Exception {
        Path good = sox("full.wav", "-r", "16000", "-c", "1", "-b", "16", "synth", "0.5", "sine", "440");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(bytes, bytes.length / 2));
        Path text = Files.writeString(dir.resolve("notes.wav"), "this is not audio at all");
        Path ulaw = sox("ulaw.wav", "-r", "8000", "-c", "1", "-e", "u-law", "synth", "0.2", "sine", "440");
        Path missing = dir.resolve("nope.wav");
        for (Path f : List.of(cut, text, ulaw, missing)) {
            AudioFormatException reader = assertThrows(AudioFormatException.class, () -> WavReader.read(f));
            AudioFormatException source = assertThrows(AudioFormatException.class, () -> new WavFileSource(f).close());
            assertEquals(reader.getMessage(), source.getMessage());
        }
    }

    @Test
    void resamplerStreamEqualsTheWholeSignalWhateverThePieces() {
        float[] in = Tones.sine(1000, 44_100, 0.7, 0.5);
        for (int i = 0; i < in.length; i += 7) {
            in[i] += 0.1f; // not a pure tone: every output sample matters
        }
        Resampler r = new Resampler(44_100, 16_000);
        float[] whole = r.process(in);
        Resampler.Stream s = r.stream();
        float[] out = new float[whole.length];
        float[] buf = new float[s.maxOutput(5000)];
        int at = 0;
        int[] pieces = {1, 3, 500, 17, 5000, 64, 2};
        for (int pos = 0, p = 0; pos < in.length; p++) {
            int n = Math.min(pieces[p % pieces.length], in.length - pos);
            int w = s.push(Arrays.copyOfRange(in, pos, pos + n), n, buf);
            System.arraycopy(buf, 0, out, at, w);
            at += w;
            pos += n;
        }
        int w = s.finish(buf);
        System.arraycopy(buf, 0, out, at, w);
        assertEquals(whole.length, at + w);
        assertArrayEquals(whole, out);
    }
}
