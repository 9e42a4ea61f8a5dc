package dev.hark.runtime.hermes;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto broker on a free loopback port, for tests: anonymous clients, persistence in a
 * temporary folder (so a persistent session and its queued QoS 1 messages survive {@link #restart()}),
 * plus whatever {@code extra} configuration lines a test adds (TLS, passwords). Its log is kept in the
 * folder for failure messages.
 */
final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final Path conf;
    private final int port;
    private Process process;

    private Mosquitto(Path dir, int port, String listener) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.port = port;
        this.conf = dir.resolve("mosquitto.conf");
        // run as root (CI), mosquitto would switch to its own user, who cannot write the test's folder
        Files.writeString(conf, listener + "persistence true\npersistence_location " + dir + "/\nuser "
                + System.getProperty("user.name") + "\n");
    }

    /** A plain broker on a free port. */
    static Mosquitto start(Path dir) throws Exception {
        return start(dir, null);
    }

    /**
     * A broker on a free port; {@code listener}, when not null, replaces the plain anonymous listener
     * (write {@code %PORT%} for the port).
     */
    static Mosquitto start(Path dir, String listener) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Mosquitto m = new Mosquitto(dir, port, listener == null ? "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                : listener.replace("%PORT%", String.valueOf(port)));
        m.restart();
        return m;
    }

    int port() {
        return port;
    }

    /** Starts the broker (again) and waits until it accepts connections. */
    void restart() throws Exception {
        process = new ProcessBuilder("mosquitto", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException("mosquitto did not start: " + log());
                }
                Thread.sleep(20);
            }
        }
    }

    /** Stops the broker as an administrator would (SIGTERM: it saves its persistent state). */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
