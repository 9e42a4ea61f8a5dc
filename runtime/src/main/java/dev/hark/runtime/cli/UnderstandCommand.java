package dev.hark.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.WavReader;
import dev.hark.nlu.ParseResult;
import dev.hark.nlu.Slot;
import dev.hark.runtime.loop.CommandRecognizer;
import dev.hark.runtime.stages.SpeechUnderstanding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hark understand}: recognises each command recording with a grammar compiled from the
 * assistant's dataset (cached under models/cache) and prints transcript, confidence, intent and
 * resolved slots (DESIGN.md §5).
 */
@Command(name = "understand", mixinStandardHelpOptions = true,
        description = "Recognise and parse command recordings (no wake word) with the assistant's grammar.")
public final class UnderstandCommand implements Callable<Integer> {
    @Mixin
    AssistantOptions assistant;

    @Option(names = "--json", description = "Print one JSON object per recording.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "WAV", description = "Command recordings.")
    List<Path> wavs;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SpeechUnderstanding understanding = assistant.understanding(assistant.dataset(), err);
        ObjectMapper mapper = new ObjectMapper();
        for (Path wav : wavs) {
            short[] pcm;
            try {
                pcm = WavReader.readPcm16k(wav);
            } catch (NoSuchFileException e) {
                throw new UserInputException(wav + ": no such file");
            } catch (IOException e) {
                throw new UserInputException(e.getMessage());
            }
            long t0 = System.nanoTime();
            CommandRecognizer.Understanding u = understanding.understand(pcm);
            long t1 = System.nanoTime();
            ParseResult parse = u.parse();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", wav.toString());
            o.put("transcript", u.transcript());
            o.put("confidence", round(u.confidence()));
            Map<String, Object> intent = new LinkedHashMap<>();
            intent.put("intentName", parse.intentName());
            intent.put("probability", parse.intentName() == null ? 0.0 : round(parse.probability()));
            o.put("intent", intent);
            List<Map<String, Object>> slots = new ArrayList<>();
            for (Slot s : parse.slots()) {
                slots.add(s.toJson());
            }
            o.put("slots", slots);
            o.put("speaker", null);
            Map<String, Object> timings = new LinkedHashMap<>();
            long nlu = understanding.lastNluNanos();
            timings.put("asr", Math.round((t1 - t0 - nlu) / 1e4) / 100.0);
            timings.put("nlu", Math.round(nlu / 1e4) / 100.0);
            o.put("timings_ms", timings);
            if (json) {
                out.println(mapper.writeValueAsString(o));
            } else {
                out.printf("%s: \"%s\" confidence %.2f -> %s %s%n", wav, u.transcript(), u.confidence(),
                        parse.intentName(), slots.isEmpty() ? "" : mapper.writeValueAsString(slots));
            }
            out.flush();
        }
        return HarkCli.EXIT_OK;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
