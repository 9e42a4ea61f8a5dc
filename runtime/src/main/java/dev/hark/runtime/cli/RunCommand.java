package dev.hark.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.audio.AudioCapture;
import dev.hark.audio.AudioSource;
import dev.hark.audio.MicrophoneSource;
import dev.hark.audio.PcmFormat;
import dev.hark.audio.RawPcmSource;
import dev.hark.audio.WavFileSource;
import dev.hark.runtime.config.ConfigException;
import dev.hark.runtime.config.ConfigLoader;
import dev.hark.runtime.config.HarkConfig;
import dev.hark.runtime.hermes.HermesBridge;
import dev.hark.runtime.loop.Assistant;
import dev.hark.runtime.loop.AssistantLoop;
import dev.hark.runtime.loop.EventLog;
import dev.hark.runtime.loop.LoopGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * configuration is invalid. With {@code mqtt.enabled} it also speaks Hermes on the broker, and runs one
 * more loop per satellite of {@code mqtt.satellites} (a base with no microphone of its own runs only those).
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

    private volatile LoopGroup group;
    // a signal may come while a reload swaps loops: the flags reach the loops that are about to start
    private volatile boolean stopRequested;
    private volatile boolean reloadRequested;

    @Override
    public Integer call() throws Exception {
        HarkConfig cfg = loadConfig();
        PrintWriter out = spec.commandLine().getOut();
        if (printConfig) {
            out.println(new ConfigLoader().toJson(cfg));
            out.flush();
            return HarkCli.EXIT_OK;
        }
        boolean local = input != null || cfg.audio.microphone;
        if (!local && (!cfg.mqtt.enabled || cfg.mqtt.satellites.isEmpty())) {
            throw new UserInputException((config == null ? "the configuration" : config.toString())
                    + ": $.audio.microphone: false leaves nothing to listen to without mqtt.enabled and mqtt.satellites",
                    HarkCli.EXIT_USAGE);
        }
        PrintWriter err = spec.commandLine().getErr();
        EventLog events = new EventLog(out, json);
        long t0 = System.nanoTime();
        // the input first: a bad file is reported before seconds go into loading models
        AudioSource source = local ? openSource(cfg) : null;
        HermesBridge hermes = null;
        Assistant assistant;
        try {
            hermes = cfg.mqtt.enabled ? HermesBridge.start(cfg.mqtt, local, cfg.audio.ringBufferFrames, HarkCli.root()) : null;
            assistant = Assistant.open(cfg, HarkCli.root(), w -> err.println("hark: " + w),
                    hermes == null ? null : hermes::satelliteSpeaker);
        } catch (IOException | RuntimeException e) {
            close(source, hermes);
            throw e;
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            stopRequested = true;
            LoopGroup g = group;
            if (g != null) {
                g.stop();
            }
            try {
                // SIGTERM: wait for the loops to close the audio line and flush state
                finished.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hark-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(stopper);
            ReloadSignal.install(() -> {
                reloadRequested = true;
                LoopGroup g = group;
                if (g != null) {
                    g.reload();
                }
            });
            // only now: whoever waits for this event may signal at once
            events.emit(events.event(0, "start").put("input", source != null ? source.name() : "satellites only")
                    .put("live", source == null || source.isLive()).put("sample_rate", PcmFormat.SAMPLE_RATE)
                    .put("startup_ms", Math.round((System.nanoTime() - t0) / 1e6)));
            AssistantLoop.Exit exit;
            long[] clocks = new long[1 + cfg.mqtt.satellites.size()]; // each stream's clock, kept across reloads
            while (true) {
                group = new LoopGroup(loops(assistant, source, hermes, events, clocks));
                if (stopRequested) {
                    group.stop();
                }
                if (reloadRequested) {
                    group.reload();
                }
                exit = group.run();
                List<AssistantLoop> ran = group.loops();
                for (int i = 0; i < ran.size(); i++) {
                    clocks[i] = ran.get(i).samples();
                }
                if (exit != AssistantLoop.Exit.RELOAD) {
                    break;
                }
                reloadRequested = false; // a signal from here on asks for one more reload
                assistant = reload(assistant, cfg.mqtt, hermes, events, PcmFormat.seconds(clocks[0]), err);
            }
            if (exit == AssistantLoop.Exit.END_OF_INPUT) {
                // a file ends before its last answer has been spoken
                assistant.awaitFeedback(Duration.ofSeconds(30));
            }
            events.emit(events.event(PcmFormat.seconds(clocks[0]), "end")
                    .put("reason", exit == AssistantLoop.Exit.STOPPED ? "stopped" : "end of input")
                    .put("frames", (clocks[0] + PcmFormat.FRAME_SAMPLES - 1) / PcmFormat.FRAME_SAMPLES));
        } finally {
            try {
                // the bridge first: it delivers what the last session published, while the stages still stand
                close(source, hermes);
            } finally {
                assistant.close();
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

    /** The local input's loop (when there is one), then one loop per satellite, each clock continuing from {@code clocks}. */
    private static List<AssistantLoop> loops(Assistant assistant, AudioSource source, HermesBridge hermes, EventLog events,
                                             long[] clocks) {
        List<AssistantLoop> loops = new ArrayList<>();
        if (source != null) {
            loops.add(hermes == null ? assistant.loop(source, events, clocks[0])
                    : assistant.loop(source, events, clocks[0], hermes.site(assistant.config().mqtt.siteId)));
        }
        if (hermes != null) {
            for (String site : hermes.satellites()) {
                loops.add(assistant.satelliteLoop(site, hermes.satelliteAudio(site), events.forSite(site),
                        clocks[loops.size()], hermes.site(site)));
            }
        }
        return loops;
    }

    private static void close(AudioSource source, HermesBridge hermes) throws IOException {
        if (hermes != null) {
            hermes.close();
        }
        if (source != null) {
            source.close();
        }
    }

    private HarkConfig loadConfig() {
        ConfigLoader loader = new ConfigLoader();
        try {
            return config == null ? loader.defaults() : loader.load(config);
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage(), HarkCli.EXIT_USAGE);
        }
    }

    /**
     * Builds the assistant anew from the configuration file; on any fault keeps the running one. The
     * connection to the broker and the satellites stay as started: a changed {@code mqtt} section takes
     * effect at the next start, and the reload event says so.
     */
    private Assistant reload(Assistant current, HarkConfig.Mqtt running, HermesBridge hermes, EventLog events, double t,
                             PrintWriter err) {
        try {
            HarkConfig cfg = config == null ? new ConfigLoader().defaults() : new ConfigLoader().load(config);
            ObjectMapper m = new ObjectMapper();
            boolean mqttChanged = !m.valueToTree(cfg.mqtt).equals(m.valueToTree(running));
            cfg.mqtt = running;
            Assistant next = Assistant.open(cfg, HarkCli.root(), w -> err.println("hark: " + w),
                    hermes == null ? null : hermes::satelliteSpeaker);
            current.close();
            ObjectNode ok = events.event(t, "reload").put("ok", true);
            if (mqttChanged) {
                ok.put("note", "the mqtt section takes effect at the next start");
            }
            events.emit(ok);
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
