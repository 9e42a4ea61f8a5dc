package dev.hark.skill;

import java.time.Instant;

/**
 * Runs a skill's task at a later instant, on a Hark thread (not the caller's). Tasks do not survive a
 * restart: a skill that needs them to (timers) persists them in its {@link KeyValueStore} and schedules
 * them again in {@link Skill#start(SkillContext)}. An exception thrown by a task is logged with the
 * skill's name and affects nothing else.
 */
public interface SkillScheduler {

    /** Runs the task at the instant (at once if it has passed); the handle cancels it. */
    ScheduledTask schedule(Instant at, Runnable task);

    /** A task waiting to run. */
    interface ScheduledTask {
        /** Stops the task from running if it has not started; returns true if it was stopped. */
        boolean cancel();
    }
}
