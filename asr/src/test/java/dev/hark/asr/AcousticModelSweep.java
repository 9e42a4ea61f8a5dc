package dev.hark.asr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.asr.GrammarRecognizer;
import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.DatasetGrammarCompiler;
import dev.hark.asr.grammar.SemanticParse;
import dev.hark.asr.grammar.WordGraph;
import dev.hark.asr.search.RecognitionResult;
import dev.hark.asr.search.SearchParameters;
import dev.hark.asr.model.AcousticModel;
import dev.hark.asr.model.NeuralAcousticModel;
import dev.hark.asr.model.NeuralModelDescription;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.audio.WavReader;
import dev.hark.nlu.dataset.DatasetLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Development tool (not a test): exact command accuracy (intent and every slot value) of acoustic
 * model settings on labelled folders, in one JVM so that many fusion weights can be compared quickly.
 *
 * <pre>
 * AcousticModelSweep DATASET LABELS DESCRIPTION.json MODEL.onnx SETTINGS DIR...
 * </pre>
 * SETTINGS: ';'-separated list of "sphinx" or "G:S" (constant fusion weights, GMM:student), or
 * "table:snr,g,s/snr,g,s/..." (SNR-dependent), or "desc" (the description's own fusion), each
 * optionally followed by "@" and search settings that replace the defaults: "wp=W,sil=S,fil=F"
 * (word, silence, filler penalties, nats), "beam=E" (10^E), "rej=R" (per frame), "rpp=P"
 * (per phone), e.g. "desc@wp=-6,fil=-60"; without them, the defaults with the model's own settings
 * ({@code SearchParameters.tunedFor}).
 * {@code -Dreject=T} sets the rejection threshold; {@code -Ddump=FILE.tsv} appends every file's
 * result (setting, folder, file, frames, grammar and phone-loop scores, words, right, rejected,
 * transcript),
 * from which rejection rules can be compared without decoding again. {@code -Dwarm=true} decodes
 * each file twice and keeps the second result, so that the frontend's noise estimate (kept from one
 * utterance to the next, as in a stream) comes from the file's own noise, not the previous file's.
 */
