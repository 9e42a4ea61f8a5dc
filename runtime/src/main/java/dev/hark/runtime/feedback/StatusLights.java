package dev.hark.runtime.feedback;

/** Lights that show what Hark is doing (optional; {@link #NONE} when there are none). */
public interface StatusLights extends AutoCloseable {

    /** No lights: every call does nothing. */
    StatusLights NONE = new StatusLights() {
        @Override
        public void show(LightState state) {
        }

        @Override
        public void close() {
        }
    };

    /** Shows the state. Cheap (a GPIO write or two); called from Hark's threads. */
    void show(LightState state);

    /** Turns the lights off and releases them. */
    @Override
    void close();
}
