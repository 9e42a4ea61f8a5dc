package dev.hark.skills.builtin;

import dev.hark.skill.Announcer;
import dev.hark.skill.Earcon;
import dev.hark.skill.KeyValueStore;
import dev.hark.skill.SkillContext;
import dev.hark.skill.SkillInfo;
import dev.hark.skill.SkillScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A skill context for tests: settings and store in memory (the store can be shared between two contexts
 * to play a restart), a clock that moves only when {@link #advance(Duration)} is called, a scheduler that
 * runs due tasks as the clock passes them, and an announcer that records what it was asked to say.
 */
final class FakeContext implements SkillContext {
    final Map<String, String> settings = new HashMap<>();
    final MemoryStore store;
    final List<String> announced = new ArrayList<>();
    final List<SkillInfo> skills = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private final ZoneId zone;
    private Instant now;

    FakeContext(Instant now, ZoneId zone, MemoryStore store) {
        this.now = now;
        this.zone = zone;
        this.store = store;
    }

    FakeContext(Instant now, ZoneId zone) {
        this(now, zone, new MemoryStore());
    }

    /** Moves the clock and runs, in order, the tasks that fell due. */
    void advance(Duration d) {
        Instant end = now.plus(d);
        while (true) {
            Pending next = null;
            for (Pending p : pending) {
                if (!p.at.isAfter(end) && (next == null || p.at.isBefore(next.at))) {
                    next = p;
                }
            }
            if (next == null) {
                break;
            }
            pending.remove(next);
            if (next.at.isAfter(now)) {
                now = next.at;
            }
            next.task.run();
        }
        now = end;
    }

    int pendingTasks() {
        return pending.size();
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public KeyValueStore store() {
        return store;
    }

    @Override
    public Clock clock() {
        return Clock.fixed(now, zone);
    }

    @Override
    public SkillScheduler scheduler() {
        return (at, task) -> {
            Pending p = new Pending(at, task);
            pending.add(p);
            return () -> pending.remove(p);
        };
    }

    @Override
    public Announcer announcer() {
        return (Earcon sound, String text) -> announced.add(sound + ": " + text);
    }

    @Override
    public List<SkillInfo> installedSkills() {
        return skills;
    }

    private record Pending(Instant at, Runnable task) {
    }

    /** An in-memory store that counts writes, so tests can check that changes are batched. */
    static final class MemoryStore implements KeyValueStore {
        final Map<String, String> map = new TreeMap<>();
        int writes;

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public Map<String, String> entries() {
            return Map.copyOf(map);
        }

        @Override
        public void put(String key, String value) {
            map.put(key, value);
            writes++;
        }

        @Override
        public void remove(String key) {
            map.remove(key);
            writes++;
        }

        @Override
        public void update(Map<String, String> changes) {
            changes.forEach((k, v) -> {
                if (v == null) {
                    map.remove(k);
                } else {
                    map.put(k, v);
                }
            });
            writes++;
        }
    }
}
