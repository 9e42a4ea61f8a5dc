package dev.hark.runtime.hermes;

import dev.hark.audio.WavWriter;
import dev.hark.runtime.feedback.AudioClip;
import dev.hark.runtime.feedback.AudioOutput;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A satellite's loudspeaker: each clip is sent as a WAV file to
 * {@code hermes/audioServer/<siteId>/playBytes/<requestId>}, and {@link #play} returns when the satellite
 * answers {@code playFinished} with that id (or the clip's length and two seconds have passed, or
 * {@link #stop()} was called), so the site listens again only once its answer has been heard. Runs on
 * the site's feedback thread; costs one WAV encoding per clip.
 */
final class PlayBytesOutput implements AudioOutput {
    private static final long GRACE_MS = 2000;

    private final String siteId;
    private final MqttLink link;
    private final Map<String, CountDownLatch> playing = new ConcurrentHashMap<>();

    PlayBytesOutput(String siteId, MqttLink link) {
        this.siteId = siteId;
        this.link = link;
    }

    @Override
    public void play(AudioClip clip) {
        String id = UUID.randomUUID().toString();
        CountDownLatch finished = new CountDownLatch(1);
        playing.put(id, finished);
        try {
            link.publish(HermesMessages.playBytesTopic(siteId, id), WavWriter.encode(clip.samples(), clip.sampleRate()));
            finished.await((long) (clip.seconds() * 1000) + GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            playing.remove(id);
        }
    }

    /** {@code hermes/audioServer/<siteId>/playFinished} with the request's id. */
    void finished(String id) {
        CountDownLatch l = id == null ? null : playing.get(id);
        if (l != null) {
            l.countDown();
        }
    }

    /** Barge-in: stops waiting (Hermes has no way to cut short what a satellite plays). */
    @Override
    public void stop() {
        playing.values().forEach(CountDownLatch::countDown);
    }

    @Override
    public void close() {
        stop();
    }
}
