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
import java.time.ZoneId;
import java.util.Set;

/**
 * The assistant loop, a state machine driven one 80 ms frame at a time on the calling thread:
 *
 * <pre>
 *  LISTENING --wake word--> CAPTURING --end of speech--> (recognise, identify, dispatch) --> LISTENING
 *      ^                        |  no speech / too long / not understood: "sorry"            |
 *      +------------------------+<------------ follow-up question: CAPTURING again ----------+
 * </pre>
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

    /** The loop's states. */
    public enum State { LISTENING, CAPTURING }

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

    private final short[] frame = new short[PcmFormat.FRAME_SAMPLES];
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
            if (state == State.LISTENING) {
                listen(n);
            } else {
                capture(n);
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
        if (d == null || n == 0) {
            return;
        }
        if (ownVoice != null && ownVoice.isOwn(d.keyword(), d.score(), samples)) {
            LOG.log(System.Logger.Level.INFO, "wake word " + d.keyword() + " (score " + round(d.score())
                    + ") at " + round(now()) + " s ignored: Hark's own answer says it");
            return;
        }
        events.emit(events.event(now(), "wake").put("model", d.keyword()).put("score", round(d.score())));
        feedback.listening();
        if (ownVoice != null) {
            ownVoice.cut(samples);
        }
        startCommand(Set.of(), true);
    }

    private void startCommand(Set<String> intents, boolean withPreRoll) {
        commandLength = 0;
        if (withPreRoll) {
            int len = preRollFull ? PRE_ROLL_SAMPLES : preRollEnd;
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
        if (awaitingQuiet) {
            if (feedback.busy() || (ownVoice != null && ownVoice.audible(samples))) {
                return;
            }
            awaitingQuiet = false;
            endpointer.reset();
        }
        int at = commandLength;
        if (commandLength + n <= command.length) {
            System.arraycopy(frame, 0, command, commandLength, n);
            commandLength += n;
        }
        CommandEndpointer.Status status = endpointer.process(frame);
        if (recognizing) {
            recognizer.accept(frame, 0, n);
        } else if (status != CommandEndpointer.Status.WAITING && status != CommandEndpointer.Status.NO_SPEECH) {
            // speech started: the recogniser gets it from where the endpointer says the command began
            // (a little before its first word, never the wake word), and never the silence of a wake
            // word that had no command after it
            int from = (int) Math.max(0, Math.min(at, commandStart + endpointer.commandStartSample()));
            commandFrom = samples - commandLength + from;
            recognizer.accept(command, from, at - from);
            recognizer.accept(frame, 0, n);
            recognizing = true;
        }
        switch (status) {
            case NO_SPEECH -> giveUp("no speech after the wake word", "Sorry, I didn't hear a command.");
            case TOO_LONG -> giveUp("command too long", "Sorry, that was too long for me.");
            case ENDED -> understand();
            default -> {
            }
        }
    }

    private void giveUp(String reason, String apology) {
        if (recognizing) {
            recognizer.finish();
        }
        events.emit(events.event(now(), "error").put("reason", reason));
        feedback.say(apology);
        awaitFeedbackOfFile();
        backToListening();
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
        events.emit(events.event(now(), "transcript").put("text", u.transcript())
                .put("confidence", round(u.confidence())).put("from", round(PcmFormat.seconds(commandFrom)))
                .put("asr_ms", round(asrMs)));

        String who = null;
        if (speaker != null) {
            SpeakerStage.Match m = speaker.identify(command, commandLength);
            who = m.speaker();
            events.emit(events.event(now(), "speaker").put("speaker", who).put("score", round(m.score())));
        }

        ParseResult parse = u.parse();
        ObjectNode intent = events.event(now(), "intent");
        if (parse.intentName() == null) {
            intent.putNull("intentName");
            events.emit(intent);
            feedback.say("Sorry, I didn't understand that.");
            awaitFeedbackOfFile();
            backToListening();
            return;
        }
        IntentRequest request = IntentRequests.from(parse, u.confidence(), who, zone);
        intent.put("intentName", parse.intentName()).put("probability", round(parse.probability()));
        ArrayNode slots = intent.putArray("slots");
        for (Slot s : parse.slots()) {
            slots.add(events.tree(s.toJson()));
        }
        // the figure the latency benchmark reads: from the end-of-speech frame to the skill being called
        intent.put("latency_ms", round((System.nanoTime() - endOfSpeech) / 1e6));
        events.emit(intent);

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
            startCommand(response.followUpIntents(), false);
        } else {
            backToListening();
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

        public AssistantLoop build() {
            if (source == null || events == null || wake == null || endpointer == null || recognizer == null
                    || dispatcher == null || feedback == null) {
                throw new IllegalStateException("source, events, wake, endpointer, recognizer, dispatcher and feedback are required");
            }
            return new AssistantLoop(this);
        }
    }
}
