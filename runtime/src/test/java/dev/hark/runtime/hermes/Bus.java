package dev.hark.runtime.hermes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A test's own MQTT client (Paho): records every message of its subscriptions in arrival order, and
 * publishes. With a persistent session it stands for an action that must not miss a message while the
 * broker restarts.
 */
final class Bus implements AutoCloseable {
    /** One message as it arrived ({@code nanoTime} of its arrival); {@code json} is null for a binary body. */
    record Received(String topic, JsonNode json, byte[] body, boolean duplicate, long nanoTime) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MqttClient client;
    private final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final List<Received> all = new ArrayList<>();

    Bus(int port, String clientId, boolean persistentSession, String... filters) throws Exception {
        client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(!persistentSession);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(500);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                long at = System.nanoTime();
                JsonNode json;
                try {
                    json = JSON.readTree(m.getPayload());
                } catch (java.io.IOException binary) {
                    json = null;
                }
                Received r = new Received(topic, json, m.getPayload(), m.isDuplicate(), at);
                synchronized (all) {
                    all.add(r);
                }
                inbox.add(r);
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        client.connect(o);
        if (filters.length > 0) {
            int[] qos = new int[filters.length];
            java.util.Arrays.fill(qos, 1);
            client.subscribe(filters, qos);
        }
    }

    /** The next message whose topic satisfies {@code topic}, skipping others; fails after {@code timeout}. */
    Received next(Predicate<String> topic, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            Received r = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (r == null) {
                throw new AssertionError("no message on " + topic + " within " + timeout.toMillis() + " ms; received " + topics());
            }
            if (topic.test(r.topic())) {
                return r;
            }
        }
    }

    /** The next message on exactly this topic. */
    Received next(String topic, Duration timeout) throws InterruptedException {
        return next(topic::equals, timeout);
    }

    /** Every message received so far, in order. */
    List<Received> received() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    List<String> topics() {
        return received().stream().map(Received::topic).toList();
    }

    void publish(String topic, String json) throws Exception {
        client.publish(topic, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
    }

    void publish(String topic, byte[] body, int qos) throws Exception {
        client.publish(topic, body, qos, false);
    }

    boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws Exception {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
