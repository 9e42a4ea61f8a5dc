package dev.hark.runtime.feedback;

import dev.hark.audio.WavReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Speech through a text-to-speech program run as a separate process, {@code espeak-ng} or {@code flite}:
 * the text goes in a temporary file (never through a shell, so any text is safe), the program writes a
 * WAV file, which is read back and resampled to 16 kHz. Costs a process start (tens of milliseconds)
 * plus the synthesis, well under the length of the speech on a Pi 3; each call is limited to 20 s.
 */
public final class ProcessSpeechSynthesizer implements SpeechSynthesizer {
    private static final long TIME_LIMIT_S = 20;

    /** The programs Hark knows how to drive, in order of preference. */
    public enum Engine {
        /** eSpeak NG: {@code espeak-ng -v <voice> -f text -w out.wav}. */
        ESPEAK_NG("espeak-ng", "en-us"),
        /** Festival Lite: {@code flite -voice <voice> -f text -o out.wav}. */
        FLITE("flite", "slt");

        private final String program;
        private final String defaultVoice;

        Engine(String program, String defaultVoice) {
            this.program = program;
            this.defaultVoice = defaultVoice;
        }

        /** The program's name on the PATH. */
        public String program() {
            return program;
        }

        List<String> command(String executable, String voice, Path text, Path wav) {
            return this == ESPEAK_NG
                    ? List.of(executable, "-v", voice, "-f", text.toString(), "-w", wav.toString())
                    : List.of(executable, "-voice", voice, "-f", text.toString(), "-o", wav.toString());
        }
    }

    private final Engine engine;
    private final String executable;
    private final String voice;

    /** Drives {@code executable} (a path or a name on the PATH) as {@code engine} with {@code voice} (null: the engine's default). */
    public ProcessSpeechSynthesizer(Engine engine, String executable, String voice) {
        this.engine = engine;
        this.executable = executable;
        this.voice = voice == null ? engine.defaultVoice : voice;
    }

    /** The first engine installed on the PATH, espeak-ng preferred; empty when there is none. */
    public static Optional<ProcessSpeechSynthesizer> find(String path) {
        for (Engine e : Engine.values()) {
            Optional<Path> exe = onPath(e.program(), path);
            if (exe.isPresent()) {
                return Optional.of(new ProcessSpeechSynthesizer(e, exe.get().toString(), null));
            }
        }
        return Optional.empty();
    }

    /** The given engine if it is installed on this process's PATH. */
    public static Optional<ProcessSpeechSynthesizer> find(Engine engine) {
        return onPath(engine.program(), System.getenv().getOrDefault("PATH", ""))
                .map(exe -> new ProcessSpeechSynthesizer(engine, exe.toString(), null));
    }

    /** {@link #find(String)} on this process's PATH. */
    public static Optional<ProcessSpeechSynthesizer> find() {
        return find(System.getenv().getOrDefault("PATH", ""));
    }

    private static Optional<Path> onPath(String program, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Which engine this is. */
    public Engine engine() {
        return engine;
    }

    @Override
    public AudioClip synthesize(String text) throws IOException {
        Path dir = Files.createTempDirectory("hark-tts");
        Path in = dir.resolve("text.txt");
        Path out = dir.resolve("speech.wav");
        try {
            Files.writeString(in, text + "\n", StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(engine.command(executable, voice, in, out));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
            boolean finished;
            try {
                finished = p.waitFor(TIME_LIMIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(engine.program() + " interrupted", e);
            }
            if (!finished) {
                p.destroyForcibly();
                throw new IOException(engine.program() + " did not finish within " + TIME_LIMIT_S + " s");
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(out)) {
                String log = Files.readString(dir.resolve("log.txt")).strip();
                throw new IOException(engine.program() + " failed (exit " + p.exitValue() + ")" + (log.isEmpty() ? "" : ": " + log.lines().findFirst().orElse("")));
            }
            return new AudioClip("say", WavReader.read(out).toPcm16k(), dev.hark.audio.PcmFormat.SAMPLE_RATE);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
