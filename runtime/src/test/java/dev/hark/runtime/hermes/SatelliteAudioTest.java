package dev.hark.runtime.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SatelliteAudioTest {
    @Test
    void chunksOfAnySizeBecomeWholeFramesInOrder() throws Exception {
        SatelliteAudio audio = new SatelliteAudio("kitchen", 16);
        short[] ramp = new short[3 * PcmFormat.FRAME_SAMPLES];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (short) i;
        }
        for (int at = 0; at < ramp.length; at += 300) {
            audio.accept(WavWriter.encode(Arrays.copyOfRange(ramp, at, Math.min(ramp.length, at + 300)), 16_000));
        }
        short[] frame = new short[PcmFormat.FRAME_SAMPLES];
        for (int f = 0; f < 3; f++) {
            assertEquals(PcmFormat.FRAME_SAMPLES, audio.read(frame));
            assertEquals(f * PcmFormat.FRAME_SAMPLES, frame[0]);
            assertEquals((f + 1) * PcmFormat.FRAME_SAMPLES - 1, frame[PcmFormat.FRAME_SAMPLES - 1]);
        }
    }

    @Test
    void otherRatesAreConvertedAndNonAudioIsSkipped() throws Exception {
        SatelliteAudio audio = new SatelliteAudio("attic", 16);
        audio.accept("not a wav".getBytes());
        short[] tone = new short[8000]; // one second at 8 kHz
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        audio.accept(WavWriter.encode(tone, 8000));
        short[] frame = new short[PcmFormat.FRAME_SAMPLES];
        int frames = 0;
        double energy = 0;
        for (int f = 0; f < 12; f++) {
            audio.read(frame);
            frames++;
            for (short s : frame) {
                energy += s * (double) s;
            }
        }
        assertEquals(12, frames);
        assertTrue(Math.sqrt(energy / (12.0 * PcmFormat.FRAME_SAMPLES)) > 3000, "the tone came through, at 16 kHz");
    }

    @Test
    void aSilentSatelliteBecomesRealTimeSilenceAfterAGap() throws Exception {
        SatelliteAudio audio = new SatelliteAudio("garden", 16);
        short[] frame = new short[PcmFormat.FRAME_SAMPLES];
        Arrays.fill(frame, (short) 7);
        long t0 = System.nanoTime();
        for (int f = 0; f < 5; f++) {
            assertEquals(PcmFormat.FRAME_SAMPLES, audio.read(frame));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, frame[0], "silence");
        assertTrue(ms >= 70 * 5 && ms < 5000, "silent frames come about in real time, not in a burst: " + ms + " ms");
        audio.close();
        assertEquals(-1, audio.read(frame), "closed: the end of the stream");
    }
}
