package dev.hark.runtime.hermes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavFileSource;
import dev.hark.audio.WavReader;
import dev.hark.nlu.ParseResult;
import dev.hark.runtime.config.HarkConfig;
import dev.hark.runtime.loop.Assistant;
import dev.hark.runtime.loop.AssistantLoop;
import dev.hark.runtime.loop.Conversation;
import dev.hark.runtime.loop.DialogueLink;
import dev.hark.runtime.loop.DialogueListener;
import dev.hark.runtime.loop.EventLog;
import dev.hark.runtime.loop.SpeakerStage;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The figure of docs/benchmarks/hermes.md (not a test): how long after the end of recognition an intent
 * is on the bus, read by a subscriber, over a loopback mosquitto. The whole assistant runs as
 * {@code hark run} does (real stages, real recordings of ../shared/data/commands-dev behind flite's wake
 * word, their Snips dataset as the actions' intents); a Paho client in this process plays the action
 * (answering each intent with endSession) and notes when each intent arrives. The clock starts when the
 * loop hands the transcript on, right after recognition finished. Reference, measured at the same time:
 * the floor under any Hermes assistant, the same three messages of a command (textCaptured,
 * intentParsed, the intent) published by another client in one hand-off, once a second.
 * Run: java -cp "runtime/target/classes:runtime/target/test-classes:runtime/target/lib/*"
 * -Dhark.root=. dev.hark.runtime.hermes.HermesBenchmark [COMMANDS]
 */
public final class HermesBenchmark {
    private HermesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("hark.root", ".")).toAbsolutePath().normalize();
        Path data = root.resolve("../shared/data/commands-dev").normalize();
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : Integer.MAX_VALUE;
        Path tmp = Files.createTempDirectory("hark-hermes-bench");
        List<Path> files;
        try (Stream<Path> s = Files.list(data.resolve("clean"))) {
            files = s.sorted().limit(limit).toList();
        }
        Conversation talk = new Conversation(tmp.resolve("audio"), "slt");
        for (Path f : files) {
            double[] speech = speech(WavReader.readPcm16k(f));
            talk.silence(0.5).say("hey jarvis").silence(0.4).play(f, speech[0], speech[1]).silence(1.0);
        }
        Path wav = talk.write("commands.wav");

        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
             Bus action = new Bus(broker.port(), "bench-action", false, "hermes/intent/#");
             Bus echo = new Bus(broker.port(), "bench-echo", false, "bench/echo")) {
            HarkConfig cfg = new HarkConfig();
            cfg.wake.models.get(0).name = "hey_jarvis";
            cfg.skills.folder = tmp.resolve("no-plugins").toString();
            cfg.skills.stateFolder = tmp.resolve("state").toString();
            cfg.feedback.output = "none";
            cfg.feedback.tts = "none";
            cfg.speaker.enabled = false;
            cfg.mqtt.enabled = true;
            cfg.mqtt.host = "127.0.0.1";
            cfg.mqtt.port = broker.port();
            cfg.mqtt.intents = data.resolve("barista.json").toString();
            Map<String, Long> recognised = new ConcurrentHashMap<>();
            Map<String, Long> onTheBus = new ConcurrentHashMap<>();
            try (HermesBridge hermes = HermesBridge.start(cfg.mqtt, true, cfg.audio.ringBufferFrames, root);
                 Assistant assistant = Assistant.open(cfg, root, w -> { });
                 WavFileSource source = new WavFileSource(wav)) {
                hermes.mqtt().awaitReady(java.time.Duration.ofSeconds(30));
                answerEveryIntent(action, onTheBus);
                DialogueLink bus = hermes.site(cfg.mqtt.siteId);
                List<Double> handedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
                DialogueLink timed = new DialogueLink(timing(bus.listener(), recognised, handedOn), bus.requests(), bus.answerTimeout());
                AssistantLoop loop = assistant.loop(source, new EventLog(new PrintWriter(Writer.nullWriter()), true), 0, timed);
                // the floor, measured while the assistant runs, so both see the same machine
                HarkConfig.Mqtt other = new HarkConfig.Mqtt();
                other.host = cfg.mqtt.host;
                other.port = cfg.mqtt.port;
                other.clientId = "bench-reference";
                MqttLink reference = MqttLink.connect(other, tmp, List.of(), (t, m) -> { });
                reference.awaitReady(java.time.Duration.ofSeconds(30));
                List<Double> floorMs = new java.util.concurrent.CopyOnWriteArrayList<>();
                Thread floorThread = new Thread(() -> bursts(reference, echo, floorMs), "bench-reference");
                floorThread.setDaemon(true);
                floorThread.start();
                long cpu0 = cpu();
                loop.run();
                floorThread.interrupt();
                floorThread.join();
                reference.close();
                double cpuS = (cpu() - cpu0) / 1e9;
                Thread.sleep(500);

                double[] hark = latencies(recognised, onTheBus);
                double[] floor = floorMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf("commands: %d files, %.0f s of audio, %d intents on the bus; loop CPU %.1f s (real-time factor %.3f)%n",
                        files.size(), PcmFormat.seconds(loop.samples()), hark.length, cpuS, cpuS / PcmFormat.seconds(loop.samples()));
                System.out.printf("end of recognition -> intent at the subscriber: median %.2f ms, p95 %.2f ms, max %.2f ms%n",
                        pct(hark, 50), pct(hark, 95), pct(hark, 100));
                double[] pipeline = handedOn.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf("  of which on the pipeline thread (transcript -> intent handed to the bridge): median %.2f ms, p95 %.2f ms%n",
                        pct(pipeline, 50), pct(pipeline, 95));
                System.out.printf("reference, the same three messages published alone, one burst a second meanwhile"
                        + " -> the third at the subscriber (%d bursts): median %.2f ms, p95 %.2f ms%n", floor.length, pct(floor, 50), pct(floor, 95));
                System.out.printf("ratio of p95s: %.2f; load average %s%n", pct(hark, 95) / pct(floor, 95),
                        Files.readString(Path.of("/proc/loadavg")).trim());
            }
        }
    }

    /** The loop's listener, noting when each session's transcript was handed on (recognition just finished). */
    private static DialogueListener timing(DialogueListener bus, Map<String, Long> recognised, List<Double> handedOn) {
        return new DialogueListener() {
            @Override
            public void sessionStarted(String sessionId) {
                bus.sessionStarted(sessionId);
            }

            @Override
            public void wakeWord(String sessionId, String keyword, double score) {
                bus.wakeWord(sessionId, keyword, score);
            }

            @Override
            public void transcript(String sessionId, String text, double confidence, double seconds) {
                recognised.put(sessionId, System.nanoTime());
                bus.transcript(sessionId, text, confidence, seconds);
            }

            @Override
            public void intent(String sessionId, ParseResult parse, double asrConfidence, SpeakerStage.Match speaker,
                               boolean awaitingAnswer) {
                handedOn.add((System.nanoTime() - recognised.get(sessionId)) / 1e6);
                bus.intent(sessionId, parse, asrConfidence, speaker, awaitingAnswer);
            }

            @Override
            public void notUnderstood(String sessionId, String text, boolean awaitingAnswer) {
                bus.notUnderstood(sessionId, text, awaitingAnswer);
            }

            @Override
            public void sessionEnded(String sessionId, Ending ending, String error) {
                bus.sessionEnded(sessionId, ending, error);
            }
        };
    }

    /** The action: notes each intent's arrival, then ends its session at once. */
    private static void answerEveryIntent(Bus action, Map<String, Long> onTheBus) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Bus.Received r = action.next(topic -> topic.startsWith("hermes/intent/"), java.time.Duration.ofHours(1));
                    JsonNode intent = r.json();
                    onTheBus.put(intent.get("sessionId").asText(), r.nanoTime());
                    action.publish("hermes/dialogueManager/endSession", "{\"sessionId\": \"" + intent.get("sessionId").asText() + "\"}");
                }
            } catch (Exception | AssertionError stop) {
                // the benchmark is over
            }
        }, "bench-action");
        t.setDaemon(true);
        t.start();
    }

    private static double[] latencies(Map<String, Long> recognised, Map<String, Long> onTheBus) {
        List<Double> ms = new ArrayList<>();
        onTheBus.forEach((session, at) -> {
            Long from = recognised.get(session);
            if (from != null) {
                ms.add((at - from) / 1e6);
            }
        });
        return ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /**
     * The floor: the three messages of a command (textCaptured, intentParsed, the intent, as built for
     * a three-slot order) published by another client in one hand-off, once a second until interrupted;
     * the time from the hand-off to the intent's arrival at the subscriber.
     */
    private static void bursts(MqttLink link, Bus echo, List<Double> ms) {
        ParseResult order = new ParseResult("i'd like a dark roast large americano", "orderDrink", 0.97, List.of(
                new dev.hark.nlu.Slot(11, 21, "dark roast", new dev.hark.nlu.SlotValue.Custom("dark roast"), "roast", "roast"),
                new dev.hark.nlu.Slot(22, 27, "large", new dev.hark.nlu.SlotValue.Custom("large"), "size", "size"),
                new dev.hark.nlu.Slot(28, 37, "americano", new dev.hark.nlu.SlotValue.Custom("americano"), "coffeeDrink", "coffeeDrink")));
        try {
            while (true) {
                Thread.sleep(1000);
                String session = java.util.UUID.randomUUID().toString();
                long t0 = System.nanoTime();
                link.publish(List.of(new MqttLink.Outgoing(HermesMessages.TEXT_CAPTURED,
                                HermesMessages.textCaptured("default", session, order.input(), 0.97, 0.002, "hey_jarvis")),
                        new MqttLink.Outgoing(HermesMessages.INTENT_PARSED, HermesMessages.intentParsed("default", session, order)),
                        new MqttLink.Outgoing("bench/echo", HermesMessages.intent("default", session, null, order, 0.97, null, "hey_jarvis"))));
                ms.add((echo.next("bench/echo", java.time.Duration.ofSeconds(10)).nanoTime() - t0) / 1e6);
            }
        } catch (InterruptedException done) {
            // the assistant has finished
        }
    }

    /** Start and end of the speech in a recording, with a margin (seconds): 20 ms frames above a tenth of the peak level. */
    private static double[] speech(short[] pcm) {
        int frame = 320;
        double peak = 0;
        double[] rms = new double[pcm.length / frame];
        for (int f = 0; f < rms.length; f++) {
            double e = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++) {
                e += pcm[i] * (double) pcm[i];
            }
            rms[f] = Math.sqrt(e / frame);
            peak = Math.max(peak, rms[f]);
        }
        int first = 0;
        int last = rms.length - 1;
        while (first < last && rms[first] < peak / 10) {
            first++;
        }
        while (last > first && rms[last] < peak / 10) {
            last--;
        }
        return new double[] {Math.max(0, first * 0.02 - 0.3), Math.min(pcm.length / 16000.0, (last + 1) * 0.02 + 0.8)};
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
