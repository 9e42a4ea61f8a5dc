package dev.hark.skill;

/**
 * Lets a skill make itself heard outside a command's response, such as a timer ringing. Announcements are
 * queued and played in order after any response being spoken; the call returns at once.
 */
public interface Announcer {

    /** Plays the sound, then says the text (null or blank: the sound alone). */
    void announce(Earcon sound, String text);
}
