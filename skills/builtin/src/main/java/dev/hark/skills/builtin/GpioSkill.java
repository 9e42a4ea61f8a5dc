package dev.hark.skills.builtin;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.hark.skill.IntentDeclaration;
import dev.hark.skill.IntentRequest;
import dev.hark.skill.Response;
import dev.hark.skill.Skill;
import dev.hark.skill.SkillContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Switches named GPIO outputs (a relay, an LED) on and off: {@code switchOn} and {@code switchOff} with a
 * slot "output" of the custom entity {@code output}. Outputs are configured by name and BCM pin number,
 * {@code skills.gpio.output.<name> = <pin>} (for example {@code skills.gpio.output.fan = 17}), and
 * optionally {@code skills.gpio.active-low.<name> = true} for relay boards that switch on a low level;
 * the names become the values of the {@code output} entity, so they are what Hark listens for.
 * On a Raspberry Pi the pins are driven through Pi4J's gpiod provider ({@link BoardGpio}); elsewhere
 * the skill does not start and says why. {@code skills.gpio.provider} names another Pi4J
 * digital-output provider instead, from a Pi4J plugin jar put beside Hark's.
 *
 * <p>Pi4J is started only when at least one output is configured; every output starts off and is
 * switched off again when Hark stops. Costs one GPIO write per command.
 */
public final class GpioSkill implements Skill {
    private static final String OUTPUT = "output.";
    private static final String ACTIVE_LOW = "active-low.";

    private final Supplier<Context> pi4jFactory;
    private final Map<String, DigitalOutput> outputs = new LinkedHashMap<>();
    private final Map<String, Boolean> activeLow = new LinkedHashMap<>();
    private Context pi4j;

    /** The skill as Hark loads it: the board's GPIO, or the provider named in the settings. */
    public GpioSkill() {
        this(null);
    }

    /**
     * A skill on a Pi4J context of the caller's choosing (tests give one with the mock provider); null
     * chooses as Hark does.
     */
    public GpioSkill(Supplier<Context> pi4jFactory) {
        this.pi4jFactory = pi4jFactory;
    }

    @Override
    public String name() {
        return "gpio";
    }

    @Override
    public String description() {
        return "switches outputs on and off";
    }

    @Override
    public IntentDeclaration intents() {
        return IntentDeclaration.dataset("gpio.json");
    }

    @Override
    public synchronized void start(SkillContext context) {
        Map<String, Integer> pins = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : context.settings().entrySet()) {
            if (e.getKey().startsWith(OUTPUT)) {
                String name = normalised(e.getKey().substring(OUTPUT.length()));
                try {
                    pins.put(name, Integer.parseInt(e.getValue().trim()));
                } catch (NumberFormatException bad) {
                    throw new IllegalArgumentException("skills.gpio." + e.getKey() + ": expected a BCM pin number, got '" + e.getValue() + "'");
                }
                activeLow.put(name, Boolean.parseBoolean(context.settings().getOrDefault(ACTIVE_LOW + e.getKey().substring(OUTPUT.length()), "false")));
            }
        }
        if (pins.isEmpty()) {
            return;
        }
        String provider = context.settings().get("provider");
        pi4j = pi4jFactory != null ? pi4jFactory.get() : provider != null ? Pi4J.newAutoContext() : BoardGpio.open();
        if (provider == null && !pi4j.hasProvider(IOType.DIGITAL_OUTPUT)) {
            close();
            throw new IllegalStateException("no Pi4J digital-output provider on the class path for outputs "
                    + pins.keySet() + "; on a Raspberry Pi put a Pi4J GPIO plugin jar (e.g. pi4j-plugin-gpiod) beside Hark's jars");
        }
        for (Map.Entry<String, Integer> p : pins.entrySet()) {
            DigitalState off = activeLow.get(p.getKey()) ? DigitalState.HIGH : DigitalState.LOW;
            var config = DigitalOutput.newConfigBuilder(pi4j)
                    .id("hark-" + p.getKey().replace(' ', '-'))
                    .name(p.getKey())
                    .address(p.getValue())
                    .initial(off)
                    .shutdown(off);
            if (provider != null) {
                config.provider(provider);
            }
            outputs.put(p.getKey(), pi4j.create(config));
        }
    }

    private static String normalised(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** The configured output names, as values of the {@code output} entity. */
    @Override
    public synchronized Map<String, List<String>> entityValues() {
        return Map.of("output", new ArrayList<>(outputs.keySet()));
    }

    @Override
    public synchronized Response handle(IntentRequest request, SkillContext context) {
        boolean on = switch (request.intentName()) {
            case "switchOn" -> true;
            case "switchOff" -> false;
            default -> throw new IllegalArgumentException("gpio does not handle intent " + request.intentName());
        };
        if (outputs.isEmpty()) {
            return Response.say("No outputs are configured.");
        }
        var said = request.text("output");
        if (said.isEmpty()) {
            return Response.say("Which one? I can switch " + String.join(", ", outputs.keySet()) + ".");
        }
        String name = normalised(said.get());
        DigitalOutput out = outputs.get(name);
        if (out == null) {
            return Response.say("I don't know an output called " + said.get() + ".");
        }
        out.state(on != activeLow.get(name) ? DigitalState.HIGH : DigitalState.LOW);
        return Response.say("The " + name + " is " + (on ? "on" : "off") + ".");
    }

    @Override
    public synchronized void close() {
        if (pi4j != null) {
            pi4j.shutdown(); // drives every output to its shutdown (off) state
            pi4j = null;
        }
        outputs.clear();
    }
}
