package dev.hark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import org.junit.jupiter.api.Test;

class AudioCaptureTest {

    /** A TargetDataLine that yields {@code frames} frames of a counting ramp, then reports itself closed. */
    private static TargetDataLine fakeLine(int frames) {
        AtomicInteger bytesServed = new AtomicInteger();
        AtomicBoolean open = new AtomicBoolean(true);
        int total = frames * PcmFormat.FRAME_BYTES;
        return (TargetDataLine) Proxy.newProxyInstance(AudioCaptureTest.class.getClassLoader(),
                new Class<?>[] {TargetDataLine.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "read": {
                            byte[] b = (byte[]) args[0];
                            int off = (Integer) args[1], len = (Integer) args[2];
                            int n = Math.min(len, total - bytesServed.get());
                            if (n <= 0) {
                                open.set(false);
                                return 0;
                            }
                            for (int i = 0; i < n; i += 2) {
                                short v = (short) ((bytesServed.get() + i) / 2);
                                b[off + i] = (byte) v;
                                b[off + i + 1] = (byte) (v >> 8);
                            }
                            bytesServed.addAndGet(n);
                            return n;
                        }
                        case "isOpen":
                            return open.get();
                        case "close":
                        case "stop":
                            open.set(false);
                            return null;
                        default:
                            return null;
                    }
                });
    }

    @Test
    void microphoneDecodesLittleEndianAndReportsADisappearingDevice() throws Exception {
        MicrophoneSource mic = new MicrophoneSource(fakeLine(2), "fake mic");
        short[] frame = new short[PcmFormat.FRAME_SAMPLES];
        assertEquals(PcmFormat.FRAME_SAMPLES, mic.read(frame));
        assertEquals(0, frame[0]);
        assertEquals(1279, frame[1279]);
        assertEquals(PcmFormat.FRAME_SAMPLES, mic.read(frame));
        assertEquals(1280, frame[0]);
        IOException e = assertThrows(IOException.class, () -> mic.read(frame));
        assertEquals("fake mic: capture device closed or disappeared", e.getMessage());
    }

    @Test
    void captureThreadDeliversFramesThenTheDeviceFailure() throws Exception {
        try (AudioCapture capture = new AudioCapture(new MicrophoneSource(fakeLine(5), "usb mic"), 50)) {
            short[] frame = new short[PcmFormat.FRAME_SAMPLES];
            for (int i = 0; i < 5; i++) {
                assertEquals(PcmFormat.FRAME_SAMPLES, capture.read(frame));
                assertEquals((short) (i * PcmFormat.FRAME_SAMPLES), frame[0]);
            }
            IOException e = assertThrows(IOException.class, () -> capture.read(frame));
            assertTrue(e.getMessage().contains("usb mic"), e.getMessage());
            assertEquals(0, capture.overruns());
        }
    }

    @Test
    void namedDeviceThatIsAbsentListsTheOthers() {
        Mixer.Info usb = new Mixer.Info("USB Audio [hw:1,0]", "v", "d", "1") { };
        Mixer.Info hdmi = new Mixer.Info("HDMI [hw:0,3]", "v", "d", "1") { };
        Mixer.Info speakerOnly = new Mixer.Info("Speaker", "v", "d", "1") { };
        Mixer capturing = mixer(true);
        Mixer playbackOnly = mixer(false);
        AudioDeviceException e = assertThrows(AudioDeviceException.class, () -> MicrophoneSource.open("ReSpeaker",
                new Mixer.Info[] {usb, hdmi, speakerOnly}, info -> info == speakerOnly ? playbackOnly : capturing));
        assertEquals("audio.device \"ReSpeaker\": no such capture device; available: USB Audio [hw:1,0], HDMI [hw:0,3]",
                e.getMessage());
    }

    private static Mixer mixer(boolean captures) {
        return (Mixer) Proxy.newProxyInstance(AudioCaptureTest.class.getClassLoader(), new Class<?>[] {Mixer.class},
                (proxy, method, args) -> method.getName().equals("isLineSupported") ? captures : null);
    }

    @Test
    void rawPcmPadsTheLastFrameAndEnds() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(2 * 1300 + 1).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 1300; i++) {
            b.putShort((short) (i - 650));
        }
        RawPcmSource src = new RawPcmSource(new ByteArrayInputStream(b.array()), "stdin");
        short[] frame = new short[PcmFormat.FRAME_SAMPLES];
        assertEquals(1280, src.read(frame));
        assertEquals(-650, frame[0]);
        assertEquals(20, src.read(frame));
        assertEquals(-650 + 1299, frame[19]);
        assertEquals(0, frame[20]);
        assertEquals(-1, src.read(frame));
    }
}
