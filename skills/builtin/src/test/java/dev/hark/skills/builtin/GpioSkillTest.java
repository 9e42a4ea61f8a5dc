package dev.hark.skills.builtin;

import static org.junit.jupiter.api.Assertions.*;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import dev.hark.skill.IntentRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpioSkillTest {
    private Context pi4j;
    private GpioSkill skill;
    private final FakeContext ctx = new FakeContext(Instant.EPOCH, ZoneOffset.UTC);

    private GpioSkill started() {
        skill = new GpioSkill(() -> {
            pi4j = Pi4J.newContextBuilder().add(MockDigitalOutputProvider.newInstance()).build();
            return pi4j;
        });
        skill.start(ctx);
        return skill;
    }

    @AfterEach
    void close() {
        if (skill != null) {
            skill.close();
        }
    }

    private static IntentRequest request(String intent, String output) {
        return IntentRequest.builder(intent).slot("output", "output", output, output).build();
    }

    private DigitalState pin(String id) {
        DigitalOutput out = pi4j.io(id);
        return out.state();
    }

    @Test
    void switchesTheConfiguredPinOnAndOff() {
        ctx.settings.put("output.Kitchen  Light", "17");
        ctx.settings.put("output.fan", "27");
        started();
        assertEquals(DigitalState.LOW, pin("hark-kitchen-light"), "outputs start off");

        assertEquals("The kitchen light is on.", skill.handle(request("switchOn", "kitchen light"), ctx).text().orElseThrow());
        assertEquals(DigitalState.HIGH, pin("hark-kitchen-light"));
        assertEquals(DigitalState.LOW, pin("hark-fan"), "only the named output changes");

        skill.handle(request("switchOff", "Kitchen Light"), ctx);
        assertEquals(DigitalState.LOW, pin("hark-kitchen-light"));
        assertEquals(17, pi4j.<DigitalOutput>io("hark-kitchen-light").address());
    }

    @Test
    void anActiveLowOutputIsDrivenLowToSwitchOn() {
        ctx.settings.put("output.relay", "22");
        ctx.settings.put("active-low.relay", "true");
        started();
        assertEquals(DigitalState.HIGH, pin("hark-relay"), "off is high on an active-low relay");
        skill.handle(request("switchOn", "relay"), ctx);
        assertEquals(DigitalState.LOW, pin("hark-relay"));
    }

    @Test
    void configuredNamesBecomeEntityValues() {
        ctx.settings.put("output.fan", "27");
        ctx.settings.put("output.desk lamp", "5");
        started();
        assertEquals(Map.of("output", List.of("fan", "desk lamp")).get("output").stream().sorted().toList(),
                skill.entityValues().get("output").stream().sorted().toList());
    }

    @Test
    void unknownOrUnconfiguredOutputsAreAnsweredNotThrown() {
        started();
        assertEquals("No outputs are configured.", skill.handle(request("switchOn", "fan"), ctx).text().orElseThrow());
        assertNull(pi4j, "Pi4J is not started without outputs");

        ctx.settings.put("output.fan", "27");
        skill = null;
        started();
        assertEquals("I don't know an output called heater.", skill.handle(request("switchOn", "heater"), ctx).text().orElseThrow());
    }

    @Test
    void noGpioProviderIsAClearStartError() {
        ctx.settings.put("output.fan", "27");
        skill = new GpioSkill(() -> Pi4J.newContextBuilder().build());
        var e = assertThrows(IllegalStateException.class, () -> skill.start(ctx));
        assertTrue(e.getMessage().startsWith("no Pi4J digital-output provider on the class path for outputs [fan]"), e.getMessage());
    }

    @Test
    void aPinThatIsNotANumberIsAClearStartError() {
        ctx.settings.put("output.fan", "seventeen");
        var e = assertThrows(IllegalArgumentException.class, this::started);
        assertTrue(e.getMessage().contains("skills.gpio.output.fan"), e.getMessage());
    }
}
