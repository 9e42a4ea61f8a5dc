package dev.hark.runtime.cli;

import dev.hark.audio.AudioCapture;
import dev.hark.audio.AudioSource;
import dev.hark.audio.MicrophoneSource;
import dev.hark.audio.RawPcmSource;
import dev.hark.audio.WavFileSource;
import dev.hark.runtime.config.ConfigException;
import dev.hark.runtime.config.ConfigLoader;
import dev.hark.runtime.config.HarkConfig;
import dev.hark.runtime.loop.AssistantLoop;
import dev.hark.runtime.loop.EventLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hark run}: the assistant loop over the microphone, a WAV file or raw PCM on stdin. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the assistant loop: microphone by default, or stream a file as if live.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (JSON); defaults apply to what it leaves out.")
    Path config;

    @Option(names = "--input", paramLabel = "WAV|-",
            description = "Stream this WAV file, or raw 16 kHz mono 16-bit little-endian PCM from stdin with '-', then exit at its end.")
    String input;

    @Option(names = "--json", description = "Print one JSON event per line on stdout.")
    boolean json;

    @Option(names = "--print-config", description = "Print the effective configuration and exit.")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ConfigLoader loader = new ConfigLoader();
        HarkConfig cfg;
        try {
            cfg = config == null ? loader.defaults() : loader.load(config);
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage(), HarkCli.EXIT_USAGE);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (printConfig) {
            out.println(loader.toJson(cfg));
            out.flush();
            return HarkCli.EXIT_OK;
        }
        try (AudioSource source = openSource(cfg)) {
            AssistantLoop loop = new AssistantLoop(source, new EventLog(out, json));
            // SIGTERM (systemctl stop) ends the loop after the current frame; the hook waits for the
            // loop to close the audio line and flush state before the JVM exits
            CountDownLatch finished = new CountDownLatch(1);
            Thread stopper = new Thread(() -> {
                loop.stop();
                try {
                    finished.await(3, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "hark-shutdown");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                loop.run();
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the hook is running and only waits for the countDown above
                }
            }
        }
        return HarkCli.EXIT_OK;
    }

    private AudioSource openSource(HarkConfig cfg) throws IOException {
        if (input == null) {
            return new AudioCapture(MicrophoneSource.open(cfg.audio.device), cfg.audio.ringBufferFrames);
        }
        if (input.equals("-")) {
            return new RawPcmSource(System.in, "stdin");
        }
        return new WavFileSource(Path.of(input));
    }
}
