package dev.hark.skills.builtin;

import dev.hark.skill.IntentDeclaration;
import dev.hark.skill.IntentRequest;
import dev.hark.skill.Response;
import dev.hark.skill.Skill;
import dev.hark.skill.SkillContext;
import dev.hark.skill.SkillInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers "what can I say" ({@code help}) with example sentences of the installed skills, a few per
 * skill so the answer stays short enough to listen to.
 */
public final class HelpSkill implements Skill {
    /** Examples read out per skill; the first ones of each skill's dataset. */
    static final int EXAMPLES_PER_SKILL = 2;

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String description() {
        return "lists what you can say";
    }

    @Override
    public IntentDeclaration intents() {
        return IntentDeclaration.dataset("help.json");
    }

    @Override
    public Response handle(IntentRequest request, SkillContext context) {
        List<String> examples = new ArrayList<>();
        for (SkillInfo skill : context.installedSkills()) {
            if (skill.name().equals(name())) {
                continue;
            }
            List<String> own = skill.examples();
            examples.addAll(own.subList(0, Math.min(EXAMPLES_PER_SKILL, own.size())));
        }
        if (examples.isEmpty()) {
            return Response.say("No skills are installed besides help.");
        }
        return Response.say("You can say: " + String.join("; ", examples) + ".");
    }
}
