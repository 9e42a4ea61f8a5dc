package dev.hark.skills.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gpiod provider is chosen on a Raspberry Pi, and anything else is refused by name. */
class BoardGpioTest {
    @TempDir
    Path dir;

    @Test
    void aRaspberryPiGetsTheGpiodProvider() throws Exception {
        Path model = Files.write(dir.resolve("model"), "Raspberry Pi 3 Model B Rev 1.2\0".getBytes());
        Context pi4j = BoardGpio.open(model);
        try {
            assertEquals("gpiod-digital-output", pi4j.provider(IOType.DIGITAL_OUTPUT).id());
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void anotherBoardIsNamedInTheRefusal() throws Exception {
        Path model = Files.write(dir.resolve("model"), "Pine64 RockPro64 v2.1\0".getBytes());
        var e = assertThrows(IllegalStateException.class, () -> BoardGpio.open(model));
        assertTrue(e.getMessage().startsWith("GPIO outputs need a Raspberry Pi, and this is a Pine64 RockPro64 v2.1"), e.getMessage());
        var none = assertThrows(IllegalStateException.class, () -> BoardGpio.open(dir.resolve("absent")));
        assertTrue(none.getMessage().contains("not one (no " + dir.resolve("absent") + ")"), none.getMessage());
    }
}
