package dev.hark.runtime.skills;

import dev.hark.nlu.dataset.Dataset;
import dev.hark.skill.Skill;
import dev.hark.skill.SkillInfo;
import java.util.List;

/**
 * A skill found at start-up, with where it came from and the intents it declared.
 *
 * @param skill   the skill instance
 * @param origin  where it was found, for messages: the plugin jar, or the class-path entry of a built-in
 * @param dataset its intents and entities, loaded from its declaration resource
 */
public record LoadedSkill(Skill skill, String origin, Dataset dataset) {

    /** The skill's name. */
    public String name() {
        return skill.name();
    }

    /** The skill's summary for help: one example sentence per intent, the first written. */
    public SkillInfo info() {
        List<String> examples = dataset.intents().values().stream()
                .map(intent -> IntentExamples.first(dataset, intent))
                .flatMap(java.util.Optional::stream)
                .toList();
        return new SkillInfo(skill.name(), skill.description(), examples);
    }
}
