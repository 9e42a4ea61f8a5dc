package dev.hark.asr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the tests find the model, the Debian test recordings and scratch space. */
public final class TestData {
    public static final Path MODEL = Path.of("/usr/share/pocketsphinx/model/en-us/en-us");
    public static final Path DICT = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
    public static final Path PS_DATA = Path.of("/usr/share/pocketsphinx/test/data");

    private TestData() {
    }

    /** A scratch directory under the module's target/. */
    public static Path scratch(String name) throws IOException {
        Path dir = Path.of("target", "test-scratch", name);
        Files.createDirectories(dir);
        return dir;
    }

    /** Reads headerless 16-bit little-endian PCM. */
    public static short[] readRaw(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        short[] pcm = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }

    /** Runs a command and fails with its output if it does not exit 0. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    /** Reads a Sphinx feature file (int32 float count, then float32 values) as frames of {@code dim}. */
    public static float[][] readMfc(Path file, int dim) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = buf.getInt();
        if (n * 4 + 4 != bytes.length) {
            buf.order(ByteOrder.BIG_ENDIAN).position(0);
            n = buf.getInt();
        }
        float[][] frames = new float[n / dim][dim];
        for (float[] f : frames) {
            for (int i = 0; i < dim; i++) {
                f[i] = buf.getFloat();
            }
        }
        return frames;
    }
}
