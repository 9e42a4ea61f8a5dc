package dev.hark.skills.builtin;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Pi4J context for the board Hark runs on. On a Raspberry Pi (its device tree names the model):
 * Pi4J's gpiod provider, which drives the pins through the kernel's GPIO character device
 * ({@code /dev/gpiochip*}, group {@code gpio}, no root), the provider Pi4J 2 recommends for Raspberry
 * Pi OS bookworm (the sysfs interface of the older linuxfs provider is deprecated, and pigpio needs
 * root and does not run on a Pi 5). Anywhere else there are no pins to drive, and opening says so.
 * Tests build contexts with Pi4J's mock provider instead. Costs one small file read.
 */
final class BoardGpio {
    /** Where Linux publishes the board's model name (a NUL-terminated string). */
    static final Path DEVICE_TREE_MODEL = Path.of("/proc/device-tree/model");

    private BoardGpio() {
    }

    /** The context for this machine's board. */
    static Context open() {
        return open(DEVICE_TREE_MODEL);
    }

    /**
     * The context for the board described by {@code modelFile}.
     *
     * @throws IllegalStateException naming the board when it is not a Raspberry Pi
     */
    static Context open(Path modelFile) {
        String model = model(modelFile);
        if (model == null || !model.startsWith("Raspberry Pi")) {
            throw new IllegalStateException("GPIO outputs need a Raspberry Pi, and this is "
                    + (model == null ? "not one (no " + modelFile + ")" : "a " + model)
                    + "; set skills.gpio.provider to use another Pi4J provider plugin");
        }
        return Pi4J.newContextBuilder().add(GpioDDigitalOutputProvider.newInstance()).build();
    }

    private static String model(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).replace("\0", "").trim();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
