package dev.hark.runtime.skills;

import dev.hark.skill.IntentRequest;
import dev.hark.skill.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands an understood command to the skill that declared its intent and waits for the answer, at most a
 * time limit (5 s by default). A skill that throws or overruns gets the user a short apology and an error
 * log line with the skill's name; the assistant carries on. Each skill runs on its own daemon thread, so
 * calls to one skill are never concurrent; a skill still stuck in an earlier call is answered for at
 * once with the apology (it is not called again until it returns), and holds up no other skill. The
 * calling thread is the only one that waits. Costs a thread hand-off per command.
 */
public final class Dispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    /** The default time a skill has to answer. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(5);

    private final SkillHost host;
    private final long limitNanos;
    private final Map<String, ExecutorService> threads = new ConcurrentHashMap<>();
    /** Per skill: true from a call's submission until its handle returns (even after a time-out). */
    private final Map<String, AtomicBoolean> busy = new ConcurrentHashMap<>();

    /** A dispatcher with the default time limit. */
    public Dispatcher(SkillHost host) {
        this(host, DEFAULT_TIME_LIMIT);
    }

    /** A dispatcher whose skills have {@code timeLimit} to answer. */
    public Dispatcher(SkillHost host, Duration timeLimit) {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive: " + timeLimit);
        }
        this.host = host;
        this.limitNanos = timeLimit.toNanos();
    }

    /** Whether a running Java skill declares {@code intentName}; when none does, {@link #dispatch} apologises. */
    public boolean handles(String intentName) {
        return host.skillFor(intentName).isPresent();
    }

    /** Calls the skill for the request's intent and returns what to say. Never throws for a skill's fault. */
    public DispatchResult dispatch(IntentRequest request) {
        long start = System.nanoTime();
        Optional<SkillHost.RunningSkill> found = host.skillFor(request.intentName());
        if (found.isEmpty()) {
            String error = "no skill handles intent '" + request.intentName() + "'";
            LOG.log(System.Logger.Level.WARNING, error);
            return new DispatchResult(Optional.empty(), DispatchResult.Outcome.NO_SKILL,
                    Response.say("Sorry, I can't do that."), Optional.of(error), ms(start));
        }
        SkillHost.RunningSkill skill = found.get();
        String name = skill.loaded().name();
        ExecutorService thread = threads.computeIfAbsent(name, n -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hark-skill-" + n);
            t.setDaemon(true); // a skill stuck for good must not keep Hark from exiting
            return t;
        }));
        AtomicBoolean skillBusy = busy.computeIfAbsent(name, n -> new AtomicBoolean());
        if (!skillBusy.compareAndSet(false, true)) {
            String error = "skill '" + name + "' is still busy with an earlier command; " + request.intentName() + " not handled";
            LOG.log(System.Logger.Level.ERROR, error);
            return failure(name, DispatchResult.Outcome.TIMED_OUT, error, start);
        }
        AtomicBoolean started = new AtomicBoolean();
        Future<Response> answer = thread.submit(() -> {
            started.set(true);
            try {
                return skill.loaded().skill().handle(request, skill.context());
            } finally {
                skillBusy.set(false); // before the result is published, so the next call finds the skill free
            }
        });
        try {
            Response r = answer.get(limitNanos, TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new ExecutionException(new NullPointerException("handle returned null instead of a Response"));
            }
            return new DispatchResult(Optional.of(name), DispatchResult.Outcome.HANDLED, r, Optional.empty(), ms(start));
        } catch (TimeoutException e) {
            answer.cancel(true); // interrupts the skill; one that ignores interrupts keeps only its own thread
            if (!started.get()) {
                skillBusy.set(false); // cancelled before it ran: it never will
            }
            String error = "skill '" + name + "' did not answer " + request.intentName() + " within "
                    + TimeUnit.NANOSECONDS.toMillis(limitNanos) + " ms";
            LOG.log(System.Logger.Level.ERROR, error);
            return failure(name, DispatchResult.Outcome.TIMED_OUT, error, start);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String error = "skill '" + name + "' failed on " + request.intentName() + ": " + cause;
            LOG.log(System.Logger.Level.ERROR, error, cause);
            return failure(name, DispatchResult.Outcome.FAILED, error, start);
        } catch (InterruptedException e) {
            answer.cancel(true);
            if (!started.get()) {
                skillBusy.set(false);
            }
            Thread.currentThread().interrupt();
            String error = "interrupted while skill '" + name + "' handled " + request.intentName();
            return failure(name, DispatchResult.Outcome.FAILED, error, start);
        }
    }

    private static DispatchResult failure(String skill, DispatchResult.Outcome outcome, String error, long start) {
        return new DispatchResult(Optional.of(skill), outcome, Response.say("Sorry, something went wrong with the "
                + skill + " skill."), Optional.of(error), ms(start));
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** Stops the skills' threads (interrupting any call still running). */
    @Override
    public void close() {
        threads.values().forEach(ExecutorService::shutdownNow);
        threads.clear();
    }
}
