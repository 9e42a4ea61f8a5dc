package dev.hark.skill;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What Hark gives a skill besides the command itself: its settings, its own persistent store, the clock,
 * a scheduler for things that happen later (timers), a way to speak up unprompted (a timer ringing) and
 * the list of installed skills. One context per skill, valid from {@link Skill#start(SkillContext)} to
 * {@link Skill#close()}; every method is cheap and thread-safe.
 */
public interface SkillContext {

    /** The skill's settings from the configuration ({@code skills.<name>.<key> = value}), keyed without the prefix. */
    Map<String, String> settings();

    /** The skill's own key-value store, kept across restarts; each write is atomic. */
    KeyValueStore store();

    /** The clock to read the time from (the household's time zone); tests give a fixed one. */
    Clock clock();

    /** Runs tasks at a later instant of {@link #clock()}. */
    SkillScheduler scheduler();

    /** Speaks or sounds outside a command's response, for example when a timer rings. */
    Announcer announcer();

    /** The skills installed in this assistant, with example sentences, for help. */
    List<SkillInfo> installedSkills();
}
