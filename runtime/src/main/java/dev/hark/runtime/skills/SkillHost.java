package dev.hark.runtime.skills;

import dev.hark.nlu.dataset.BuiltinEntity;
import dev.hark.nlu.dataset.CustomEntity;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.EntityValue;
import dev.hark.nlu.dataset.Intent;
import dev.hark.skill.Announcer;
import dev.hark.skill.SkillContext;
import dev.hark.skill.SkillInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The running skills: starts each skill of a {@link SkillCatalog} with its own context (its settings, a
 * {@link FileKeyValueStore} in the state folder, the clock, a scheduler on one shared daemon thread, the
 * announcer) and closes them. A skill whose start fails is logged with its name and left out, with its
 * intents; the others run. {@link #assistant()} is the union of the running skills' datasets, with the
 * entity values they add at run time: what the recogniser and the parser are built from.
 */
public final class SkillHost implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SkillHost.class.getName());

    /**
     * What the skills are started with.
     *
     * @param stateFolder where each skill's store lives, as {@code <name>.json}
     * @param clock       the household's clock (its zone is the one times are said in)
     * @param settings    settings by skill name ({@code skills.<name>.<key>} of the configuration, without the prefix)
     * @param announcer   where unprompted announcements go (the feedback output)
     */
    public record Options(Path stateFolder, Clock clock, Map<String, Map<String, String>> settings, Announcer announcer) {
        /** Checks every part is present. */
        public Options {
            Objects.requireNonNull(stateFolder, "stateFolder");
            Objects.requireNonNull(clock, "clock");
            settings = Map.copyOf(settings);
            Objects.requireNonNull(announcer, "announcer");
        }
    }

    /** A started skill and the context it was started with. */
    record RunningSkill(LoadedSkill loaded, SkillContext context) {
    }

    private final Map<String, RunningSkill> byIntent = new LinkedHashMap<>();
    private final List<RunningSkill> running = new ArrayList<>();
    private final List<SkillInfo> infos = new ArrayList<>();
    private final ScheduledThreadPoolExecutor scheduler;

    private SkillHost() {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hark-skill-scheduler");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Starts every skill of the catalog; never fails as a whole (failed skills are logged and left out). */
    public static SkillHost start(SkillCatalog catalog, Options options) {
        SkillHost host = new SkillHost();
        List<SkillInfo> view = java.util.Collections.unmodifiableList(host.infos);
        for (LoadedSkill s : catalog.skills()) {
            try {
                SkillContext ctx = new HostedSkillContext(
                        options.settings().getOrDefault(s.name(), Map.of()),
                        FileKeyValueStore.open(options.stateFolder().resolve(s.name() + ".json")),
                        options.clock(),
                        new ClockScheduler(s.name(), options.clock(), host.scheduler),
                        options.announcer(),
                        () -> view);
                s.skill().start(ctx);
                RunningSkill r = new RunningSkill(s, ctx);
                host.running.add(r);
                host.infos.add(s.info());
                for (String intent : s.dataset().intents().keySet()) {
                    host.byIntent.put(intent, r);
                }
            } catch (Exception e) {
                // one line for the person reading the log; the trace only when debugging
                LOG.log(System.Logger.Level.ERROR, "skill '" + s.name() + "' (" + s.origin()
                        + ") did not start and is left out: " + e);
                LOG.log(System.Logger.Level.DEBUG, "start failure of skill '" + s.name() + "'", e);
            }
        }
        return host;
    }

    /** The running skill that handles the intent. */
    Optional<RunningSkill> skillFor(String intentName) {
        return Optional.ofNullable(byIntent.get(intentName));
    }

    /** The running skills' summaries, in start order. */
    public List<SkillInfo> installedSkills() {
        return List.copyOf(infos);
    }

    /**
     * The assistant: the running skills' intents, their custom entities (an entity several skills define
     * gets all their values) with the values the skills add at run time, and the built-in entities used.
     */
    public Dataset assistant() {
        Map<String, Intent> intents = new LinkedHashMap<>();
        Map<String, CustomEntity> entities = new LinkedHashMap<>();
        Set<BuiltinEntity> builtins = EnumSet.noneOf(BuiltinEntity.class);
        for (RunningSkill r : running) {
            Dataset d = r.loaded().dataset();
            intents.putAll(d.intents());
            builtins.addAll(d.builtinEntities());
            for (CustomEntity e : d.customEntities().values()) {
                entities.merge(e.name(), e, (a, b) -> withValues(a, b.values()));
            }
            Map<String, List<String>> added;
            try {
                added = r.loaded().skill().entityValues();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "skill '" + r.loaded().name() + "': entityValues() failed", e);
                continue;
            }
            for (Map.Entry<String, List<String>> a : added.entrySet()) {
                CustomEntity e = entities.get(a.getKey());
                if (e == null || !d.customEntities().containsKey(a.getKey())) {
                    LOG.log(System.Logger.Level.WARNING, "skill '" + r.loaded().name() + "' adds values to entity '"
                            + a.getKey() + "' that its dataset does not define; ignored");
                    continue;
                }
                entities.put(e.name(), withValues(e, a.getValue().stream().map(v -> new EntityValue(v, List.of())).toList()));
            }
        }
        return new Dataset("en", intents, entities, builtins);
    }

    /**
     * The assistant with the intents that Hermes actions handle ({@code mqtt.intents}) added to the skills'
     * (null: the skills' alone). Custom entities both define get the values of both.
     *
     * @throws IllegalArgumentException when an intent is declared by a skill and by the actions' dataset
     */
    public Dataset assistant(Dataset actions) {
        Dataset skills = assistant();
        if (actions == null) {
            return skills;
        }
        Map<String, Intent> intents = new LinkedHashMap<>(skills.intents());
        for (Map.Entry<String, Intent> e : actions.intents().entrySet()) {
            RunningSkill owner = byIntent.get(e.getKey());
            if (owner != null) {
                throw new IllegalArgumentException("intent '" + e.getKey() + "' is declared by skill '"
                        + owner.loaded().name() + "' and by the Hermes actions' intents");
            }
            intents.put(e.getKey(), e.getValue());
        }
        Map<String, CustomEntity> entities = new LinkedHashMap<>(skills.customEntities());
        for (CustomEntity e : actions.customEntities().values()) {
            entities.merge(e.name(), e, (a, b) -> withValues(a, b.values()));
        }
        Set<BuiltinEntity> builtins = EnumSet.noneOf(BuiltinEntity.class);
        builtins.addAll(skills.builtinEntities());
        builtins.addAll(actions.builtinEntities());
        return new Dataset("en", intents, entities, builtins);
    }

    private static CustomEntity withValues(CustomEntity e, List<EntityValue> more) {
        List<EntityValue> values = new ArrayList<>(e.values());
        for (EntityValue v : more) {
            if (values.stream().noneMatch(have -> have.value().equals(v.value()))) {
                values.add(v);
            }
        }
        return new CustomEntity(e.name(), values, e.useSynonyms(), e.automaticallyExtensible(), e.matchingStrictness());
    }

    /** Closes every running skill (failures logged) and stops the scheduler thread. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        for (RunningSkill r : running) {
            try {
                r.loaded().skill().close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.ERROR, "skill '" + r.loaded().name() + "' failed to close", e);
            }
        }
        running.clear();
        byIntent.clear();
    }
}
