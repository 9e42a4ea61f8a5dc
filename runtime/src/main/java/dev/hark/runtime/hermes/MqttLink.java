package dev.hark.runtime.hermes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hark.runtime.config.HarkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Hark's connection to an MQTT broker, over Eclipse Paho's MQTT v3 client. What it promises:
 *
 * <ul>
 *   <li><b>Never blocks its callers.</b> {@link #publish} queues the message and returns; one thread
 *   ("hark-mqtt-publish") hands messages to Paho in order, so the pipeline thread never touches the
 *   network, a lock of Paho's or a slow broker.</li>
 *   <li><b>Survives the broker going away.</b> A lost connection is logged once; Hark reconnects with
 *   back-off (1 s doubling to 32 s), including when the broker is not there at start, and logs once when
 *   it is back. Subscriptions are renewed on every connection, in case the broker forgot them.</li>
 *   <li><b>Loses no message and acts on none twice because of a reconnect.</b> Publishes and
 *   subscriptions use QoS 1 (audio frames QoS 0: late audio is useless). The session is persistent
 *   (clean session off, a fixed client id), so the broker keeps Hark's subscriptions and queues the QoS 1
 *   messages sent to Hark while it is away, and Paho resends Hark's unacknowledged messages after
 *   reconnecting. Messages published while disconnected wait, in order, in the publisher's own queue
 *   (10,000, the oldest dropped beyond that) and go out first on reconnect, before any newer one. Not
 *   Paho's disconnected buffer: a message published while Paho drains it can be stranded there until
 *   the next reconnection (eclipse/paho.mqtt.java#348), and its drain gives up on the first error.
 *   QoS 1 is at-least-once: a message whose acknowledgement was lost in the break comes again, marked
 *   duplicate; {@link RecentMessages} drops a duplicate already handed on.</li>
 * </ul>
 *
 * <p>Costs: three threads (Paho's two, the publisher) and a scheduler thread while reconnecting; a
 * publish costs a queue hand-off, then Paho's own work on the publisher thread.
 */
public final class MqttLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MqttLink.class.getName());
    private static final long FIRST_RETRY_MS = 1000;
    private static final long LONGEST_RETRY_MS = 32_000;
    private static final int MOST_WAITING = 10_000;

    /** A topic filter and the QoS Hark subscribes to it with. */
    public record Subscription(String filter, int qos) {
    }

    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final String broker;
    private final List<Subscription> subscriptions;
    private final BiConsumer<String, MqttMessage> inbound;
    private final RecentMessages recent = new RecentMessages(256);
    private final ExecutorService publisher;
    private final ScheduledExecutorService reconnector;
    /** Messages not yet taken by Paho, oldest first; changed only on the publisher thread. */
    private final LinkedBlockingDeque<Queued> waiting = new LinkedBlockingDeque<>();
    private boolean overflowReported;
    private final AtomicBoolean wasConnected = new AtomicBoolean();
    private final AtomicBoolean lossReported = new AtomicBoolean();
    private volatile boolean subscribed;
    private volatile boolean closing;
    private long retryMs = FIRST_RETRY_MS;

    private MqttLink(HarkConfig.Mqtt cfg, Path root, List<Subscription> subscriptions,
                     BiConsumer<String, MqttMessage> inbound) throws IOException {
        this.broker = (cfg.tls ? "ssl://" : "tcp://") + cfg.host + ":" + cfg.port;
        this.subscriptions = List.copyOf(subscriptions);
        this.inbound = inbound;
        this.options = options(cfg, root);
        try {
            client = new MqttAsyncClient(broker, cfg.effectiveClientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IOException("mqtt: cannot use broker " + broker + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callbacks());
        publisher = Executors.newSingleThreadExecutor(r -> daemon(r, "hark-mqtt-publish"));
        reconnector = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hark-mqtt-connect"));
    }

    /**
     * Starts connecting to the configured broker in the background and returns at once; messages
     * published before the connection is up wait in the publisher's queue. {@code inbound} receives each message
     * of the subscriptions on Paho's callback thread (so it must only queue work), duplicates dropped.
     *
     * @throws IOException a password or certificate file that cannot be read, named in the message
     */
    public static MqttLink connect(HarkConfig.Mqtt cfg, Path root, List<Subscription> subscriptions,
                                   BiConsumer<String, MqttMessage> inbound) throws IOException {
        MqttLink link = new MqttLink(cfg, root, subscriptions, inbound);
        link.attempt();
        return link;
    }

    private static MqttConnectOptions options(HarkConfig.Mqtt cfg, Path root) throws IOException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(false);
        o.setAutomaticReconnect(false); // Hark's own back-off also covers a broker missing at start
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setMaxInflight(1000);
        if (cfg.username != null) {
            o.setUserName(cfg.username);
            if (cfg.passwordFile != null) {
                o.setPassword(password(HarkConfig.path(root, cfg.passwordFile)).toCharArray());
            }
        }
        if (cfg.tls) {
            o.setSocketFactory(cfg.caFile == null ? (SSLSocketFactory) SSLSocketFactory.getDefault()
                    : trusting(HarkConfig.path(root, cfg.caFile)));
        }
        return o;
    }

    private static String password(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).strip();
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the MQTT password file (mqtt.passwordFile): " + e.getMessage(), e);
        }
    }

    /** A TLS socket factory that trusts the certificate authorities of a PEM file. */
    private static SSLSocketFactory trusting(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca" + n++, c);
            }
            if (n == 0) {
                throw new IOException(caFile + ": no certificate in the file (mqtt.caFile wants PEM certificates)");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException(caFile + ": not a usable certificate file (mqtt.caFile): " + e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(caFile + ": certificate file not found (mqtt.caFile)", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A JSON message to publish; it is serialised on the publishing thread. */
    public record Outgoing(String topic, JsonNode body) {
    }

    /** Queues a QoS 1 message for the broker and returns at once. */
    public void publish(String topic, byte[] payload) {
        hand(() -> {
            enqueue(topic, payload);
            drain();
        });
    }

    /**
     * Queues QoS 1 JSON messages, to go out in this order, and returns at once: one hand-off to the
     * publishing thread for all of them (a command's messages wake it once).
     */
    public void publish(List<Outgoing> messages) {
        hand(() -> {
            messages.forEach(m -> enqueue(m.topic(), HermesMessages.bytes(m.body())));
            drain();
        });
    }

    private void hand(Runnable work) {
        try {
            publisher.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // after close(): nothing more goes out
        }
    }

    /** On the publisher thread: appends a message behind those still waiting, so order is kept. */
    private void enqueue(String topic, byte[] payload) {
        if (waiting.size() >= MOST_WAITING) {
            waiting.pollFirst();
            if (!overflowReported) {
                overflowReported = true;
                LOG.log(System.Logger.Level.WARNING, "mqtt: more than " + MOST_WAITING
                        + " messages waiting for the broker at " + broker + "; dropping the oldest");
            }
        }
        waiting.addLast(new Queued(topic, payload));
    }

    /**
     * On the publisher thread: hands the waiting messages to Paho, oldest first, while it is connected;
     * what it refuses for want of a connection stays first in line for the next reconnection.
     */
    private void drain() {
        for (Queued m = waiting.peekFirst(); m != null; m = waiting.peekFirst()) {
            try {
                client.publish(m.topic(), m.payload(), 1, false);
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT && client.isConnected()) {
                    if (pause()) { // the broker is slow to acknowledge: wait for room rather than drop
                        continue;
                    }
                    return;
                }
                if (e.getReasonCode() != MqttException.REASON_CODE_CLIENT_NOT_CONNECTED) {
                    LOG.log(System.Logger.Level.ERROR, "mqtt: could not queue " + m.topic() + ": " + e.getMessage());
                    waiting.pollFirst();
                    continue;
                }
                return;
            }
            waiting.pollFirst();
        }
        overflowReported = false;
    }

    /** Waits 10 ms; false if interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(10);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A message waiting for Paho to take it. */
    private record Queued(String topic, byte[] payload) {
    }

    /** Whether the broker is connected now. */
    public boolean isConnected() {
        return client.isConnected();
    }

    /** Waits until connected and subscribed (for tests); false after {@code timeout}. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!client.isConnected() || !subscribed) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void attempt() {
        if (closing) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete below renews the subscriptions and reports
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    failed(e);
                }
            });
        } catch (MqttException e) {
            failed(e);
        }
    }

    private void failed(Throwable e) {
        if (closing) {
            return;
        }
        if (lossReported.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "mqtt: " + (wasConnected.get() ? "cannot reach" : "cannot connect to")
                    + " the broker at " + broker + " (" + describe(e) + "); retrying with back-off, the assistant keeps listening");
        }
        long delay;
        synchronized (this) {
            delay = retryMs;
            retryMs = Math.min(LONGEST_RETRY_MS, retryMs * 2);
        }
        reconnector.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
    }

    private static String describe(Throwable e) {
        if (e instanceof MqttException m && m.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION) {
            return "bad user name or password: check mqtt.username and mqtt.passwordFile";
        }
        if (e instanceof MqttException m && m.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED) {
            return "not authorized: check mqtt.username and mqtt.passwordFile";
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
    }

    /**
     * Waits up to {@code timeout} for queued and unacknowledged messages to reach the broker, then
     * disconnects; what is still undelivered then is reported in one line.
     */
    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

    /** As {@link #close()}, waiting at most {@code timeout} for delivery. */
    public void close(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        closing = true; // no reconnecting from now on; what is queued still goes out if the broker is there
        publisher.shutdown();
        try {
            publisher.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // the publisher has stopped: what still waits for a connection stays undelivered
            while (client.isConnected() && client.getPendingDeliveryTokens().length > 0 && System.nanoTime() - end < 0) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reconnector.shutdownNow();
        int left = client.getPendingDeliveryTokens().length + waiting.size();
        if (left > 0) {
            LOG.log(System.Logger.Level.WARNING, "mqtt: " + left + " message(s) not delivered to " + broker + " at exit");
        }
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(1000);
            }
        } catch (MqttException e) {
            // leaving anyway
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // leaving anyway
        }
    }

    /** Subscribes (again: a broker that lost Hark's session lost its subscriptions too). */
    private void subscribe() {
        if (subscriptions.isEmpty()) {
            subscribed = true;
            return;
        }
        String[] filters = subscriptions.stream().map(Subscription::filter).toArray(String[]::new);
        int[] qos = subscriptions.stream().mapToInt(Subscription::qos).toArray();
        try {
            client.subscribe(filters, qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    subscribed = true;
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.log(System.Logger.Level.ERROR, "mqtt: the broker at " + broker + " refused the subscriptions: " + e.getMessage());
                }
            });
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.ERROR, "mqtt: could not subscribe at " + broker + ": " + e.getMessage());
        }
    }

    private final class Callbacks implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            synchronized (MqttLink.this) {
                retryMs = FIRST_RETRY_MS;
            }
            subscribe();
            hand(MqttLink.this::drain); // what waited goes out before anything published from now on
            if (lossReported.getAndSet(false) || !wasConnected.getAndSet(true)) {
                LOG.log(System.Logger.Level.INFO, "mqtt: connected to " + broker);
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            subscribed = false;
            failed(cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (message.getQos() > 0 && !recent.firstTime(topic, message.getPayload(), message.isDuplicate())) {
                return;
            }
            try {
                inbound.accept(topic, message);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "mqtt: handling " + topic + " failed", e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
