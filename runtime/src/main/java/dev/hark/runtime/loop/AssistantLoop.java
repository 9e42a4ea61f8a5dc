package dev.hark.runtime.loop;

import dev.hark.audio.AudioSource;
import dev.hark.audio.PcmFormat;
import java.io.IOException;

/**
 * The assistant loop: reads the audio source one 80 ms frame at a time on the calling thread and
 * drives the pipeline stages, reporting what happens to an {@link EventLog} with stream times. It ends
 * at the end of the input (files, stdin) or when {@link #stop()} is called. One reused frame buffer.
 */
public final class AssistantLoop {
    private final AudioSource source;
    private final EventLog events;
    private final short[] frame = new short[PcmFormat.FRAME_SAMPLES];
    private volatile boolean stopping;

    public AssistantLoop(AudioSource source, EventLog events) {
        this.source = source;
        this.events = events;
    }

    /** Runs until the input ends or {@link #stop()}; returns the number of samples processed. */
    public long run() throws IOException {
        events.emit(events.event(0, "start").put("input", source.name()).put("live", source.isLive())
                .put("sample_rate", PcmFormat.SAMPLE_RATE));
        long samples = 0;
        int n;
        while (!stopping && (n = source.read(frame)) >= 0) {
            samples += n;
        }
        events.emit(events.event(PcmFormat.seconds(samples), "end")
                .put("reason", stopping ? "stopped" : "end of input")
                .put("frames", (samples + PcmFormat.FRAME_SAMPLES - 1) / PcmFormat.FRAME_SAMPLES));
        return samples;
    }

    /** Asks the loop to end after the current frame (from another thread, e.g. a signal handler). */
    public void stop() {
        stopping = true;
    }
}
