package dev.hark.runtime.feedback;

import dev.hark.skill.Announcer;
import dev.hark.skill.Earcon;
import dev.hark.skill.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the person hears and sees: earcons, spoken responses and announcements, status lights. Every
 * call queues the work and returns at once; one daemon thread synthesises and plays in order, so the
 * pipeline thread never waits for sound. {@link #stop()} (barge-in) drops what is queued and cuts short
 * what is playing. Without a speech synthesizer every text is logged instead of spoken; a failing
 * output (no sound card) is logged and Hark carries on. Every text said is logged at INFO.
 */
public final class Feedback implements Announcer, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Feedback.class.getName());

    /** Told of Hark's speech as it starts playing (not of earcons), on the feedback thread: it must return at once. */
    @FunctionalInterface
    public interface PlaybackListener {
        /** {@code clip}, spoken text, starts playing now. */
        void speaking(AudioClip clip);
    }

    private final AudioOutput output;
    private final Optional<SpeechSynthesizer> speech;
    private final StatusLights lights;
    private final Earcons earcons;
    private final PlaybackListener listener;
    private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private final Object idle = new Object();
    private final Thread worker;
    private int pending; // guarded by idle: queued jobs plus the one playing
    private final AtomicLong generation = new AtomicLong(); // bumped by stop(): older jobs are dropped

    private record Job(Earcon sound, String text, long generation, Runnable done) {
    }

    private Feedback(Builder b) {
        this.output = Objects.requireNonNull(b.output, "output");
        this.speech = Optional.ofNullable(b.speech);
        this.lights = b.lights;
        this.earcons = b.earcons == null ? new Earcons() : b.earcons;
        this.listener = b.listener;
        worker = new Thread(this::work, "hark-feedback");
        worker.setDaemon(true);
        worker.start();
    }

    /** Starts building a feedback output. */
    public static Builder builder() {
        return new Builder();
    }

    /** The wake word was heard: stops whatever is playing, lights "listening" and plays the listening sound. */
    public void listening() {
        stop();
        lights.show(LightState.LISTENING);
        enqueue(Earcon.LISTENING, null);
    }

    /** The command was captured and is being handled. */
    public void thinking() {
        lights.show(LightState.THINKING);
    }

    /** Plays a skill's response: its text spoken, or the "done" sound when it is silent. */
    public void respond(Response response) {
        response.text().ifPresentOrElse(this::say, () -> play(Earcon.DONE));
    }

    /** Speaks the text. */
    public void say(String text) {
        enqueue(null, text);
    }

    /**
     * Speaks the text, then runs {@code done} on the feedback thread (also when a barge-in dropped it):
     * how the Hermes bridge reports a {@code hermes/tts/say} as finished.
     */
    public void say(String text, Runnable done) {
        enqueue(null, text, done);
    }

    /** Plays one earcon. */
    public void play(Earcon sound) {
        enqueue(sound, null);
    }

    /** Plays the sound, then says the text; the skill API's way to speak unprompted (a timer ringing). */
    @Override
    public void announce(Earcon sound, String text) {
        enqueue(sound, text == null || text.isBlank() ? null : text);
    }

    private void enqueue(Earcon sound, String text) {
        enqueue(sound, text, null);
    }

    private void enqueue(Earcon sound, String text, Runnable done) {
        synchronized (idle) {
            pending++;
        }
        queue.add(new Job(sound, text, generation.get(), done));
    }

    /** Barge-in: drops everything queued and cuts short what is playing. */
    public void stop() {
        generation.incrementAndGet();
        output.stop();
    }

    /** Whether something is queued or playing (a clip, or speech still being synthesised). */
    public boolean busy() {
        synchronized (idle) {
            return pending > 0;
        }
    }

    /** Waits until everything queued has been played; false if it took longer than {@code timeout}. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    private void work() {
        while (true) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (job.generation() == generation.get()) {
                    perform(job);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "feedback failed", e);
            } finally {
                finished(job);
                if (queue.isEmpty() && job.sound() != Earcon.LISTENING) {
                    lights.show(LightState.IDLE); // before waking awaitIdle, which promises all is done
                }
                synchronized (idle) {
                    pending--;
                    if (queue.isEmpty()) {
                        idle.notifyAll();
                    }
                }
            }
        }
    }

    private static void finished(Job job) {
        if (job.done() != null) {
            try {
                job.done().run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "after saying \"" + job.text() + "\"", e);
            }
        }
    }

    private void perform(Job job) {
        if (job.sound() != null) {
            play(earcons.get(job.sound()));
        }
        if (job.text() != null) {
            // a response is already in the event log (stdout, or the journal's JSON), so it gets no second
            // copy on stderr; an announcement (a skill speaking unprompted, after its sound) is not
            LOG.log(job.sound() == null ? System.Logger.Level.DEBUG : System.Logger.Level.INFO, "say: " + job.text());
            if (speech.isPresent() && job.generation() == generation.get()) {
                try {
                    AudioClip clip = speech.get().synthesize(job.text());
                    if (job.generation() == generation.get()) {
                        lights.show(LightState.SPEAKING);
                        listener.speaking(clip);
                        play(clip);
                    }
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not speak \"" + job.text() + "\": " + e.getMessage());
                }
            }
        }
    }

    private void play(AudioClip clip) {
        try {
            output.play(clip);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not play " + clip.label() + ": " + e.getMessage());
        }
    }

    /** Stops the worker (dropping what is queued), turns the lights off and closes the output. */
    @Override
    public void close() {
        stop();
        worker.interrupt();
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lights.close();
        output.close();
    }

    /** Builds a {@link Feedback}: an output is required; speech, lights and earcons are optional. */
    public static final class Builder {
        private AudioOutput output;
        private SpeechSynthesizer speech;
        private StatusLights lights = StatusLights.NONE;
        private Earcons earcons;
        private PlaybackListener listener = clip -> { };

        private Builder() {
        }

        /** Where sound goes: {@link SoundCardOutput} or {@link WavFolderOutput}. */
        public Builder output(AudioOutput output) {
            this.output = output;
            return this;
        }

        /** The speech synthesizer; null (the default) logs texts instead of speaking them. */
        public Builder speech(SpeechSynthesizer speech) {
            this.speech = speech;
            return this;
        }

        /** Status lights; {@link StatusLights#NONE} by default. */
        public Builder lights(StatusLights lights) {
            this.lights = Objects.requireNonNull(lights, "lights");
            return this;
        }

        /** The earcons to play; synthesised by default. */
        public Builder earcons(Earcons earcons) {
            this.earcons = earcons;
            return this;
        }

        /** Told of each spoken clip as it starts playing (the loop, so that it knows its own voice); none by default. */
        public Builder playbackListener(PlaybackListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The feedback output, with its worker thread started. */
        public Feedback build() {
            return new Feedback(this);
        }
    }
}
