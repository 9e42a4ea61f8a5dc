package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code hark run --json} in a child process, as the service runs it, for tests: its events as they
 * come, signals, its stderr (kept in a file). The waits only guard against a hang; nothing is timed.
 */
public final class HarkProcess implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private HarkProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        ObjectMapper mapper = new ObjectMapper();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    events.add(mapper.readTree(line));
                }
            } catch (IOException ignored) {
                // the stream ends with the process
            }
        });
        reader.start();
    }

    /**
     * Starts {@code hark run ARGS --json} with this JVM's class path, SIGHUP at its default action as
     * systemd starts the service (a test runner started by {@code nohup} would otherwise pass on an
     * ignored SIGHUP, which the child's JVM cannot handle); stderr goes to {@code dir/stderr.txt}.
     */
    public static HarkProcess run(Path dir, String... args) throws IOException {
        return start(List.of("env", "--default-signal=HUP"), dir, args);
    }

    /** As {@link #run}, with SIGHUP ignored, as {@code nohup} starts a program. */
    public static HarkProcess runWithHangUpIgnored(Path dir, String... args) throws IOException {
        return start(List.of("sh", "-c", "trap '' HUP; exec \"$@\"", "sh"), dir, args);
    }

    private static HarkProcess start(List<String> launcher, Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dhark.root=" + System.getProperty("hark.root"),
                HarkCli.class.getName(), "run"));
        command.addAll(List.of(args));
        command.add("--json");
        Path stderr = dir.resolve("stderr.txt");
        return new HarkProcess(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
    }

    /** The next event of this kind, skipping others; fails after a minute without one. */
    public JsonNode next(String kind) throws InterruptedException {
        while (true) {
            JsonNode e = events.poll(60, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no " + kind + " event");
            }
            if (e.get("event").asText().equals(kind)) {
                return e;
            }
        }
    }

    /** Sends a signal ("HUP", "TERM") as systemd would: Process.destroy() would also close the pipes. */
    public void signal(String sig) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start().waitFor());
    }

    public Process process() {
        return process;
    }

    /** What the child wrote on stderr so far. */
    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        reader.join(5000);
    }
}
