package dev.hark.asr;

import dev.hark.asr.feature.FrontendConfig;
import dev.hark.asr.grammar.JsgfGrammar;
import dev.hark.asr.model.SphinxAcousticModel;
import dev.hark.asr.search.RecognitionResult;
import dev.hark.audio.WavReader;
import dev.hark.audio.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accuracy and speed of Hark's recogniser against pocketsphinx_batch on the same files, same model,
 * same JSGF grammars, in the same run. Not a test: run it by hand (see docs/benchmarks/asr.md).
 * Args: work directory, fsdd directory, files per speaker.
 */
public final class AsrBenchmark {
    static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

    record Item(String id, Path wav, String truth) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path fsdd = Path.of(args[1]);
        int perSpeaker = Integer.parseInt(args[2]);
        Files.createDirectories(work);
        SphinxAcousticModel model = SphinxAcousticModel.load(TestData.MODEL, Integer.getInteger("topN", SphinxAcousticModel.DEFAULT_TOP_N));
        Path digitsGram = work.resolve("digits.gram");
        Files.writeString(digitsGram, "#JSGF V1.0;\ngrammar digits;\npublic <digit> = "
                + String.join(" | ", DIGITS) + ";\n");
        // fsdd clean and noisy
        List<Item> clean = new ArrayList<>();
        String[] speakers = {"george", "jackson", "nicolas", "theo"};
        for (String sp : speakers) {
            for (int k = 0; k < perSpeaker; k++) {
                int digit = k % 10;
                int take = k / 10;
                Path src = fsdd.resolve(digit + "_" + sp + "_" + take + ".wav");
                if (!Files.exists(src)) continue;
                clean.add(new Item(digit + "_" + sp + "_" + take, src, DIGITS[digit]));
            }
        }
        System.out.println("| set | files | pocketsphinx_batch sentence acc. | Hark sentence acc. | Hark decode CPU s | pocketsphinx decode CPU s | ratio | Hark RTF |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        if (Boolean.getBoolean("quick")) {
            run(model, "fsdd digits clean", clean, digitsGram, work.resolve("clean"), Double.NaN);
            run(model, "fsdd digits white noise 12 dB", clean, digitsGram, work.resolve("snr12"), 12);
            return;
        }
        run(model, "cards (pocketsphinx-testdata)", cards(), TestData.PS_DATA.resolve("cards/cards.gram"), work.resolve("cards"), Double.NaN);
        run(model, "fsdd digits clean", clean, digitsGram, work.resolve("clean"), Double.NaN);
        for (double snr : new double[] {24, 18, 12, 6}) {
            run(model, "fsdd digits white noise " + (int) snr + " dB", clean, digitsGram, work.resolve("snr" + (int) snr), snr);
        }
    }

    static List<Item> cards() {
        String[] truth = {"ten of clubs", "four queen of clubs", "seven of clubs", "five five",
            "eight of spades four of clubs seven of hearts"};
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(new Item("00" + (i + 1), TestData.PS_DATA.resolve("cards/00" + (i + 1) + ".wav"), truth[i]));
        }
        return items;
    }

    static void run(SphinxAcousticModel model, String name, List<Item> items, Path gram, Path dir, double snr) throws Exception {
        Files.createDirectories(dir);
        Random rnd = new Random(Long.getLong("seed", 42));  // -Dseed=N: a development draw, not the reported set
        Map<String, short[]> audio = new HashMap<>();
        StringBuilder ctl = new StringBuilder();
        double seconds = 0;
        for (Item it : items) {
            short[] pcm = WavReader.readPcm16k(it.wav());
            if (!Double.isNaN(snr)) pcm = addNoise(pcm, snr, rnd);
            audio.put(it.id(), pcm);
            WavWriter.write(dir.resolve(it.id() + ".wav"), pcm, 16000);
            ctl.append(it.id()).append('\n');
            seconds += pcm.length / 16000.0;
        }
        Files.writeString(dir.resolve("ctl"), ctl);
        // reference
        Process p = new ProcessBuilder("pocketsphinx_batch", "-hmm", TestData.MODEL.toString(), "-dict", TestData.DICT.toString(),
                "-jsgf", gram.toString(), "-ctl", dir.resolve("ctl").toString(), "-cepdir", dir.toString(), "-cepext", ".wav",
                "-adcin", "yes", "-hyp", dir.resolve("ps.hyp").toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher m = Pattern.compile("TOTAL ([0-9.]+) seconds speech, ([0-9.]+) seconds CPU").matcher(log);
        double psCpu = m.find() ? Double.parseDouble(m.group(2)) : Double.NaN;
        Map<String, String> psHyp = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("ps.hyp"))) {
            int paren = line.lastIndexOf('(');
            String id = line.substring(paren + 1).trim().split("\\s+")[0];
            psHyp.put(id, line.substring(0, paren).trim());
        }
        // hark
        dev.hark.asr.search.SearchParameters params = dev.hark.asr.search.SearchParameters.defaults();
        String pen = System.getProperty("penalties");
        if (pen != null) {
            String[] v = pen.split(",");
            params = params.withPenalties(Float.parseFloat(v[0]), Float.parseFloat(v[1]), Float.parseFloat(v[2]), Float.parseFloat(v[3]));
        }
        GrammarRecognizer rec = GrammarRecognizer.builder().model(model).dictionary(TestData.DICT).parameters(params)
                .grammar(JsgfGrammar.read(gram).compile())
                .cmn(FrontendConfig.CmnMode.valueOf(System.getProperty("cmn", "BATCH"))).build();
        int psOk = 0, harkOk = 0;
        long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        List<RecognitionResult> results = new ArrayList<>();
        for (Item it : items) {
            results.add(rec.recognize(audio.get(it.id())));
        }
        double harkCpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (results.get(i).transcript().equals(it.truth())) harkOk++;
            else if (Boolean.getBoolean("verbose")) System.out.println(it.id() + ": " + results.get(i).transcript() + " / ps: " + psHyp.get(it.id()));
            if (it.truth().equals(psHyp.getOrDefault(it.id(), ""))) psOk++;
        }
        int n = items.size();
        System.out.printf("| %s | %d | %.1f%% | %.1f%% | %.2f | %.2f | %.2f | %.3f |%n", name, n, 100.0 * psOk / n,
                100.0 * harkOk / n, harkCpu, psCpu, harkCpu / psCpu, harkCpu / seconds);
    }

    static short[] addNoise(short[] pcm, double snrDb, Random rnd) {
        double power = 0;
        for (short s : pcm) power += (double) s * s;
        power /= pcm.length;
        double noiseStd = Math.sqrt(power / Math.pow(10, snrDb / 10));
        short[] out = Arrays.copyOf(pcm, pcm.length);
        for (int i = 0; i < out.length; i++) {
            double v = pcm[i] + rnd.nextGaussian() * noiseStd;
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
        }
        return out;
    }
}