public final class AcousticModelSweep {
    public static void main(String[] args) throws Exception {
        WordGraph grammar = DatasetGrammarCompiler.compile(DatasetLoader.load(Path.of(args[0])));
        JsonNode labels = new ObjectMapper().readTree(Path.of(args[1]).toFile());
        NeuralModelDescription desc = NeuralModelDescription.read(Path.of(args[2]));
        Path onnx = Path.of(args[3]);
        List<Path> dirs = new ArrayList<>();
        for (int i = 5; i < args.length; i++) dirs.add(Path.of(args[i]));
        Path model = GrammarRecognizer.Builder.DEFAULT_MODEL;
        Path cache = Path.of(System.getProperty("cache", "/tmp/i14/cache"));
        boolean warm = Boolean.getBoolean("warm");
        FrontendConfig.CmnMode cmn = FrontendConfig.CmnMode.valueOf(System.getProperty("cmn", "BATCH"));
        for (String full : args[4].split(";")) {
            String setting = full.contains("@") ? full.substring(0, full.indexOf('@')) : full;
            SphinxAcousticModel gmm = SphinxAcousticModel.load(model);
            AcousticModel am;
            if (setting.equals("sphinx")) {
                am = gmm;
            } else {
                NeuralModelDescription.Fusion f;
                if (setting.equals("desc")) {
                    f = desc.fusion();
                } else if (setting.startsWith("table:")) {
                    String[] rows = setting.substring(6).split("/");
                    float[] snr = new float[rows.length], g = new float[rows.length], s = new float[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        String[] v = rows[i].split(",");
                        snr[i] = Float.parseFloat(v[0]);
                        g[i] = Float.parseFloat(v[1]);
                        s[i] = Float.parseFloat(v[2]);
                    }
                    f = new NeuralModelDescription.Fusion(snr, g, s, new float[rows.length]);
                } else {
                    String[] w = setting.split(":");
                    f = NeuralModelDescription.Fusion.constant(Float.parseFloat(w[0]), Float.parseFloat(w[1]));
                }
                am = NeuralAcousticModel.builder().sphinx(gmm).model(desc.withFusion(f), onnx).build();
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-24s", full));
            SearchParameters params = SearchParameters.defaults().tunedFor(am);
            if (System.getProperty("reject") != null) params = params.withRejection(true, Float.parseFloat(System.getProperty("reject")));
            if (full.contains("@")) params = search(params, full.substring(full.indexOf('@') + 1));
            java.io.PrintWriter dump = System.getProperty("dump") == null ? null
                    : new java.io.PrintWriter(new java.io.FileWriter(System.getProperty("dump"), true));
            GrammarRecognizer r = GrammarRecognizer.builder().model(am).modelDirectory(model).grammar(grammar)
                    .parameters(params).cmn(cmn).cacheDirectory(cache).build();
            for (Path dir : dirs) {
                List<Path> wavs;
                try (Stream<Path> s = Files.list(dir)) {
                    wavs = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
                }
                int ok = 0, okIgnoringRejection = 0, rejected = 0;
                long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                List<Float> snrs = new ArrayList<>();
                for (Path w : wavs) {
                    short[] pcm = WavReader.readPcm16k(w);
                    if (warm) r.recognize(pcm);
                    RecognitionResult res = r.recognize(pcm);
                    boolean right = correct(SemanticParse.of(res), labels.get(w.getFileName().toString()));
                    if (right) okIgnoringRejection++;
                    if (res.rejected()) rejected++;
                    else if (right) ok++;
                    if (am instanceof NeuralAcousticModel n) snrs.add(n.estimatedSnr());
                    if (dump != null) {
                        StringBuilder timed = new StringBuilder();
                        for (RecognitionResult.TaggedWord tw : res.path()) timed.append(tw.word()).append('/').append(tw.endFrame()).append(' ');
                        dump.printf(Locale.ROOT, "%s\t%s\t%s\t%d\t%.3f\t%.3f\t%d\t%b\t%b\t%s\t%s%n", full, dir.getFileName(),
                                w.getFileName(), res.frames(), res.score(), res.phoneLoopScore(), res.words().size(), right,
                                res.rejected(), res.transcript(), timed.toString().strip());
                    }
                }
                double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0) / 1e9;
                line.append(String.format(Locale.ROOT, " | %s %5.1f%% (no rej. %5.1f%%, %d rej.) %.1fs", dir.getFileName(),
                        100.0 * ok / wavs.size(), 100.0 * okIgnoringRejection / wavs.size(), rejected, cpu));
                if (!snrs.isEmpty()) {
                    java.util.Collections.sort(snrs);
                    line.append(String.format(Locale.ROOT, " snr~%.0f/%.0f/%.0f", snrs.get(snrs.size() / 10),
                            snrs.get(snrs.size() / 2), snrs.get(snrs.size() * 9 / 10)));
                }
            }
            if (am instanceof NeuralAcousticModel n) n.close();
            if (dump != null) dump.close();
            System.out.println(line);
        }
    }

    private static SearchParameters search(SearchParameters p, String spec) {
        for (String kv : spec.split(",")) {
            String[] e = kv.split("=");
            float v = Float.parseFloat(e[1]);
            p = switch (e[0]) {
                case "wp" -> p.withPenalties(v, p.silencePenalty(), p.fillerPenalty(), p.phoneLoopPenalty());
                case "sil" -> p.withPenalties(p.wordPenalty(), v, p.fillerPenalty(), p.phoneLoopPenalty());
                case "fil" -> p.withPenalties(p.wordPenalty(), p.silencePenalty(), v, p.phoneLoopPenalty());
                case "beam" -> p.withBeam((float) (v * Math.log(10)));
                case "rej" -> p.withRejection(true, v);
                case "rpp" -> p.withRejectPerPhone(v);
                default -> throw new IllegalArgumentException("unknown search setting " + e[0]);
            };
        }
        return p;
    }

    // raw slot words against the labels: the assistants measured here have no synonyms
    static boolean correct(SemanticParse p, JsonNode label) {
        if (label == null || p.intent() == null || !p.intent().equals(label.path("intent").asText())) return false;
        Map<String, String> want = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = label.path("slots").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            want.put(e.getKey(), e.getValue().asText().strip());
        }
        Map<String, String> got = new TreeMap<>();
        for (SemanticParse.Slot s : p.slots()) got.put(s.name(), s.rawValue().strip());
        return want.equals(got);
    }
}
