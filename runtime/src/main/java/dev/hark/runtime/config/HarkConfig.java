package dev.hark.runtime.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Hark's whole configuration, one JSON file. Every field has a default, so {@code hark run} works
 * with no file; {@link ConfigLoader} overlays a file on these defaults and {@link #validate} reports
 * bad values by JSON path. Public fields because Jackson binds them and nothing else writes them.
 */
@JsonPropertyOrder({"audio", "models"})
public final class HarkConfig {
    public Audio audio = new Audio();
    public Models models = new Models();

    /** Audio capture. */
    @JsonPropertyOrder({"device", "ringBufferFrames"})
    public static final class Audio {
        /** Part of the capture device's name; null for the system default microphone. */
        public String device;
        /** 80 ms frames buffered between capture and pipeline before the oldest is dropped. */
        public int ringBufferFrames = 64;
    }

    /** Where models are found. */
    public static final class Models {
        /** Folder of the fetched npm model files; relative paths are resolved against the Hark root. */
        public String dir = "models/files";
    }

    /** Adds a "$.path: problem" line to {@code problems} for every value out of range. */
    public void validate(List<String> problems) {
        if (audio.ringBufferFrames < 2 || audio.ringBufferFrames > 10_000) {
            problems.add("$.audio.ringBufferFrames: must be between 2 and 10000 frames, got " + audio.ringBufferFrames);
        }
        if (audio.device != null && audio.device.isBlank()) {
            problems.add("$.audio.device: must be null (default device) or part of a device name, got \"\"");
        }
        if (models.dir == null || models.dir.isBlank()) {
            problems.add("$.models.dir: must name a folder");
        }
    }
}
