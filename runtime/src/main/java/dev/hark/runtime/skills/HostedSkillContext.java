package dev.hark.runtime.skills;

import dev.hark.skill.Announcer;
import dev.hark.skill.KeyValueStore;
import dev.hark.skill.SkillContext;
import dev.hark.skill.SkillInfo;
import dev.hark.skill.SkillScheduler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The context {@link SkillHost} gives one skill; every part is fixed at start-up except the skill list. */
final class HostedSkillContext implements SkillContext {
    private final Map<String, String> settings;
    private final KeyValueStore store;
    private final Clock clock;
    private final SkillScheduler scheduler;
    private final Announcer announcer;
    private final Supplier<List<SkillInfo>> installedSkills;

    HostedSkillContext(Map<String, String> settings, KeyValueStore store, Clock clock, SkillScheduler scheduler,
                       Announcer announcer, Supplier<List<SkillInfo>> installedSkills) {
        this.settings = Map.copyOf(settings);
        this.store = store;
        this.clock = clock;
        this.scheduler = scheduler;
        this.announcer = announcer;
        this.installedSkills = installedSkills;
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
        return clock;
    }

    @Override
    public SkillScheduler scheduler() {
        return scheduler;
    }

    @Override
    public Announcer announcer() {
        return announcer;
    }

    @Override
    public List<SkillInfo> installedSkills() {
        return installedSkills.get();
    }
}
