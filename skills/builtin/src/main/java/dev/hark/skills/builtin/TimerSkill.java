package dev.hark.skills.builtin;

import dev.hark.skill.Earcon;
import dev.hark.skill.IntentDeclaration;
import dev.hark.skill.IntentRequest;
import dev.hark.skill.KeyValueStore;
import dev.hark.skill.Response;
import dev.hark.skill.Skill;
import dev.hark.skill.SkillContext;
import dev.hark.skill.SkillScheduler.ScheduledTask;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Timers and alarms: {@code setTimer} (a {@code snips/duration} slot "duration"), {@code setAlarm} (a
 * {@code snips/datetime} slot "time"), {@code listTimers}, {@code cancelTimer} (optionally the duration
 * of the timer to cancel) and {@code timeLeft}. A timer rings through the announcer with the alarm sound.
 *
 * <p>Every timer is written to the skill's store (one atomic write) before the skill confirms it, and
 * removed only after it has rung or been cancelled, so a restart loses none: {@link #start} schedules
 * the stored ones again and rings at once those that fell due while Hark was off. Each timer has its own
 * id and is scheduled once per start, so none rings twice.
 */
public final class TimerSkill implements Skill {
    private static final System.Logger LOG = System.getLogger(TimerSkill.class.getName());
    /** A due time this far in the past at start-up means the timer ran out while Hark was off. */
    private static final Duration MISSED = Duration.ofSeconds(2);

    private final TreeMap<Long, Timer> timers = new TreeMap<>();
    private final Map<Long, ScheduledTask> scheduled = new HashMap<>();
    private SkillContext context;

    @Override
    public String name() {
        return "timers";
    }

    @Override
    public String description() {
        return "sets timers and alarms";
    }

    @Override
    public IntentDeclaration intents() {
        return IntentDeclaration.dataset("timers.json");
    }

    @Override
    public synchronized void start(SkillContext context) {
        this.context = context;
        Instant now = context.clock().instant();
        for (Map.Entry<String, String> e : context.store().entries().entrySet()) {
            if (!e.getKey().startsWith(Timer.KEY_PREFIX)) {
                continue;
            }
            Timer t;
            try {
                t = Timer.decode(e.getKey(), e.getValue());
            } catch (IllegalArgumentException bad) {
                // keep the entry: a person may repair the file, and dropping it silently would lose a timer
                LOG.log(System.Logger.Level.WARNING, "timers: skipping " + bad.getMessage());
                continue;
            }
            timers.put(t.id(), t);
            schedule(t, t.due().isBefore(now.minus(MISSED)));
        }
    }

    @Override
    public synchronized Response handle(IntentRequest request, SkillContext context) throws IOException {
        return switch (request.intentName()) {
            case "setTimer" -> setTimer(request);
            case "setAlarm" -> setAlarm(request);
            case "listTimers" -> list();
            case "cancelTimer" -> cancel(request);
            case "timeLeft" -> timeLeft();
            default -> throw new IllegalArgumentException("timers does not handle intent " + request.intentName());
        };
    }

    private Response setTimer(IntentRequest request) throws IOException {
        var length = request.duration("duration");
        if (length.isEmpty()) {
            return Response.say("For how long? Say, for example, set a timer for five minutes.");
        }
        Duration d = length.get();
        if (d.isNegative() || d.getSeconds() < 1) {
            return Response.say("A timer needs at least one second.");
        }
        add(false, context.clock().instant().plus(d), d);
        return Response.say("Timer set for " + SpokenDuration.of(d) + ".");
    }

    private Response setAlarm(IntentRequest request) throws IOException {
        var time = request.dateTime("time");
        if (time.isEmpty()) {
            return Response.say("For what time? Say, for example, set an alarm for seven am.");
        }
        ZoneId zone = context.clock().getZone();
        ZonedDateTime now = ZonedDateTime.now(context.clock());
        ZonedDateTime at = time.get().withZoneSameInstant(zone);
        if (!at.isAfter(now) && at.isAfter(now.minusDays(1))) {
            // "seven am" said after seven resolves to today; the person means tomorrow
            at = at.plusDays(1);
        }
        if (!at.isAfter(now)) {
            return Response.say("That time has already passed.");
        }
        add(true, at.toInstant(), Duration.ZERO);
        return Response.say("Alarm set for " + spokenDay(at, now) + ClockSkill.TIME.format(at) + ".");
    }

    private static String spokenDay(ZonedDateTime at, ZonedDateTime now) {
        LocalDate day = at.toLocalDate();
        if (day.equals(now.toLocalDate())) {
            return "";
        }
        if (day.equals(now.toLocalDate().plusDays(1))) {
            return "tomorrow at ";
        }
        return day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                + " " + day.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                + " " + day.getDayOfMonth() + " at ";
    }

    private void add(boolean alarm, Instant due, Duration length) throws IOException {
        long id = timers.isEmpty() ? 1 : timers.lastKey() + 1;
        // ids of removed timers may come back, but never while the old one is stored
        for (String key : context.store().entries().keySet()) {
            if (key.startsWith(Timer.KEY_PREFIX)) {
                try {
                    id = Math.max(id, Long.parseLong(key.substring(Timer.KEY_PREFIX.length())) + 1);
                } catch (NumberFormatException ignored) {
                    // a damaged key was reported at start; it holds no id to avoid
                }
            }
        }
        Timer t = new Timer(id, alarm, due, length);
        context.store().put(t.key(), t.encode()); // stored before confirming, so a crash cannot lose it
        timers.put(id, t);
        schedule(t, false);
    }

    private void schedule(Timer t, boolean missed) {
        scheduled.put(t.id(), context.scheduler().schedule(t.due(), () -> ring(t, missed)));
    }

    private synchronized void ring(Timer t, boolean missed) {
        if (timers.remove(t.id()) == null) {
            return; // cancelled while the task was starting
        }
        scheduled.remove(t.id());
        String what = t.spokenName(context.clock().getZone());
        String text = missed
                ? capitalised(what) + " went off while I was off."
                : t.alarm() ? "It's " + ClockSkill.TIME.format(ZonedDateTime.ofInstant(t.due(), context.clock().getZone())) + ". Your alarm is ringing."
                : "Your timer for " + SpokenDuration.of(t.length()) + " is done.";
        context.announcer().announce(Earcon.ALARM, text);
        // removed after ringing: a crash in between rings it once more rather than never
        try {
            context.store().remove(t.key());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "timers: could not remove rung timer " + t.key() + ": " + e.getMessage());
        }
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private List<Timer> byDueTime() {
        List<Timer> list = new ArrayList<>(timers.values());
        list.sort(Comparator.comparing(Timer::due).thenComparingLong(Timer::id));
        return list;
    }

    private Response list() {
        if (timers.isEmpty()) {
            return Response.say("There are no timers or alarms set.");
        }
        ZoneId zone = context.clock().getZone();
        Instant now = context.clock().instant();
        List<String> items = new ArrayList<>();
        for (Timer t : byDueTime()) {
            items.add(t.alarm() ? t.spokenName(zone)
                    : t.spokenName(zone) + " with " + SpokenDuration.of(Duration.between(now, t.due())) + " left");
        }
        String count = items.size() == 1 ? "one" : String.valueOf(items.size());
        return Response.say("You have " + count + ": " + join(items) + ".");
    }

    private Response timeLeft() {
        if (timers.isEmpty()) {
            return Response.say("There are no timers running.");
        }
        ZoneId zone = context.clock().getZone();
        Instant now = context.clock().instant();
        List<String> items = new ArrayList<>();
        for (Timer t : byDueTime()) {
            items.add(SpokenDuration.of(Duration.between(now, t.due())) + " left on " + t.spokenName(zone));
        }
        return Response.say(capitalised(join(items)) + ".");
    }

    private Response cancel(IntentRequest request) throws IOException {
        if (timers.isEmpty()) {
            return Response.say("There are no timers to cancel.");
        }
        List<Timer> chosen = new ArrayList<>();
        var length = request.duration("duration");
        for (Timer t : byDueTime()) {
            if (length.isEmpty() || (!t.alarm() && t.length().equals(length.get()))) {
                chosen.add(t);
            }
        }
        if (chosen.isEmpty()) {
            return Response.say("There is no timer for " + SpokenDuration.of(length.get()) + ".");
        }
        Map<String, String> removal = new HashMap<>();
        for (Timer t : chosen) {
            removal.put(t.key(), null);
        }
        context.store().update(removal); // one atomic write for all of them
        for (Timer t : chosen) {
            timers.remove(t.id());
            ScheduledTask task = scheduled.remove(t.id());
            if (task != null) {
                task.cancel();
            }
        }
        if (chosen.size() == 1) {
            return Response.say("Cancelled " + chosen.get(0).spokenName(context.clock().getZone()) + ".");
        }
        return Response.say("Cancelled " + chosen.size() + " timers and alarms.");
    }

    /** Items say "and" inside ("2 minutes and 30 seconds"), so they are parted by semicolons. */
    private static String join(List<String> items) {
        return String.join("; ", items);
    }

    @Override
    public synchronized void close() {
        for (ScheduledTask task : scheduled.values()) {
            task.cancel();
        }
        scheduled.clear();
    }
}
