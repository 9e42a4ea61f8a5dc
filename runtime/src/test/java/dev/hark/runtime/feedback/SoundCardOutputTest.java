package dev.hark.runtime.feedback;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.junit.jupiter.api.Test;

/** Runs the javax.sound path against a recording {@link SourceDataLine}, so no sound card is needed. */
class SoundCardOutputTest {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final List<String> calls = new ArrayList<>();
    private Runnable onWrite = () -> { };

    private SourceDataLine recordingLine() {
        return (SourceDataLine) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SourceDataLine.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "write" -> {
                            written.write((byte[]) args[0], (int) args[1], (int) args[2]);
                            onWrite.run();
                            return args[2];
                        }
                        case "open" -> calls.add("open " + ((AudioFormat) args[0]).getSampleRate());
                        case "start", "drain", "flush", "stop", "close" -> calls.add(method.getName());
                        default -> {
                            return null;
                        }
                    }
                    return null;
                });
    }

    @Test
    void writesTheClipAsLittleEndianPcmAndDrainsTheLine() throws IOException {
        SoundCardOutput out = new SoundCardOutput(format -> recordingLine());
        short[] samples = new short[1000];
        samples[0] = 0x1234;
        samples[999] = -2;
        out.play(new AudioClip("say", samples, 16000));
        byte[] b = written.toByteArray();
        assertEquals(2000, b.length);
        assertEquals(0x34, b[0]);
        assertEquals(0x12, b[1]);
        assertEquals((byte) 0xFE, b[1998]);
        assertEquals((byte) 0xFF, b[1999]);
        assertEquals(List.of("open 16000.0", "start", "drain", "stop", "close"), calls);
    }

    @Test
    void stopCutsTheClipShortAndFlushesInsteadOfDraining() throws IOException {
        SoundCardOutput out = new SoundCardOutput(format -> recordingLine());
        onWrite = () -> {
            if (written.size() >= 1280) {
                out.stop();
            }
        };
        out.play(new AudioClip("say", new short[16000], 16000)); // one second, 20 ms pieces
        assertTrue(written.size() < 32000 / 10, "stopped within a piece of the call: " + written.size());
        assertTrue(calls.contains("flush"));
        assertFalse(calls.contains("drain"));
    }

    @Test
    void noSoundDeviceIsAClearErrorPointingAtTheWavFolder() {
        SoundCardOutput out = new SoundCardOutput(format -> {
            throw new LineUnavailableException("no mixer");
        });
        IOException e = assertThrows(IOException.class, () -> out.play(new AudioClip("say", new short[10], 16000)));
        assertTrue(e.getMessage().contains("no mixer") && e.getMessage().contains("WAV folder"), e.getMessage());
    }
}
