package dev.hark.runtime.hermes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.AudioSource;
import dev.hark.runtime.config.HarkConfig;
import dev.hark.runtime.feedback.AudioOutput;
import dev.hark.runtime.loop.DialogueLink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * Hark on the Hermes bus: the sites it serves (its own microphone under {@code mqtt.siteId}, and each
 * satellite of {@code mqtt.satellites}), their links to the assistant loops, the satellites' audio in and
 * out, and the routing of what arrives from the broker. Requests go to the site they name
 * ({@code siteId}, "default" when missing) or to the site whose session they name; messages for other
 * sites are left to whoever serves them. A malformed request is logged in one line and ignored.
 *
 * <p>Listens to {@code hermes/tts/say}, {@code hermes/dialogueManager/startSession|continueSession|endSession},
 * {@code hermes/hotword/toggleOff|toggleOn}, and per satellite {@code hermes/audioServer/<siteId>/audioFrame}
 * and {@code .../playFinished}. Built once per {@code hark run}; it outlives configuration reloads.
 * Costs: the connection's threads ({@link MqttLink}), and per satellite a buffer of
 * {@code audio.ringBufferFrames} frames (2.5 kB each); routing a request is a JSON parse on Paho's thread.
 */
public final class HermesBridge implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HermesBridge.class.getName());
    private static final String SAY = "hermes/tts/say";
    private static final String START = "hermes/dialogueManager/startSession";
    private static final String CONTINUE = "hermes/dialogueManager/continueSession";
    private static final String END = "hermes/dialogueManager/endSession";
    private static final String HOTWORD_OFF = "hermes/hotword/toggleOff";
    private static final String HOTWORD_ON = "hermes/hotword/toggleOn";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, HermesSite> sites = new LinkedHashMap<>();
    private final Map<String, SatelliteAudio> satelliteAudio = new LinkedHashMap<>();
    private final Map<String, PlayBytesOutput> satelliteSpeakers = new LinkedHashMap<>();
    private final MqttLink link;

    private HermesBridge(HarkConfig.Mqtt cfg, boolean localSite, int ringBufferFrames, Path root) throws IOException {
        List<MqttLink.Subscription> subs = new ArrayList<>(List.of(new MqttLink.Subscription(SAY, 1),
                new MqttLink.Subscription(START, 1), new MqttLink.Subscription(CONTINUE, 1),
                new MqttLink.Subscription(END, 1), new MqttLink.Subscription(HOTWORD_OFF, 1),
                new MqttLink.Subscription(HOTWORD_ON, 1)));
        for (String s : cfg.satellites) {
            subs.add(new MqttLink.Subscription(audioFrameTopic(s), 0));
            subs.add(new MqttLink.Subscription(playFinishedTopic(s), 1));
        }
        link = MqttLink.connect(cfg, root, subs, this::route);
        Duration answer = Duration.ofMillis(cfg.actionTimeoutMs);
        if (localSite) {
            sites.put(cfg.siteId, new HermesSite(cfg.siteId, link, answer));
        }
        for (String s : cfg.satellites) {
            sites.put(s, new HermesSite(s, link, answer));
            satelliteAudio.put(s, new SatelliteAudio(s, ringBufferFrames));
            satelliteSpeakers.put(s, new PlayBytesOutput(s, link));
        }
    }

    /**
     * Connects to the configured broker in the background (see {@link MqttLink}) and returns at once.
     *
     * @param localSite        whether this device listens itself (site {@code cfg.siteId}), or only serves satellites
     * @param ringBufferFrames frames of satellite audio held for a loop that falls behind
     * @throws IOException a password or certificate file that cannot be read
     */
    public static HermesBridge start(HarkConfig.Mqtt cfg, boolean localSite, int ringBufferFrames, Path root)
            throws IOException {
        return new HermesBridge(cfg, localSite, ringBufferFrames, root);
    }

    private static String audioFrameTopic(String site) {
        return "hermes/audioServer/" + site + "/audioFrame";
    }

    private static String playFinishedTopic(String site) {
        return "hermes/audioServer/" + site + "/playFinished";
    }

    /** The link of a site's loop to the bus. */
    public DialogueLink site(String siteId) {
        HermesSite s = sites.get(siteId);
        if (s == null) {
            throw new IllegalArgumentException("site " + siteId + " is not served here");
        }
        return s.link();
    }

    /** The satellites' site ids, in configuration order. */
    public Set<String> satellites() {
        return satelliteAudio.keySet();
    }

    /** A satellite's microphone. */
    public AudioSource satelliteAudio(String siteId) {
        return satelliteAudio.get(siteId);
    }

    /** A satellite's loudspeaker. */
    public AudioOutput satelliteSpeaker(String siteId) {
        return satelliteSpeakers.get(siteId);
    }

    /** The connection (for tests and start-up checks). */
    public MqttLink mqtt() {
        return link;
    }

    /** One message from the broker, on Paho's callback thread: parsed and queued, never carried out here. */
    private void route(String topic, MqttMessage message) {
        if (topic.startsWith("hermes/audioServer/")) {
            String site = topic.substring("hermes/audioServer/".length(), topic.lastIndexOf('/'));
            if (topic.endsWith("/audioFrame") && satelliteAudio.containsKey(site)) {
                satelliteAudio.get(site).accept(message.getPayload());
            } else if (topic.endsWith("/playFinished") && satelliteSpeakers.containsKey(site)) {
                JsonNode m = parse(topic, message);
                if (m != null) {
                    satelliteSpeakers.get(site).finished(m.path("id").asText(null));
                }
            }
            return;
        }
        JsonNode m = parse(topic, message);
        if (m == null) {
            return;
        }
        try {
            switch (topic) {
                case SAY -> {
                    HermesSite s = sites.get(siteOf(m));
                    if (s != null) {
                        s.say(required(m, "text"), text(m, "id"), text(m, "sessionId"));
                    }
                }
                case START -> {
                    HermesSite s = sites.get(siteOf(m));
                    JsonNode init = m.path("init");
                    String type = required(init, "type");
                    if (!type.equals("action") && !type.equals("notification")) {
                        throw new IllegalArgumentException("init.type must be \"action\" or \"notification\", got \"" + type + "\"");
                    }
                    if (s != null) {
                        boolean action = type.equals("action");
                        s.startSession(text(init, "text"), intents(init), action,
                                init.path("sendIntentNotRecognized").asBoolean(false),
                                !action || init.path("canBeEnqueued").asBoolean(true), text(m, "customData"));
                    }
                }
                case CONTINUE -> {
                    HermesSite s = owner(required(m, "sessionId"));
                    if (s != null) {
                        s.continueSession(m.get("sessionId").asText(), text(m, "text"), intents(m),
                                m.path("sendIntentNotRecognized").asBoolean(false), text(m, "customData"));
                    }
                }
                case END -> {
                    HermesSite s = owner(required(m, "sessionId"));
                    if (s != null) {
                        s.endSession(m.get("sessionId").asText(), text(m, "text"), text(m, "customData"));
                    }
                }
                case HOTWORD_OFF, HOTWORD_ON -> {
                    HermesSite s = sites.get(siteOf(m));
                    if (s != null) {
                        s.wakeWord(topic.equals(HOTWORD_ON));
                    }
                }
                default -> {
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "mqtt: ignored " + topic + ": " + e.getMessage());
        }
    }

    private JsonNode parse(String topic, MqttMessage message) {
        try {
            JsonNode m = json.readTree(message.getPayload());
            if (m != null && m.isObject()) {
                return m;
            }
            LOG.log(System.Logger.Level.WARNING, "mqtt: ignored " + topic + ": not a JSON object");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.log(System.Logger.Level.WARNING, "mqtt: ignored " + topic + ": malformed JSON at column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "mqtt: ignored " + topic + ": " + e.getMessage());
        }
        return null;
    }

    private HermesSite owner(String sessionId) {
        for (HermesSite s : sites.values()) {
            if (s.owns(sessionId)) {
                return s;
            }
        }
        return null; // ended already, or another device's
    }

    private static String siteOf(JsonNode m) {
        String s = text(m, "siteId");
        return s == null || s.isEmpty() ? "default" : s;
    }

    private static String text(JsonNode m, String field) {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return v.asText().isEmpty() ? null : v.asText();
    }

    private static String required(JsonNode m, String field) {
        String v = text(m, field);
        if (v == null) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v;
    }

    /** The intentFilter: null or empty means any intent. */
    private static Set<String> intents(JsonNode m) {
        JsonNode f = m.get("intentFilter");
        if (f == null || f.isNull()) {
            return Set.of();
        }
        if (!f.isArray()) {
            throw new IllegalArgumentException("intentFilter must be a list of intent names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode n : f) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException("intentFilter must be a list of intent names");
            }
            names.add(n.asText());
        }
        return Set.copyOf(names);
    }

    /** Waits briefly for what is queued to reach the broker, disconnects, and ends the satellites' audio. */
    @Override
    public void close() {
        link.close();
        satelliteAudio.values().forEach(SatelliteAudio::close);
    }
}
