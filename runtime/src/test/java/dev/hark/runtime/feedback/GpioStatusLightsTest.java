package dev.hark.runtime.feedback;

import static org.junit.jupiter.api.Assertions.*;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpioStatusLightsTest {
    private final Context pi4j = Pi4J.newContextBuilder().add(MockDigitalOutputProvider.newInstance()).build();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private DigitalState led(int pin) {
        return pi4j.<DigitalOutput>io("hark-led-" + pin).state();
    }

    @Test
    void lightsTheLedOfTheStateOnly() {
        GpioStatusLights lights = new GpioStatusLights(pi4j, Map.of(LightState.LISTENING, 23, LightState.SPEAKING, 24));
        lights.show(LightState.LISTENING);
        assertEquals(DigitalState.HIGH, led(23));
        assertEquals(DigitalState.LOW, led(24));
        lights.show(LightState.SPEAKING);
        assertEquals(DigitalState.LOW, led(23));
        assertEquals(DigitalState.HIGH, led(24));
        lights.show(LightState.THINKING); // no LED configured for it
        assertEquals(DigitalState.LOW, led(23));
        assertEquals(DigitalState.LOW, led(24));
        lights.close();
    }

    @Test
    void statesSharingAPinLightOneLed() {
        GpioStatusLights lights = new GpioStatusLights(pi4j, Map.of(LightState.LISTENING, 5, LightState.THINKING, 5));
        lights.show(LightState.LISTENING);
        lights.show(LightState.THINKING);
        assertEquals(DigitalState.HIGH, led(5));
        lights.show(LightState.IDLE);
        assertEquals(DigitalState.LOW, led(5));
        lights.close();
    }
}
