package dev.hark.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.audio.PcmFormat;
import dev.hark.audio.WavReader;
import dev.hark.runtime.config.HarkConfig;
import dev.hark.runtime.stages.WakeModels;
import dev.hark.wakeword.Detection;
import dev.hark.wakeword.ModelLoadException;
import dev.hark.wakeword.WakeWordDetector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hark wake}: runs the wake-word detector over each recording as if it were streamed, and reports
 * every detection with its time and score. Each file is preceded by the detector's warm-up (2 s) and
 * followed by 1 s of silence, as openWakeWord's predict_clip pads clips, so that a phrase at the very
 * start or end of a file can be detected; times are from the start of the file.
 */
@Command(name = "wake", mixinStandardHelpOptions = true,
        description = "Wake-word detections over each recording.")
final class WakeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME|PATH",
            description = "Keyword model: Hark's own (hello_hark), a pre-trained openWakeWord name (alexa, hey_jarvis, "
                    + "hey_mycroft, hey_rhasspy), a trained head's .json description or an openWakeWord .onnx file. "
                    + "Repeat for several models.")
    List<String> models;

    @Option(names = "--threshold", paramLabel = "X",
            description = "Score in (0, 1] at which a model fires (default: the model's own: calibrated for "
                    + "hello_hark and trained heads, 0.5 for the others).")
    Float threshold;

    @Option(names = "--json", description = "Print one JSON object per file on stdout.")
    boolean json;

    @Option(names = "--embedding", paramLabel = "auto|screened|int8|fp32", defaultValue = "auto",
            description = "Variant of the shared embedding model, as wake.precision.embedding in hark run's configuration"
                    + " (default: ${DEFAULT-VALUE}: int8 when every model is one int8 left unchanged, screened when every"
                    + " model is one screening left unchanged, else fp32).")
    String embedding;

    @Option(names = "--melspectrogram", paramLabel = "java|fp32|int8", defaultValue = "java",
            description = "How the mel spectrogram is computed, as wake.precision.melspectrogram in hark run's configuration"
                    + " (default: ${DEFAULT-VALUE}; fp32 and int8 run openWakeWord's model and its int8 variant).")
    String melspectrogram;

    @Option(names = "--embedding-batch", paramLabel = "K",
            description = "Frames embedded per run of the time-batched embedding model, as wake.embeddingBatch in hark run's"
                    + " configuration (1 to 8, default: ${DEFAULT-VALUE}); the same detections and times, reported up to"
                    + " K - 1 frames later.")
    int embeddingBatch = HarkConfig.DEFAULT_EMBEDDING_BATCH;

    @Parameters(arity = "1..*", paramLabel = "WAV", description = "Recordings (any rate; converted to 16 kHz mono).")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        if (threshold != null && !(threshold > 0 && threshold <= 1)) {
            throw new UserInputException("--threshold " + threshold + ": must be in (0, 1]", HarkCli.EXIT_USAGE);
        }
        if (!HarkConfig.Precision.EMBEDDING_SETTINGS.contains(embedding)) {
            throw new UserInputException("--embedding " + embedding + ": must be auto, screened, int8 or fp32", HarkCli.EXIT_USAGE);
        }
        if (!HarkConfig.Precision.MEL_SETTINGS.contains(melspectrogram)) {
            throw new UserInputException("--melspectrogram " + melspectrogram + ": must be java, fp32 or int8", HarkCli.EXIT_USAGE);
        }
        if (embeddingBatch < 1 || embeddingBatch > WakeWordDetector.MAX_BATCH) {
            throw new UserInputException("--embedding-batch " + embeddingBatch + ": must be 1 to " + WakeWordDetector.MAX_BATCH,
                    HarkCli.EXIT_USAGE);
        }
        WakeWordDetector.Builder builder = WakeWordDetector.builder().embeddingBatch(embeddingBatch);
        WakeModels.frontEnd(builder, WakeModels.melFile(melspectrogram), HarkConfig.Precision.resolve(embedding, models),
                HarkConfig.Precision.SCREEN_THRESHOLD);
        for (String model : models) {
            if (!WakeModels.isKnown(model)) {
                throw new UserInputException("--model " + model + ": unknown model name; use one of "
                        + WakeModels.knownNames(), HarkCli.EXIT_USAGE);
            }
            try {
                WakeModels.add(builder, model, threshold, Path::of);
            } catch (ModelLoadException e) {
                throw new UserInputException(e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        try (WakeWordDetector detector = builder.build()) {
            for (Path file : files) {
                short[] pcm = WavReader.readPcm16k(file);
                List<Detection> detections = detect(detector, pcm);
                if (json) {
                    out.println(mapper.writeValueAsString(toJson(mapper, file, detections, detector.warmUpFrames())));
                } else {
                    printText(out, file, detections, detector.warmUpFrames());
                }
                out.flush();
            }
        } catch (ModelLoadException e) {
            throw new UserInputException(e.getMessage());
        }
        return HarkCli.EXIT_OK;
    }

    private static List<Detection> detect(WakeWordDetector detector, short[] pcm) {
        detector.reset();
        int lead = detector.warmUpFrames() * PcmFormat.FRAME_SAMPLES;
        int total = lead + pcm.length + PcmFormat.SAMPLE_RATE;
        short[] frame = new short[PcmFormat.FRAME_SAMPLES];
        List<Detection> detections = new ArrayList<>();
        for (int start = 0; start + PcmFormat.FRAME_SAMPLES <= total; start += PcmFormat.FRAME_SAMPLES) {
            for (int i = 0; i < frame.length; i++) {
                int at = start + i - lead;
                frame[i] = at >= 0 && at < pcm.length ? pcm[at] : 0;
            }
            detections.addAll(detector.process(frame));
        }
        detections.addAll(detector.flush());
        return detections;
    }

    private static double fileTime(Detection d, int warmUpFrames) {
        return d.timeSeconds() - PcmFormat.seconds((long) warmUpFrames * PcmFormat.FRAME_SAMPLES);
    }

    private static ObjectNode toJson(ObjectMapper mapper, Path file, List<Detection> detections, int warmUpFrames) {
        ObjectNode root = mapper.createObjectNode();
        root.put("file", file.toString());
        ArrayNode list = root.putArray("detections");
        for (Detection d : detections) {
            list.addObject()
                    .put("model", d.keyword())
                    .put("time_s", Math.round(fileTime(d, warmUpFrames) * 100) / 100.0)
                    .put("score", Math.round(d.score() * 1e4) / 1e4);
        }
        return root;
    }

    private static void printText(PrintWriter out, Path file, List<Detection> detections, int warmUpFrames) {
        if (detections.isEmpty()) {
            out.println(file + ": no wake word");
        }
        for (Detection d : detections) {
            out.println(String.format(Locale.ROOT, "%s: %s at %.2f s (score %.3f)", file, d.keyword(),
                    fileTime(d, warmUpFrames), d.score()));
        }
    }
}
