package dev.hark.skill;

import java.util.List;
import java.util.Map;

/**
 * A Hark skill: a plugin that handles some intents. Hark finds skills with {@link java.util.ServiceLoader}:
 * a skill jar lists its implementation class in {@code META-INF/services/dev.hark.skill.Skill} and needs a
 * public no-argument constructor.
 *
 * <p>Life cycle: Hark creates the skill, reads {@link #intents()}, calls {@link #start(SkillContext)} once,
 * then {@link #entityValues()}, then {@link #handle(IntentRequest, SkillContext)} for every command whose
 * intent the skill declared, and {@link #close()} when Hark stops. {@code handle} is called on a worker
 * thread under a time limit (5 s unless configured); a skill that throws or overruns costs the user a
 * short apology, never the assistant. Calls to {@code handle} are never concurrent for one skill, but
 * callbacks the skill registers with {@link SkillScheduler} run on another thread, so shared state must be
 * guarded.
 */
public interface Skill {

    /** A short unique name ({@code "timers"}): used in logs, in the configuration ({@code skills.<name>.*}) and as the name of the skill's store. */
    String name();

    /** One line saying what the skill does, for help and listings. */
    default String description() {
        return name();
    }

    /** Where the skill's intents are declared, in its own resources (a Snips dataset or sentence templates). */
    IntentDeclaration intents();

    /**
     * Called once before the first intent: read settings, restore persisted state, schedule what must
     * happen later. Throwing here keeps the skill out of the assistant (logged with its name).
     */
    default void start(SkillContext context) throws Exception {
    }

    /**
     * Values known only at run time for custom entities the skill's dataset declares, such as the names
     * of configured outputs: entity name to values. Hark adds them to the entity before building the
     * recogniser's grammar and the parser. Called after {@link #start(SkillContext)}.
     */
    default Map<String, List<String>> entityValues() {
        return Map.of();
    }

    /**
     * Handles one understood command and says what to answer. Runs under a time limit; an exception
     * gives the user a short apology and is logged with the skill's name.
     */
    Response handle(IntentRequest request, SkillContext context) throws Exception;

    /** Releases what the skill holds (hardware, threads); called once when Hark stops. */
    default void close() throws Exception {
    }
}
