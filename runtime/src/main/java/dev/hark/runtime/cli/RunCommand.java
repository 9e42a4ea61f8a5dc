package dev.hark.runtime.cli;

import dev.hark.audio.AudioCapture;
import dev.hark.audio.AudioSource;
import dev.hark.audio.MicrophoneSource;
import dev.hark.audio.PcmFormat;
import dev.hark.audio.RawPcmSource;
import dev.hark.audio.WavFileSource;
import dev.hark.runtime.config.ConfigException;
import dev.hark.runtime.config.ConfigLoader;
import dev.hark.runtime.config.HarkConfig;
import dev.hark.runtime.loop.Assistant;
import dev.hark.runtime.loop.AssistantLoop;
import dev.hark.runtime.loop.EventLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hark run}: the assistant loop over the microphone, a WAV file or raw PCM on stdin. SIGTERM
 * stops it cleanly; SIGHUP re-reads the configuration and skills, keeping the old ones when the new
 * configuration is invalid.
 */
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

    private volatile AssistantLoop loop;
    // SIGTERM may come while a reload swaps loops: the flag stops the loop that is about to start
    private volatile boolean stopRequested;

    @Override
    public Integer call() throws Exception {
        HarkConfig cfg = loadConfig();
        PrintWriter out = spec.commandLine().getOut();
        if (printConfig) {
            out.println(new ConfigLoader().toJson(cfg));
            out.flush();
            return HarkCli.EXIT_OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        EventLog events = new EventLog(out, json);
        long t0 = System.nanoTime();
        // the input first: a bad file is reported before seconds go into loading models
        AudioSource opened = openSource(cfg);
        Assistant assistant;
        try {
            assistant = Assistant.open(cfg, HarkCli.root(), w -> err.println("hark: " + w));
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        try (AudioSource source = opened) {
            events.emit(events.event(0, "start").put("input", source.name()).put("live", source.isLive())
                    .put("sample_rate", PcmFormat.SAMPLE_RATE).put("startup_ms", Math.round((System.nanoTime() - t0) / 1e6)));
            CountDownLatch finished = new CountDownLatch(1);
            Thread stopper = new Thread(() -> {
                stopRequested = true;
                AssistantLoop l = loop;
                if (l != null) {
                    l.stop();
                }
                try {
                    // SIGTERM: wait for the loop to close the audio line and flush state
                    finished.await(3, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "hark-shutdown");
            Runtime.getRuntime().addShutdownHook(stopper);
            ReloadSignal.install(() -> {
                AssistantLoop l = loop;
                if (l != null) {
                    l.reload();
                }
            });
            AssistantLoop.Exit exit;
            long samples = 0;
            try {
                while (true) {
                    loop = assistant.loop(source, events, samples);
                    if (stopRequested) {
                        loop.stop();
                    }
                    exit = loop.run();
                    samples = loop.samples();
                    if (exit != AssistantLoop.Exit.RELOAD) {
                        break;
                    }
                    assistant = reload(assistant, events, PcmFormat.seconds(samples), err);
                }
                if (exit == AssistantLoop.Exit.END_OF_INPUT) {
                    // a file ends before its last answer has been spoken
                    assistant.awaitFeedback(Duration.ofSeconds(30));
                }
                events.emit(events.event(PcmFormat.seconds(samples), "end")
                        .put("reason", exit == AssistantLoop.Exit.STOPPED ? "stopped" : "end of input")
                        .put("frames", (samples + PcmFormat.FRAME_SAMPLES - 1) / PcmFormat.FRAME_SAMPLES));
            } finally {
                assistant.close();
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the hook is running and only waits for the countDown above
                }
            }
        } catch (IOException | RuntimeException e) {
            assistant.close();
            throw e;
        }
        return HarkCli.EXIT_OK;
    }

    private HarkConfig loadConfig() {
        ConfigLoader loader = new ConfigLoader();
        try {
            return config == null ? loader.defaults() : loader.load(config);
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage(), HarkCli.EXIT_USAGE);
        }
    }

    /** Builds the assistant anew from the configuration file; on any fault keeps the running one. */
    private Assistant reload(Assistant current, EventLog events, double t, PrintWriter err) {
        try {
            HarkConfig cfg = config == null ? new ConfigLoader().defaults() : new ConfigLoader().load(config);
            Assistant next = Assistant.open(cfg, HarkCli.root(), w -> err.println("hark: " + w));
            current.close();
            events.emit(events.event(t, "reload").put("ok", true));
            return next;
        } catch (ConfigException | IOException | RuntimeException e) {
            events.emit(events.event(t, "reload").put("ok", false).put("error", e.getMessage()));
            return current;
        }
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
