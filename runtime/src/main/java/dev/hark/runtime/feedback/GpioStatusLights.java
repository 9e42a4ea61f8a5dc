package dev.hark.runtime.feedback;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.EnumMap;
import java.util.Map;

/**
 * Status LEDs on GPIO pins through Pi4J: one LED per state (configured by BCM pin), lit while Hark is in
 * that state; {@link LightState#IDLE} lights none. Several states may share a pin (one LED lit for any
 * activity). Costs a GPIO write per LED per state change.
 */
public final class GpioStatusLights implements StatusLights {
    private final Context pi4j;
    private final Map<LightState, DigitalOutput> leds = new EnumMap<>(LightState.class);
    private final Map<Integer, DigitalOutput> byPin = new java.util.HashMap<>();

    /** Lights on {@code pins} (state to BCM pin; IDLE ignored) created in {@code pi4j}, which the caller closes. */
    public GpioStatusLights(Context pi4j, Map<LightState, Integer> pins) {
        this.pi4j = pi4j;
        for (Map.Entry<LightState, Integer> e : pins.entrySet()) {
            if (e.getKey() == LightState.IDLE) {
                continue;
            }
            DigitalOutput led = byPin.computeIfAbsent(e.getValue(), pin -> pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                    .id("hark-led-" + pin).address(pin).initial(DigitalState.LOW).shutdown(DigitalState.LOW)));
            leds.put(e.getKey(), led);
        }
    }

    @Override
    public synchronized void show(LightState state) {
        DigitalOutput lit = leds.get(state);
        for (DigitalOutput led : byPin.values()) {
            if (led != lit) {
                led.low();
            }
        }
        if (lit != null) {
            lit.high();
        }
    }

    @Override
    public synchronized void close() {
        show(LightState.IDLE);
        for (Integer pin : byPin.keySet()) {
            pi4j.shutdown("hark-led-" + pin);
        }
        byPin.clear();
        leds.clear();
    }
}
