package dev.hark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavReaderTest {
    @TempDir
    Path dir;

    /** Makes a 0.5 s 440 Hz sine at half scale with sox, in the given layout. */
    private Path sox(String name, String... format) throws Exception {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("sox", "-n"));
        cmd.addAll(Arrays.asList(format));
        cmd.addAll(List.of(out.toString(), "synth", "0.5", "sine", "440", "vol", "0.5"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "sox failed: " + log);
        return out;
    }

    @ParameterizedTest
    @CsvSource({
            "u8.wav, 8, unsigned-integer, false",
            "s16.wav, 16, signed-integer, false",
            "s24.wav, 24, signed-integer, false",
            "s32.wav, 32, signed-integer, false",
            "f32.wav, 32, floating-point, true",
            "f64.wav, 64, floating-point, true"})
    void decodesEverySampleLayoutSoxWrites(String name, int bits, String encoding, boolean isFloat) throws Exception {
        Path f = sox(name, "-r", "16000", "-c", "1", "-b", String.valueOf(bits), "-e", encoding);
        WavAudio a = WavReader.read(f);
        assertEquals(16_000, a.sampleRate());
        assertEquals(bits, a.bitsPerSample());
        assertEquals(isFloat, a.floatingPoint());
        assertEquals(8000, a.samples().length);
        double tolerance = bits == 8 ? 0.01 : 0.001;
        assertEquals(0.5, Tones.amplitude(a.samples(), 0, 8000, 440, 16_000), tolerance);
    }

    @Test
    void stereo44kIsDownmixedAndResampled() throws Exception {
        Path f = sox("st.wav", "-r", "44100", "-c", "2", "-b", "16");
        WavAudio a = WavReader.read(f);
        assertEquals(2, a.channels());
        assertEquals(44_100, a.sampleRate());
        short[] pcm = a.toPcm16k();
        assertEquals(8000, pcm.length);
        assertEquals(0.5, Tones.amplitude(pcm, 1000, 7000, 440, 16_000), 0.005);
    }

    @Test
    void downmixAveragesChannels() throws Exception {
        // left +0.5, right -0.25 on every frame: the mono mix is +0.125
        short[] interleaved = new short[2 * 100];
        for (int i = 0; i < 100; i++) {
            interleaved[2 * i] = 16384;
            interleaved[2 * i + 1] = -8192;
        }
        Path f = dir.resolve("mix.wav");
        Files.write(f, wav(1, 2, 16_000, 16, shortsToBytes(interleaved)));
        float[] mono = WavReader.read(f).samples();
        assertEquals(100, mono.length);
        for (float v : mono) {
            assertEquals(0.125, v, 1e-6);
        }
    }

    @Test
    void refusesTruncatedFile() throws Exception {
        Path good = sox("full.wav", "-r", "16000", "-c", "1", "-b", "16");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.wav");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavReader.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString() + ": truncated"), e.getMessage());
        Path headerOnly = dir.resolve("header.wav");
        Files.write(headerOnly, Arrays.copyOf(bytes, 20));
        e = assertThrows(AudioFormatException.class, () -> WavReader.read(headerOnly));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void refusesNonRiffFile() throws Exception {
        Path txt = dir.resolve("notes.wav");
        Files.writeString(txt, "this is not audio at all");
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavReader.read(txt));
        assertEquals(txt + ": not a WAV file (no RIFF/WAVE header)", e.getMessage());
        Path empty = dir.resolve("empty.wav");
        Files.write(empty, new byte[0]);
        assertThrows(AudioFormatException.class, () -> WavReader.read(empty));
    }

    @Test
    void refusesCompressedEncodings() throws Exception {
        Path ulaw = sox("ulaw.wav", "-r", "8000", "-c", "1", "-e", "u-law");
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavReader.read(ulaw));
        assertTrue(e.getMessage().contains("compressed WAV encoding (format tag 7)"), e.getMessage());
        Path adpcm = sox("adpcm.wav", "-r", "8000", "-c", "1", "-e", "ima-adpcm");
        e = assertThrows(AudioFormatException.class, () -> WavReader.read(adpcm));
        assertTrue(e.getMessage().contains("compressed"), e.getMessage());
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("nope.wav");
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavReader.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void skipsUnknownChunksAndWritesRoundTrip() throws Exception {
        short[] samples = {0, 1000, -1000, 32767, -32768};
        Path f = dir.resolve("rt.wav");
        WavWriter.write(f, samples, 16_000);
        // insert a LIST chunk between fmt and data, as many editors do
        byte[] b = Files.readAllBytes(f);
        ByteBuffer list = ByteBuffer.allocate(8 + 6).order(ByteOrder.LITTLE_ENDIAN);
        list.put("LIST".getBytes()).putInt(5).put(new byte[] {1, 2, 3, 4, 5, 0});
        byte[] withList = new byte[b.length + list.capacity()];
        System.arraycopy(b, 0, withList, 0, 36);
        System.arraycopy(list.array(), 0, withList, 36, list.capacity());
        System.arraycopy(b, 36, withList, 36 + list.capacity(), b.length - 36);
        Files.write(f, withList);
        short[] back = WavReader.readPcm16k(f);
        assertTrue(Arrays.equals(samples, back), Arrays.toString(back));
        assertFalse(WavReader.read(f).floatingPoint());
    }

    static byte[] wav(int format, int channels, int rate, int bits, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVEfmt ".getBytes()).putInt(16)
                .putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits)
                .put("data".getBytes()).putInt(data.length).put(data);
        return b.array();
    }

    static byte[] shortsToBytes(short[] s) {
        ByteBuffer b = ByteBuffer.allocate(s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : s) {
            b.putShort(v);
        }
        return b.array();
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }
}
