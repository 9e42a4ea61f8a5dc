package dev.hark.runtime.hermes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.runtime.config.HarkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection's security options against a real mosquitto: TLS with the certificate authority of
 * {@code mqtt.caFile} and a user name with the password of {@code mqtt.passwordFile}; a wrong password
 * and missing files are reported in one line naming what to fix.
 */
class MqttLinkTest {
    @TempDir
    Path dir;

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    private Mosquitto secureBroker() throws Exception {
        return secureBroker("IP:127.0.0.1,DNS:localhost");
    }

    /** A certificate authority and a broker certificate for {@code names}, made with openssl; a password file for "hark". */
    private Mosquitto secureBroker(String names) throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=hark-test-ca");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=broker");
        Files.writeString(dir.resolve("san.cnf"), "subjectAltName=" + names + "\n");
        run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "san.cnf");
        run("mosquitto_passwd", "-b", "-c", "passwd", "hark", "s3cret");
        Files.writeString(dir.resolve("password.txt"), "s3cret\n");
        return Mosquitto.start(dir.resolve("broker"), "listener %PORT% 127.0.0.1\ncafile " + dir.resolve("ca.pem")
                + "\ncertfile " + dir.resolve("server.pem") + "\nkeyfile " + dir.resolve("server.key")
                + "\nallow_anonymous false\npassword_file " + dir.resolve("passwd") + "\n");
    }

    private HarkConfig.Mqtt config(int port, String password) throws IOException {
        Files.writeString(dir.resolve("given.txt"), password + "\n");
        HarkConfig.Mqtt m = new HarkConfig.Mqtt();
        m.enabled = true;
        m.host = "127.0.0.1";
        m.port = port;
        m.tls = true;
        m.caFile = "ca.pem";
        m.username = "hark";
        m.passwordFile = "given.txt";
        return m;
    }

    @Test
    void tlsAndAPasswordConnectAndCarryMessages() throws Exception {
        try (Mosquitto broker = secureBroker()) {
            LinkedBlockingQueue<byte[]> echoed = new LinkedBlockingQueue<>();
            MqttLink link = MqttLink.connect(config(broker.port(), "s3cret"), dir,
                    List.of(new MqttLink.Subscription("test/echo", 1)), (topic, m) -> echoed.add(m.getPayload()));
            try {
                assertTrue(link.awaitReady(Duration.ofSeconds(20)), broker.log());
                link.publish("test/echo", "over TLS".getBytes(StandardCharsets.UTF_8));
                assertArrayEquals("over TLS".getBytes(StandardCharsets.UTF_8), echoed.poll(20, TimeUnit.SECONDS));
            } finally {
                link.close();
            }
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        try (Mosquitto broker = secureBroker("DNS:elsewhere.example")) {
            HermesLoopTest.CountingLog log = HermesLoopTest.CountingLog.attach();
            MqttLink link = MqttLink.connect(config(broker.port(), "s3cret"), dir, List.of(), (topic, m) -> { });
            try {
                assertFalse(link.awaitReady(Duration.ofSeconds(3)), "signed by the trusted authority, but not for 127.0.0.1");
                assertEquals(1, log.warnings.size(), log.warnings.toString());
            } finally {
                link.close(Duration.ZERO);
                log.detach();
            }
        }
    }

    @Test
    void aWrongPasswordIsReportedOnceAndNothingElseBreaks() throws Exception {
        try (Mosquitto broker = secureBroker()) {
            HermesLoopTest.CountingLog log = HermesLoopTest.CountingLog.attach();
            MqttLink link = MqttLink.connect(config(broker.port(), "wrong"), dir, List.of(), (topic, m) -> { });
            try {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (log.warnings.isEmpty() && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                link.publish("test/echo", new byte[1]); // queued, never thrown at the caller
                Thread.sleep(1500); // a retry happens meanwhile, and stays quiet
                assertFalse(link.isConnected());
                assertEquals(1, log.warnings.size(), log.warnings.toString());
                assertTrue(log.warnings.get(0).contains("check mqtt.username and mqtt.passwordFile"), log.warnings.get(0));
            } finally {
                link.close(Duration.ZERO);
                log.detach();
            }
        }
    }

    @Test
    void missingFilesAreNamed() {
        HarkConfig.Mqtt m = new HarkConfig.Mqtt();
        m.username = "hark";
        m.passwordFile = "nowhere.txt";
        IOException e = assertThrows(IOException.class, () -> MqttLink.connect(m, dir, List.of(), (t, x) -> { }));
        assertTrue(e.getMessage().startsWith(dir.resolve("nowhere.txt") + ": cannot read the MQTT password file"), e.getMessage());
        m.passwordFile = null;
        m.tls = true;
        m.caFile = "no-ca.pem";
        e = assertThrows(IOException.class, () -> MqttLink.connect(m, dir, List.of(), (t, x) -> { }));
        assertEquals(dir.resolve("no-ca.pem") + ": certificate file not found (mqtt.caFile)", e.getMessage());
    }
}
