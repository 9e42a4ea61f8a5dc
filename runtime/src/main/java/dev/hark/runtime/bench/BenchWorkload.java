package dev.hark.runtime.bench;

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

/**
 * The benchmark's audio, the same on every run: the bundled example conversations, spoken commands of
 * the built-in skills made by {@code scripts/make-examples.sh --bench} (flite, deterministic) when flite
 * is installed, and a stretch of room-like noise. Holds everything in memory (a few MB of 16-bit PCM).
 */
public final class BenchWorkload {
    /** Silences around each command in the loop stream, as in the bundled examples. */
    private static final double LEAD_SECONDS = 1.0;
    private static final double AFTER_WAKE_SECONDS = 0.4;
    private static final double AFTER_COMMAND_SECONDS = 2.0;
    /** The room before the speaker in pocketsphinx-testdata's something.raw (its first 0.44 s). */
    static final Path ROOM_RECORDING = Path.of("/usr/share/pocketsphinx/test/data/something.raw");
    private static final int ROOM_SAMPLES = 7040;

    /** One spoken command: where it came from, what it says, and its 16 kHz samples. */
    public record SpokenCommand(String name, String text, short[] pcm) {
    }

    private final List<Path> examples;
    private final List<short[]> examplePcm;
    private final int exampleCommands;
    private final List<SpokenCommand> commands;
    private final short[] wake;
    private final String roomSource;
    private final short[] roomLoop;

    private BenchWorkload(List<Path> examples, List<short[]> examplePcm, int exampleCommands,
                          List<SpokenCommand> commands, short[] wake, String roomSource, short[] roomLoop) {
        this.examples = examples;
        this.examplePcm = examplePcm;
        this.exampleCommands = exampleCommands;
        this.commands = commands;
        this.wake = wake;
        this.roomSource = roomSource;
        this.roomLoop = roomLoop;
    }

    /**
     * Loads the workload. {@code generated} is the folder of {@code make-examples.sh --bench} output,
     * or null to use the bundled examples only; it is (re)made when its index is missing and flite is
     * installed, else the examples alone are used and {@code notes} says so.
     */
    public static BenchWorkload load(Path root, Path generated, java.util.function.Consumer<String> notes) throws IOException {
        List<Path> examples = List.of(root.resolve("examples/conversation.wav"), root.resolve("examples/hello-hark-timer.wav"));
        List<short[]> pcm = new ArrayList<>();
        for (Path p : examples) {
            if (!Files.isRegularFile(p)) {
                throw new IOException(p + ": bundled example recording not found");
            }
            pcm.add(WavReader.readPcm16k(p));
        }
        List<SpokenCommand> commands = new ArrayList<>();
        short[] wake = null;
        if (generated != null && generate(root, generated, notes)) {
            wake = WavReader.readPcm16k(generated.resolve("wake.wav"));
            for (String line : Files.readAllLines(generated.resolve("commands.tsv"))) {
                String[] f = line.split("\t");
                if (f.length == 3) {
                    commands.add(new SpokenCommand(f[0], f[2], WavReader.readPcm16k(generated.resolve(f[0]))));
                }
            }
        }
        String roomSource;
        short[] room;
        if (Files.isRegularFile(ROOM_RECORDING) && Files.size(ROOM_RECORDING) >= 2L * ROOM_SAMPLES) {
            room = littleEndian(Files.readAllBytes(ROOM_RECORDING), ROOM_SAMPLES);
            roomSource = "room before the speaker in " + ROOM_RECORDING + " (first 0.44 s, looped)";
        } else {
            // without pocketsphinx-testdata: faint white noise from a fixed seed (-60 dBFS RMS)
            Random random = new Random(8);
            room = new short[ROOM_SAMPLES];
            for (int i = 0; i < room.length; i++) {
                room[i] = (short) Math.round(random.nextGaussian() * 32.768);
            }
            roomSource = "white noise at -60 dBFS (pocketsphinx-testdata not installed)";
            notes.accept("idle listening measured on synthetic white noise: " + ROOM_RECORDING + " is missing");
        }
        // the two examples hold three commands (conversation: a timer and the time; the other: a timer)
        return new BenchWorkload(examples, pcm, 3, List.copyOf(commands), wake, roomSource, room);
    }

