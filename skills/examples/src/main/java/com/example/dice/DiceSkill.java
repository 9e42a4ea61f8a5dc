package com.example.dice;

import dev.hark.skill.IntentDeclaration;
import dev.hark.skill.IntentRequest;
import dev.hark.skill.Response;
import dev.hark.skill.Skill;
import dev.hark.skill.SkillContext;
import java.util.Random;

/**
 * Rolls dice and flips coins, and remembers the last roll across restarts in its store. An example of a
 * Hark skill: intents from a template file, a number slot, the per-skill store, the speaker.
 */
public final class DiceSkill implements Skill {
    private static final int MAX_DICE = 10;
    private final Random random;

    /** The skill as Hark creates it (ServiceLoader needs a public no-argument constructor). */
    public DiceSkill() {
        this(new Random());
    }

    /** A skill with its own source of randomness, so tests know what it rolls. */
    public DiceSkill(Random random) {
        this.random = random;
    }

    @Override
    public String name() {
        return "dice";
    }

    @Override
    public String description() {
        return "rolls dice and flips coins";
    }

    @Override
    public IntentDeclaration intents() {
        return IntentDeclaration.templates("dice.txt"); // next to this class in the jar
    }

    @Override
    public Response handle(IntentRequest request, SkillContext context) throws Exception {
        switch (request.intentName()) {
            case "rollDice": {
                int count = (int) request.number("count").orElse(1);
                if (count < 1 || count > MAX_DICE) {
                    return Response.say("I can roll one to " + MAX_DICE + " dice.");
                }
                int total = 0;
                StringBuilder faces = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    int face = 1 + random.nextInt(6);
                    total += face;
                    faces.append(i == 0 ? "" : i == count - 1 ? " and " : ", ").append(face);
                }
                String answer = count == 1 ? "You rolled a " + total + "." : "You rolled " + faces + ": " + total + " in all.";
                context.store().put("last", answer); // written atomically; survives a restart
                String who = request.speaker().map(s -> s + ", ").orElse("");
                return Response.say(who.isEmpty() ? answer : who + Character.toLowerCase(answer.charAt(0)) + answer.substring(1));
            }
            case "flipCoin":
                return Response.say(random.nextBoolean() ? "Heads." : "Tails.");
            case "lastRoll":
                return Response.say(context.store().get("last").orElse("You have not rolled yet."));
            default:
                throw new IllegalArgumentException("dice does not handle " + request.intentName());
        }
    }
}
