package dev.hark.runtime.loop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.audio.AudioSource;
import dev.hark.audio.PcmFormat;
import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.runtime.feedback.Feedback;
import dev.hark.runtime.skills.DispatchResult;
import dev.hark.runtime.skills.Dispatcher;
import dev.hark.runtime.skills.IntentRequests;
import dev.hark.skill.IntentRequest;
import dev.hark.skill.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The assistant loop, a state machine driven one 80 ms frame at a time on the calling thread:
 *
 * <pre>
 *  LISTENING --wake word--> CAPTURING --end of speech--> (recognise, identify, dispatch) --> LISTENING
 *      ^                        |  no speech / too long / not understood: "sorry"            |
 *      +------------------------+<------------ follow-up question: CAPTURING again ----------+
 *                               |
 *                               +--intent no Java skill handles--> AWAITING_ANSWER --answer / time-out-->
 * </pre>
 *
 * <p>A session runs from the wake word (or a start request) back to listening. Each step is told to a
 * {@link DialogueListener}, and {@link DialogueRequest}s from outside (the Hermes bridge: actions in any
 * language) are taken from a queue between frames, so the pipeline thread never waits on the network:
 * an intent no Java skill declares waits in AWAITING_ANSWER, frame by frame, for an outside answer until a
 * time limit, then gets the apology. (A file or pipe, which runs faster than real time, waits for that
 * answer instead of reading on, as it waits for each answer to be spoken.)
 *
 * <p>The wake-word stage runs on every frame; while listening, also while a response is playing, its
 * detections count, and a wake word then stops the response (barge-in), unless the response itself
 * says the wake word there ({@link OwnVoice}). After a wake word the endpointer first hears the audio
 * up to it, so that speech still under way belongs to the wake word and the command is the next speech
 * ({@link CommandEndpointer#resetAfter}); the answer to a follow-up question is listened for once the
 * question has stopped sounding. While capturing, the endpointer and the recogniser see every frame, so
 * at the end of speech only finalisation is left. Every step is reported to the {@link EventLog} with
 * its stream time. The frame, the pre-roll and the command buffers are allocated once; steady-state
 * listening allocates nothing in the loop itself.
 */
public final class AssistantLoop {
    private static final System.Logger LOG = System.getLogger(AssistantLoop.class.getName());
    /** Audio kept from before the wake word fired, so the speaker stage hears the wake word too. */
    static final int PRE_ROLL_SAMPLES = 2 * PcmFormat.SAMPLE_RATE;
    /** {@code startCommand}'s pre-roll argument for a capture without one (a follow-up answer). */
    private static final int NO_PRE_ROLL = -1;

    /** The loop's states. */
    public enum State { LISTENING, CAPTURING, AWAITING_ANSWER }

    private final AudioSource source;
    private final EventLog events;
    private final WakeStage wake;
    private final CommandEndpointer endpointer;
    private final CommandRecognizer recognizer;
    private final SpeakerStage speaker;
    private final Dispatcher dispatcher;
    private final Feedback feedback;
    private final OwnVoice ownVoice;
    private final ZoneId zone;
    private final DialogueListener listener;
    private final BlockingQueue<DialogueRequest> requests;
    private final long answerNanos;

    private final short[] frame = new short[PcmFormat.FRAME_SAMPLES];
    /** A frame of the pre-roll captured again after a late detection (a time-batching wake stage). */
    private final short[] replay = new short[PcmFormat.FRAME_SAMPLES];
    private final short[] preRoll = new short[PRE_ROLL_SAMPLES];
    private final short[] command;
    private int preRollEnd;
    private boolean preRollFull;
    private int commandLength;
    private int commandStart; // where the audio after the wake word begins in the command buffer
    private boolean recognizing; // whether speech started and the recogniser is being fed
    private boolean awaitingQuiet; // a follow-up capture waits for Hark's question to stop sounding
    private long commandFrom; // stream sample where the recogniser's audio of the command begins

    private State state = State.LISTENING;
    private String session; // the session under way, null while listening for the wake word
    private boolean reportNotUnderstood; // the session asked to answer unrecognised commands itself
    private long answerDeadline; // System.nanoTime() by which an outside answer must come
    private String awaited; // what the outside answer is awaited for, for the time-out message
    private String apology; // what Hark says when no answer comes
    private boolean wakeEnabled = true;
    private final ArrayDeque<DialogueRequest.StartSession> queuedStarts = new ArrayDeque<>();
    private long samples;
    private volatile boolean stopping;
    private volatile boolean reloading;

    private AssistantLoop(Builder b) {
        this.source = b.source;
        this.events = b.events;
        this.wake = b.wake;
        this.endpointer = b.endpointer;
        this.recognizer = b.recognizer;
        this.speaker = b.speaker;
        this.dispatcher = b.dispatcher;
        this.feedback = b.feedback;
        this.ownVoice = b.ownVoice;
        this.zone = b.zone;
        this.listener = b.listener;
        this.requests = b.requests;
        this.answerNanos = b.answerTimeout.toNanos();
        this.samples = b.startSamples;
        this.command = new short[PRE_ROLL_SAMPLES + (int) (b.maxCommandSeconds * PcmFormat.SAMPLE_RATE)
                + 4 * PcmFormat.FRAME_SAMPLES];
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Why {@link #run()} returned. */
    public enum Exit { END_OF_INPUT, STOPPED, RELOAD }

    /**
     * Runs until the input ends, {@link #stop()} or {@link #reload()}. The caller reports the start and
     * end of the stream; {@link #samples()} is the stream clock.
     */
    public Exit run() throws IOException {
        int n;
        while ((n = source.read(frame)) >= 0) {
            samples += n;
            DialogueRequest r;
            while ((r = requests.poll()) != null) {
                handle(r);
            }
            switch (state) {
                case LISTENING -> listen(n);
                case CAPTURING -> capture(n);
                case AWAITING_ANSWER -> awaitAnswer();
            }
            if (ownVoice != null) {
                ownVoice.advance(samples);
            }
            // a reload waits for the command under way, so no command is cut in half
            if (stopping || (reloading && state == State.LISTENING)) {
                break;
            }
        }
        return stopping ? Exit.STOPPED : reloading ? Exit.RELOAD : Exit.END_OF_INPUT;
    }

    /** Asks the loop to end after the current frame (from another thread, e.g. a signal handler). */
    public void stop() {
        stopping = true;
    }

    /** Asks the loop to return {@link Exit#RELOAD} once no command is under way (SIGHUP). */
    public void reload() {
        reloading = true;
    }

    /** Samples processed since the stream started: the stream clock. */
    public long samples() {
        return samples;
    }

    /** The current state (for tests and status displays). */
    public State state() {
        return state;
    }

    private double now() {
        return PcmFormat.seconds(samples);
    }

    private void listen(int n) {
        remember(n);
        WakeStage.Detection d = wake.process(frame);
        if (d == null || n == 0 || !wakeEnabled) {
            return;
        }
        // the samples heard after the wake word's own frame, when it is reported late
        int late = d.lateFrames() == 0 ? 0
                : Math.min((d.lateFrames() - 1) * PcmFormat.FRAME_SAMPLES + n, preRollFull ? PRE_ROLL_SAMPLES : preRollEnd);
        double heard = PcmFormat.seconds(samples - late);
        if (ownVoice != null && ownVoice.isOwn(d.keyword(), d.score(), samples - late)) {
            LOG.log(System.Logger.Level.INFO, "wake word " + d.keyword() + " (score " + round(d.score())
                    + ") at " + round(heard) + " s ignored: Hark's own answer says it");
            return;
        }
        events.emit(events.event(heard, "wake").put("model", d.keyword()).put("score", round(d.score())));
        session = UUID.randomUUID().toString();
        reportNotUnderstood = false;
        listener.wakeWord(session, d.keyword(), d.score());
        listener.sessionStarted(session);
        feedback.listening();
        if (ownVoice != null) {
            ownVoice.cut(samples);
        }
        startCommand(Set.of(), late);
        // the capture starts where it would have had the wake word been reported in its own frame:
        // the frames heard since then are captured now, as they would have been then
        for (int at = late; at > 0 && state == State.CAPTURING; at -= PcmFormat.FRAME_SAMPLES) {
            int len = Math.min(at, PcmFormat.FRAME_SAMPLES);
            int from = preRollEnd - at;
            for (int i = 0; i < len; i++) {
                replay[i] = preRoll[Math.floorMod(from + i, PRE_ROLL_SAMPLES)];
            }
            captureFrame(replay, len, samples - at + len);
        }
    }

    /**
     * Starts a capture; {@code preRollLate} >= 0: after a wake word, with the pre-roll but its last
     * {@code preRollLate} samples (heard after the wake word's frame) at the front; {@link #NO_PRE_ROLL}: without it.
     */
    private void startCommand(Set<String> intents, int preRollLate) {
        boolean withPreRoll = preRollLate >= 0;
        commandLength = 0;
        if (withPreRoll) {
            int len = (preRollFull ? PRE_ROLL_SAMPLES : preRollEnd) - preRollLate;
            int start = preRollFull ? preRollEnd : 0;
            for (int i = 0; i < len; i++) {
                command[commandLength++] = preRoll[(start + i) % PRE_ROLL_SAMPLES];
            }
        }
        commandStart = commandLength;
        recognizing = false;
        // the answer to a follow-up question starts once the question has stopped sounding
        awaitingQuiet = !withPreRoll;
        if (withPreRoll) {
            endpointer.resetAfter(command, 0, commandStart);
        }
        recognizer.begin(intents);
        state = State.CAPTURING;
    }

    private void capture(int n) {
        // the wake stage keeps streaming (its detections ignored) so that afterwards its windows hold
        // the latest audio: a reset would leave it deaf for two seconds, too long for a barge-in
        wake.process(frame);
        captureFrame(frame, n, samples);
    }

    /** Captures {@code n} samples of {@code pcm} that end at stream sample {@code end}. */
    private void captureFrame(short[] pcm, int n, long end) {
        if (awaitingQuiet) {
            if (feedback.busy() || (ownVoice != null && ownVoice.audible(end))) {
                return;
            }
            awaitingQuiet = false;
            endpointer.reset();
        }
        int at = commandLength;
        if (commandLength + n <= command.length) {
            System.arraycopy(pcm, 0, command, commandLength, n);
            commandLength += n;
        }
        CommandEndpointer.Status status = endpointer.process(pcm);
        if (recognizing) {
            recognizer.accept(pcm, 0, n);
        } else if (status != CommandEndpointer.Status.WAITING && status != CommandEndpointer.Status.NO_SPEECH) {
            // speech started: the recogniser gets it from where the endpointer says the command began
            // (a little before its first word, never the wake word), and never the silence of a wake
            // word that had no command after it
            int from = (int) Math.max(0, Math.min(at, commandStart + endpointer.commandStartSample()));
            commandFrom = end - commandLength + from;
            recognizer.accept(command, from, at - from);
            recognizer.accept(pcm, 0, n);
            recognizing = true;
        }
        switch (status) {
            case NO_SPEECH -> giveUp("no speech after the wake word", "Sorry, I didn't hear a command.",
                    DialogueListener.Ending.TIMEOUT);
            case TOO_LONG -> giveUp("command too long", "Sorry, that was too long for me.", DialogueListener.Ending.ERROR);
            case ENDED -> understand();
            default -> {
            }
        }
    }

    private void giveUp(String reason, String apology, DialogueListener.Ending ending) {
        if (recognizing) {
            recognizer.finish();
        }
        events.emit(events.event(now(), "error").put("reason", reason));
        feedback.say(apology);
        awaitFeedbackOfFile();
        endSession(ending, ending == DialogueListener.Ending.ERROR ? reason : null);
    }

    /**
     * A file or pipe runs faster than real time; waiting for each answer to be played keeps the next
     * wake word from cutting it short (barge-in), as a person would have waited for it.
     */
    private void awaitFeedbackOfFile() {
        if (source.isLive()) {
            return;
        }
        try {
            feedback.awaitIdle(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void understand() {
        long endOfSpeech = System.nanoTime();
        feedback.thinking();
        CommandRecognizer.Understanding u = recognizer.finish();
        double asrMs = (System.nanoTime() - endOfSpeech) / 1e6;
        // the outside world hears each step before the event log: its messages are not kept waiting by the log
        listener.transcript(session, u.transcript(), u.confidence(), asrMs / 1000);
        events.emit(events.event(now(), "transcript").put("text", u.transcript())
                .put("confidence", round(u.confidence())).put("from", round(PcmFormat.seconds(commandFrom)))
                .put("asr_ms", round(asrMs)));

        SpeakerStage.Match who = null;
        if (speaker != null) {
            who = speaker.identify(command, commandLength);
            events.emit(events.event(now(), "speaker").put("speaker", who.speaker()).put("score", round(who.score())));
        }

        ParseResult parse = u.parse();
        boolean outside = parse.intentName() != null && answerNanos > 0 && !dispatcher.handles(parse.intentName());
        if (parse.intentName() != null) {
            listener.intent(session, parse, u.confidence(), who, outside);
        }
        ObjectNode intent = events.event(now(), "intent");
        if (parse.intentName() == null) {
            intent.putNull("intentName");
            events.emit(intent);
            listener.notUnderstood(session, u.transcript(), reportNotUnderstood);
            if (reportNotUnderstood) {
                awaitAnswer("\"" + u.transcript() + "\" (not understood)", "Sorry, I didn't understand that.");
                return;
            }
            feedback.say("Sorry, I didn't understand that.");
            awaitFeedbackOfFile();
            endSession(DialogueListener.Ending.INTENT_NOT_RECOGNIZED, null);
            return;
        }
        intent.put("intentName", parse.intentName()).put("probability", round(parse.probability()));
        ArrayNode slots = intent.putArray("slots");
        for (Slot s : parse.slots()) {
            slots.add(events.tree(s.toJson()));
        }
        // the figure the latency benchmark reads: from the end-of-speech frame to the skill being called
        intent.put("latency_ms", round((System.nanoTime() - endOfSpeech) / 1e6));
        events.emit(intent);
        if (outside) {
            awaitAnswer("intent " + parse.intentName(), "Sorry, I can't do that.");
            return;
        }

        IntentRequest request = IntentRequests.from(parse, u.confidence(), who == null ? null : who.speaker(), zone);
        DispatchResult result = dispatcher.dispatch(request);
        Response response = result.response();
        ObjectNode ev = events.event(now(), "response").put("skill", result.skill().orElse(null))
                .put("outcome", result.outcome().name().toLowerCase()).put("text", response.text().orElse(null))
                .put("continue_session", response.continueSession());
        result.error().ifPresent(e -> ev.put("error", e));
        events.emit(ev);
        feedback.respond(response);
        awaitFeedbackOfFile();
        if (response.continueSession()) {
            reportNotUnderstood = false;
            startCommand(response.followUpIntents(), NO_PRE_ROLL);
        } else if (result.outcome() == DispatchResult.Outcome.HANDLED) {
            endSession(DialogueListener.Ending.NOMINAL, null);
        } else {
            endSession(DialogueListener.Ending.ERROR, result.error().orElse(result.outcome().name()));
        }
    }

    /**
     * Waits for an outside answer to the session's last command. From a file the wait happens here (the
     * file would otherwise run on, faster than real time); live, each frame checks the queue and the clock.
     */
    private void awaitAnswer(String what, String apologyIfNone) {
        awaited = what;
        apology = apologyIfNone;
        answerDeadline = System.nanoTime() + answerNanos;
        state = State.AWAITING_ANSWER;
        if (source.isLive()) {
            return;
        }
        try {
            long left;
            while (state == State.AWAITING_ANSWER && !stopping && (left = answerDeadline - System.nanoTime()) > 0) {
                // in slices, so that a stop request is seen
                DialogueRequest r = requests.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                if (r != null) {
                    handle(r);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (state == State.AWAITING_ANSWER && !stopping) {
            answerTimedOut();
        }
    }

    /** A frame while awaiting an outside answer: the wake stage keeps its windows current; the clock may run out. */
    private void awaitAnswer() {
        wake.process(frame);
        if (System.nanoTime() - answerDeadline >= 0) {
            answerTimedOut();
        }
    }

    private void answerTimedOut() {
        String error = "no answer to " + awaited + " within " + TimeUnit.NANOSECONDS.toMillis(answerNanos) + " ms";
        events.emit(events.event(now(), "response").putNull("skill").put("outcome", "timed_out")
                .put("text", apology).put("continue_session", false).put("error", error));
        feedback.say(apology);
        awaitFeedbackOfFile();
        endSession(DialogueListener.Ending.TIMEOUT, null);
    }

    /** Carries out one outside request between frames. */
    private void handle(DialogueRequest request) {
        if (request instanceof DialogueRequest.Say r) {
            feedback.say(r.text(), r.done());
        } else if (request instanceof DialogueRequest.WakeWord r) {
            wakeEnabled = r.enabled();
        } else if (request instanceof DialogueRequest.StartSession r) {
            if (session == null) {
                start(r);
            } else if (r.queueIfBusy()) {
                queuedStarts.add(r);
                listener.sessionQueued(r.sessionId());
            } else {
                listener.sessionEnded(r.sessionId(), DialogueListener.Ending.ERROR, "another session is under way");
            }
        } else if (request instanceof DialogueRequest.ContinueSession r) {
            if (state == State.AWAITING_ANSWER && r.sessionId().equals(session)) {
                answered(r.text(), true);
                reportNotUnderstood = r.reportNotUnderstood();
                startCommand(r.intents(), NO_PRE_ROLL);
            }
        } else if (request instanceof DialogueRequest.EndSession r && r.sessionId().equals(session)) {
            if (state == State.CAPTURING && recognizing) {
                recognizer.finish(); // dropped: the session ends while the person may still be speaking
            }
            answered(r.text(), false);
            endSession(DialogueListener.Ending.NOMINAL, null);
        }
    }

    /** An outside answer: said (when there is text) and logged as the response. */
    private void answered(String text, boolean continues) {
        events.emit(events.event(now(), "response").put("skill", "hermes").put("outcome", "handled")
                .put("text", text).put("continue_session", continues));
        if (text != null) {
            feedback.say(text);
            awaitFeedbackOfFile();
        }
    }

    private void start(DialogueRequest.StartSession r) {
        session = r.sessionId();
        reportNotUnderstood = r.reportNotUnderstood();
        listener.sessionStarted(session);
        if (r.text() != null) {
            feedback.say(r.text());
            awaitFeedbackOfFile();
        }
        if (r.expectCommand()) {
            startCommand(r.intents(), NO_PRE_ROLL);
        } else {
            endSession(DialogueListener.Ending.NOMINAL, null);
        }
    }

    private void endSession(DialogueListener.Ending ending, String error) {
        String ended = session;
        session = null;
        backToListening();
        listener.sessionEnded(ended, ending, error);
        DialogueRequest.StartSession next = queuedStarts.poll();
        if (next != null) {
            start(next);
        }
    }

    private void backToListening() {
        preRollEnd = 0;
        preRollFull = false;
        state = State.LISTENING;
    }

    private void remember(int n) {
        for (int i = 0; i < n; i++) {
            preRoll[preRollEnd++] = frame[i];
            if (preRollEnd == PRE_ROLL_SAMPLES) {
                preRollEnd = 0;
                preRollFull = true;
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Wires a loop; every stage but the speaker stage is required. */
    public static final class Builder {
        private AudioSource source;
        private EventLog events;
        private WakeStage wake;
        private CommandEndpointer endpointer;
        private CommandRecognizer recognizer;
        private SpeakerStage speaker;
        private Dispatcher dispatcher;
        private Feedback feedback;
        private OwnVoice ownVoice;
        private ZoneId zone = ZoneId.systemDefault();
        private double maxCommandSeconds = 10;
        private long startSamples;
        private DialogueListener listener = DialogueListener.NONE;
        private BlockingQueue<DialogueRequest> requests = new LinkedBlockingQueue<>();
        private Duration answerTimeout = Duration.ZERO;

        public Builder source(AudioSource s) {
            this.source = s;
            return this;
        }

        public Builder events(EventLog e) {
            this.events = e;
            return this;
        }

        public Builder wake(WakeStage w) {
            this.wake = w;
            return this;
        }

        public Builder endpointer(CommandEndpointer e) {
            this.endpointer = e;
            return this;
        }

        public Builder recognizer(CommandRecognizer r) {
            this.recognizer = r;
            return this;
        }

        /** Optional: without it, commands carry no speaker. */
        public Builder speaker(SpeakerStage s) {
            this.speaker = s;
            return this;
        }

        public Builder dispatcher(Dispatcher d) {
            this.dispatcher = d;
            return this;
        }

        public Builder feedback(Feedback f) {
            this.feedback = f;
            return this;
        }

        /**
         * Optional: Hark's own voice, told by the feedback of each clip it plays. Without it a wake word in
         * Hark's answer wakes Hark, and a follow-up capture starts while the question is still sounding.
         */
        public Builder ownVoice(OwnVoice o) {
            this.ownVoice = o;
            return this;
        }

        /** Time zone for times and dates in slots. */
        public Builder zone(ZoneId z) {
            this.zone = z;
            return this;
        }

        /** Longest command the endpointer allows, sizing the command buffer. */
        public Builder maxCommandSeconds(double s) {
            this.maxCommandSeconds = s;
            return this;
        }

        /** Stream clock at the first frame (a loop rebuilt after a reload continues the stream's time). */
        public Builder startSamples(long s) {
            this.startSamples = s;
            return this;
        }

        /** Connects the loop to the world outside it (the Hermes bridge); {@link DialogueLink#none()} by default. */
        public Builder dialogue(DialogueLink link) {
            this.listener = link.listener();
            this.requests = link.requests();
            this.answerTimeout = link.answerTimeout();
            return this;
        }

        public AssistantLoop build() {
            if (source == null || events == null || wake == null || endpointer == null || recognizer == null
                    || dispatcher == null || feedback == null) {
                throw new IllegalStateException("source, events, wake, endpointer, recognizer, dispatcher and feedback are required");
            }
            return new AssistantLoop(this);
        }
    }
}
