package dev.hark.runtime.feedback;

/** What the status lights show. */
public enum LightState {
    /** Waiting for the wake word: all lights off. */
    IDLE,
    /** Listening for a command after the wake word. */
    LISTENING,
    /** Recognising and handling the command. */
    THINKING,
    /** Speaking or playing a sound. */
    SPEAKING
}
