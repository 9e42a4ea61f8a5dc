package dev.hark.skills.builtin;

import dev.hark.skill.IntentDeclaration;
import dev.hark.skill.IntentRequest;
import dev.hark.skill.Response;
import dev.hark.skill.Skill;
import dev.hark.skill.SkillContext;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Answers "what time is it" ({@code getTime}) and "what day is it" ({@code getDate}) from the context's
 * clock, in English. Costs a clock read and a format.
 */
public final class ClockSkill implements Skill {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ENGLISH);

    @Override
    public String name() {
        return "clock";
    }

    @Override
    public String description() {
        return "tells the time and the date";
    }

    @Override
    public IntentDeclaration intents() {
        return IntentDeclaration.dataset("clock.json");
    }

    @Override
    public Response handle(IntentRequest request, SkillContext context) {
        ZonedDateTime now = ZonedDateTime.now(context.clock());
        return switch (request.intentName()) {
            case "getTime" -> Response.say("It's " + TIME.format(now) + ".");
            case "getDate" -> Response.say("Today is " + DATE.format(now) + ".");
            default -> throw new IllegalArgumentException("clock does not handle intent " + request.intentName());
        };
    }
}
