package dev.hark.runtime.hermes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.nlu.ParseResult;
import dev.hark.runtime.loop.DialogueLink;
import dev.hark.runtime.loop.DialogueListener;
import dev.hark.runtime.loop.DialogueRequest;
import dev.hark.runtime.loop.SpeakerStage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One Hermes site Hark serves (its own microphone, or a satellite's): publishes what the site's loop
 * does as Hermes messages (as its {@link DialogueListener}, on the pipeline thread, queueing only) and
 * turns the requests addressed to the site into {@link DialogueRequest}s for the loop's queue (on the
 * MQTT callback thread). Keeps the custom data of each open session, which Hermes hands back in every
 * message about it.
 */
final class HermesSite implements DialogueListener {
    private static final String NO_DATA = "";

    private final String siteId;
    private final MqttLink link;
    private final BlockingQueue<DialogueRequest> requests = new LinkedBlockingQueue<>();
    private final Duration answerTimeout;
    /** Open sessions (started, or queued) and their custom data ({@link #NO_DATA} for none). */
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private String wakeword; // of the session under way; pipeline thread only
    private MqttLink.Outgoing captured; // textCaptured, held to go out with what the command meant

    HermesSite(String siteId, MqttLink link, Duration answerTimeout) {
        this.siteId = siteId;
        this.link = link;
        this.answerTimeout = answerTimeout;
    }

    DialogueLink link() {
        return new DialogueLink(this, requests, answerTimeout);
    }

    /** Whether {@code sessionId} is open at this site (requests naming it come here). */
    boolean owns(String sessionId) {
        return sessions.containsKey(sessionId);
    }

    // --- requests, on the MQTT callback thread ---

    void say(String text, String id, String sessionId) {
        requests.add(new DialogueRequest.Say(text,
                () -> publish(HermesMessages.SAY_FINISHED, HermesMessages.sayFinished(siteId, id, sessionId))));
    }

    void startSession(String text, Set<String> intents, boolean expectCommand, boolean reportNotUnderstood,
                      boolean queueIfBusy, String customData) {
        String session = UUID.randomUUID().toString();
        sessions.put(session, customData == null ? NO_DATA : customData);
        requests.add(new DialogueRequest.StartSession(session, text, intents, expectCommand, reportNotUnderstood, queueIfBusy));
    }

    void continueSession(String sessionId, String text, Set<String> intents, boolean reportNotUnderstood, String customData) {
        keep(sessionId, customData);
        requests.add(new DialogueRequest.ContinueSession(sessionId, text, intents, reportNotUnderstood));
    }

    void endSession(String sessionId, String text, String customData) {
        keep(sessionId, customData);
        requests.add(new DialogueRequest.EndSession(sessionId, text));
    }

    void wakeWord(boolean enabled) {
        requests.add(new DialogueRequest.WakeWord(enabled));
    }

    /** New custom data replaces the session's when given (Hermes: "overrides session customData if not empty"). */
    private void keep(String sessionId, String customData) {
        if (customData != null && !customData.isEmpty()) {
            sessions.replace(sessionId, customData);
        }
    }

    // --- the loop's news, on the pipeline thread ---

    @Override
    public void wakeWord(String sessionId, String keyword, double score) {
        wakeword = keyword;
        publish(HermesMessages.hotwordDetectedTopic(keyword), HermesMessages.hotwordDetected(siteId, sessionId, keyword));
    }

    @Override
    public void sessionStarted(String sessionId) {
        sessions.putIfAbsent(sessionId, NO_DATA);
        publish(HermesMessages.SESSION_STARTED, HermesMessages.sessionStarted(siteId, sessionId, data(sessionId)));
    }

    @Override
    public void sessionQueued(String sessionId) {
        publish(HermesMessages.SESSION_QUEUED, HermesMessages.sessionQueued(siteId, sessionId, data(sessionId)));
    }

    /**
     * Held until the loop says what the command meant (a millisecond later at most): the three messages
     * of a command then wake the publishing thread once, which on a busy board gets the intent out sooner.
     */
    @Override
    public void transcript(String sessionId, String text, double confidence, double seconds) {
        captured = new MqttLink.Outgoing(HermesMessages.TEXT_CAPTURED,
                HermesMessages.textCaptured(siteId, sessionId, text, confidence, seconds, wakeword));
    }

    @Override
    public void intent(String sessionId, ParseResult parse, double asrConfidence, SpeakerStage.Match speaker,
                       boolean awaitingAnswer) {
        publishWithCaptured(new MqttLink.Outgoing(HermesMessages.INTENT_PARSED, HermesMessages.intentParsed(siteId, sessionId, parse)),
                new MqttLink.Outgoing(HermesMessages.intentTopic(parse.intentName()), HermesMessages.intent(siteId, sessionId,
                        data(sessionId), parse, asrConfidence, speaker, wakeword)));
    }

    @Override
    public void notUnderstood(String sessionId, String text, boolean awaitingAnswer) {
        // Hark's grammar either matches a command or rejects it: it is sure nothing matched
        MqttLink.Outgoing nlu = new MqttLink.Outgoing(HermesMessages.NLU_INTENT_NOT_RECOGNIZED,
                HermesMessages.nluIntentNotRecognized(siteId, sessionId, text, 1.0));
        if (awaitingAnswer) {
            publishWithCaptured(nlu, new MqttLink.Outgoing(HermesMessages.DM_INTENT_NOT_RECOGNIZED,
                    HermesMessages.dialogueIntentNotRecognized(siteId, sessionId, data(sessionId), text, 1.0)));
        } else {
            publishWithCaptured(nlu);
        }
    }

    private void publishWithCaptured(MqttLink.Outgoing... messages) {
        List<MqttLink.Outgoing> all = new ArrayList<>(messages.length + 1);
        if (captured != null) {
            all.add(captured);
            captured = null;
        }
        all.addAll(List.of(messages));
        link.publish(all);
    }

    @Override
    public void sessionEnded(String sessionId, Ending ending, String error) {
        publish(HermesMessages.SESSION_ENDED, HermesMessages.sessionEnded(siteId, sessionId, data(sessionId), ending, error));
        sessions.remove(sessionId);
        wakeword = null;
    }

    private String data(String sessionId) {
        String d = sessions.get(sessionId);
        return d == null || d.equals(NO_DATA) ? null : d;
    }

    private void publish(String topic, ObjectNode message) {
        link.publish(List.of(new MqttLink.Outgoing(topic, message)));
    }
}
