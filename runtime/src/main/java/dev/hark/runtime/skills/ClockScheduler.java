package dev.hark.runtime.skills;

import dev.hark.skill.SkillScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One skill's {@link SkillScheduler} on Hark's shared scheduler thread. A task is due at an instant of the
 * wall clock, which on a board without a real-time clock may jump when the network time arrives; so a
 * task that wakes before its instant (the clock was set back) waits again instead of running early. A
 * task that throws is logged with the skill's name.
 */
final class ClockScheduler implements SkillScheduler {
    private static final System.Logger LOG = System.getLogger(ClockScheduler.class.getName());
    /** Waking this close to the instant counts as on time (timer resolution). */
    private static final long EARLY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final String skillName;
    private final Clock clock;
    private final ScheduledExecutorService executor;

    ClockScheduler(String skillName, Clock clock, ScheduledExecutorService executor) {
        this.skillName = skillName;
        this.clock = clock;
        this.executor = executor;
    }

    @Override
    public ScheduledTask schedule(Instant at, Runnable task) {
        Handle handle = new Handle();
        handle.arm(at, task);
        return handle;
    }

    private final class Handle implements ScheduledTask {
        private final AtomicReference<ScheduledFuture<?>> future = new AtomicReference<>();
        private volatile boolean cancelled;

        void arm(Instant at, Runnable task) {
            long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
            future.set(executor.schedule(() -> fire(at, task), delay, TimeUnit.NANOSECONDS));
        }

        private void fire(Instant at, Runnable task) {
            if (cancelled) {
                return;
            }
            if (Duration.between(clock.instant(), at).toNanos() > EARLY_NANOS) {
                arm(at, task);
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "skill '" + skillName + "': scheduled task failed", e);
            }
        }

        @Override
        public boolean cancel() {
            cancelled = true;
            return future.get().cancel(false);
        }
    }
}
