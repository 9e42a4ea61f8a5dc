package dev.hark.audio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

/**
 * Live capture from a microphone through javax.sound ({@link TargetDataLine}), asking the line for
 * 16 kHz mono 16-bit directly (ALSA and PulseAudio convert). The device is chosen by (part of) its
 * mixer name; when it is absent the error lists the capture devices that exist.
 *
 * <p>Read it on a capture thread ({@link AudioCapture}): the line overruns if nobody drains it.
 */
public final class MicrophoneSource implements AudioSource {
    /** The line format Hark asks for. */
    public static final AudioFormat FORMAT = new AudioFormat(PcmFormat.SAMPLE_RATE, 16, 1, true, false);

    private final TargetDataLine line;
    private final String name;
    private final byte[] bytes = new byte[PcmFormat.FRAME_BYTES];

    /** Wraps a line that is already open and started (tests pass their own {@link TargetDataLine}). */
    public MicrophoneSource(TargetDataLine line, String name) {
        this.line = line;
        this.name = name;
    }

    /**
     * Opens the capture device whose mixer name contains {@code device} (case-insensitive), or the
     * system default when {@code device} is null or blank.
     */
    public static MicrophoneSource open(String device) throws IOException {
        return open(device, AudioSystem.getMixerInfo(), AudioSystem::getMixer);
    }

    /** As {@link #open(String)}, over a given set of mixers. */
    static MicrophoneSource open(String device, Mixer.Info[] mixers, java.util.function.Function<Mixer.Info, Mixer> lookup)
            throws IOException {
        DataLine.Info wanted = new DataLine.Info(TargetDataLine.class, FORMAT);
        try {
            if (device == null || device.isBlank()) {
                if (!AudioSystem.isLineSupported(wanted)) {
                    throw new AudioDeviceException("no capture device available for 16 kHz mono input (no sound card or microphone?);"
                            + " use --input FILE or set audio.device");
                }
                TargetDataLine line = (TargetDataLine) AudioSystem.getLine(wanted);
                return start(line, "default microphone");
            }
            List<String> available = new ArrayList<>();
            for (Mixer.Info info : mixers) {
                Mixer mixer = lookup.apply(info);
                if (!mixer.isLineSupported(wanted)) {
                    continue;
                }
                available.add(info.getName());
                if (info.getName().toLowerCase().contains(device.toLowerCase())) {
                    return start((TargetDataLine) mixer.getLine(wanted), info.getName());
                }
            }
            throw new AudioDeviceException("audio.device \"" + device + "\": no such capture device; available: "
                    + (available.isEmpty() ? "none" : String.join(", ", available)));
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new AudioDeviceException("audio.device \"" + (device == null ? "default" : device)
                    + "\": cannot open for 16 kHz mono capture: " + e.getMessage());
        }
    }

    private static MicrophoneSource start(TargetDataLine line, String name) throws LineUnavailableException {
        // a 0.5 s line buffer rides out scheduling hiccups before the capture thread drains it
        line.open(FORMAT, PcmFormat.SAMPLE_RATE);
        line.start();
        return new MicrophoneSource(line, name);
    }

    @Override
    public int read(short[] frame) throws IOException {
        int want = Math.min(frame.length * 2, bytes.length);
        int got = 0;
        while (got < want) {
            int n = line.read(bytes, got, want - got);
            if (n <= 0) {
                if (!line.isOpen()) {
                    throw new AudioDeviceException(name + ": capture device closed or disappeared");
                }
                continue;
            }
            got += n;
        }
        for (int i = 0; i < want / 2; i++) {
            frame[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        return want / 2;
    }

    @Override
    public boolean isLive() {
        return true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        line.stop();
        line.close();
    }
}