    private static boolean generate(Path root, Path dir, java.util.function.Consumer<String> notes) throws IOException {
        Path script = root.resolve("scripts/make-examples.sh");
        Path index = dir.resolve("commands.tsv");
        // made before: reused unless the script (its list of commands) changed since
        if (Files.isRegularFile(index) && !(Files.isRegularFile(script)
                && Files.getLastModifiedTime(script).compareTo(Files.getLastModifiedTime(index)) > 0)) {
            return true;
        }
        if (!Files.isRegularFile(script) || !onPath("flite") || !onPath("sox")) {
            notes.accept("flite, sox or " + script + " missing: the workload is the bundled examples only");
            return false;
        }
        try {
            Process p = new ProcessBuilder("bash", script.toString(), "--bench", dir.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0 || !Files.isRegularFile(dir.resolve("commands.tsv"))) {
                throw new IOException(script + " --bench " + dir + " failed: " + log.strip());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the benchmark's commands", e);
        }
    }

    /** Whether {@code program} is an executable in a folder of PATH. */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static short[] littleEndian(byte[] bytes, int samples) {
        short[] out = new short[samples];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    /** The flite commands (empty without flite). */
    public List<SpokenCommand> commands() {
        return commands;
    }

    /** The bundled example recordings. */
    public List<Path> examples() {
        return examples;
    }

    /**
     * Recordings the per-stage figures are measured on: the flite commands, or the whole example
     * recordings when there are none.
     */
    public List<short[]> stageRecordings() {
        if (!commands.isEmpty()) {
            List<short[]> out = new ArrayList<>();
            for (SpokenCommand c : commands) {
                out.add(c.pcm());
            }
            return out;
        }
        return examplePcm;
    }

    /** The examples, then wake word + command for each flite command, in whole 80 ms frames. */
    public short[] speech() {
        return frames(join(loopParts(0)));
    }

    /**
     * A stream for the loop with at least {@code minCommands} wake-word commands: the examples and the
     * flite commands (each after the wake word), repeated as needed. {@link #commandsIn} counts them.
     */
    public short[] loopStream(int minCommands) {
        return frames(join(loopParts(minCommands)));
    }

    /** Commands in {@link #loopStream(int)} for this {@code minCommands}. */
    public int commandsIn(int minCommands) {
        int perRound = exampleCommands + commands.size();
        return Math.max(1, (minCommands + perRound - 1) / perRound) * perRound;
    }

    private List<short[]> loopParts(int minCommands) {
        int perRound = exampleCommands + commands.size();
        int rounds = Math.max(1, (minCommands + perRound - 1) / perRound);
        List<short[]> parts = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            parts.addAll(examplePcm);
            for (SpokenCommand c : commands) {
                parts.add(silence(LEAD_SECONDS));
                parts.add(wake);
                parts.add(silence(AFTER_WAKE_SECONDS));
                parts.add(c.pcm());
                parts.add(silence(AFTER_COMMAND_SECONDS));
            }
        }
        return parts;
    }

    /** {@code seconds} of room-like noise, in whole frames. */
    public short[] room(double seconds) {
        int n = (int) (seconds * PcmFormat.SAMPLE_RATE) / PcmFormat.FRAME_SAMPLES * PcmFormat.FRAME_SAMPLES;
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = roomLoop[i % roomLoop.length];
        }
        return out;
    }

    /** Where the room noise comes from, for the report. */
    public String roomSource() {
        return roomSource;
    }

    private static short[] silence(double seconds) {
        return new short[(int) Math.round(seconds * PcmFormat.SAMPLE_RATE)];
    }

    private static short[] join(List<short[]> parts) {
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

    private static short[] frames(short[] pcm) {
        return Arrays.copyOf(pcm, pcm.length / PcmFormat.FRAME_SAMPLES * PcmFormat.FRAME_SAMPLES);
    }

    /** Raw little-endian 16-bit bytes of {@code pcm}, for an in-memory {@code RawPcmSource}. */
    static byte[] bytes(short[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(pcm);
        return b.array();
    }
}
