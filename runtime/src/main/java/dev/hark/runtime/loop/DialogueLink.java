package dev.hark.runtime.loop;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * How one assistant loop is connected to the world outside it: who hears of its sessions, the queue
 * outside requests arrive in, and how long an intent no Java skill handles waits for an outside answer
 * (zero: no outside answers, the apology at once).
 */
public record DialogueLink(DialogueListener listener, BlockingQueue<DialogueRequest> requests, Duration answerTimeout) {

    /** No outside world: Hark on its own. */
    public static DialogueLink none() {
        return new DialogueLink(DialogueListener.NONE, new LinkedBlockingQueue<>(), Duration.ZERO);
    }
}
