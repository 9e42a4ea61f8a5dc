package dev.hark.skill;

/** The short sounds Hark plays; Hark synthesises them, so a skill only names one. */
public enum Earcon {
    /** Hark heard the wake word and is listening for a command. */
    LISTENING,
    /** A command was handled. */
    DONE,
    /** Something went wrong or was not understood. */
    ERROR,
    /** A timer or alarm rings. */
    ALARM
}
