package dev.hark.runtime.hermes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecentMessagesTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRedeliveryMarkedDuplicateIsDroppedAndNothingElse() {
        RecentMessages recent = new RecentMessages(4);
        assertTrue(recent.firstTime("hermes/tts/say", b("{\"text\":\"hi\"}"), false));
        assertFalse(recent.firstTime("hermes/tts/say", b("{\"text\":\"hi\"}"), true), "the broker's second copy");
        assertTrue(recent.firstTime("hermes/tts/say", b("{\"text\":\"hi\"}"), false), "the same request sent again on purpose");
        assertTrue(recent.firstTime("hermes/tts/say", b("{\"text\":\"bye\"}"), true), "a first copy that happens to be marked");
        assertTrue(recent.firstTime("hermes/other", b("{\"text\":\"hi\"}"), true), "the topic is part of the message");
    }

    @Test
    void onlyTheLastMessagesAreRemembered() {
        RecentMessages recent = new RecentMessages(2);
        recent.firstTime("t", b("1"), false);
        recent.firstTime("t", b("2"), false);
        recent.firstTime("t", b("3"), false);
        assertTrue(recent.firstTime("t", b("1"), true), "forgotten after two newer ones");
        assertFalse(recent.firstTime("t", b("3"), true));
    }
}
