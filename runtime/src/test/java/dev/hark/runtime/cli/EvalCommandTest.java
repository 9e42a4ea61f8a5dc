package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.WavReader;
import dev.hark.audio.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code hark eval} on a tiny labelled set whose answers are known (flite speech of an order
 * grammar, one recording that is not a command, and one deliberately wrong label), clean and in
 * noise, beside pocketsphinx_batch; and its one-line errors for bad input.
 */
class EvalCommandTest {
    static Path work, dir, dataset, labels, noise;

    @BeforeAll
    static void fixtures() throws Exception {
        work = Path.of("target", "eval-test");
        dir = work.resolve("recordings");
        Files.createDirectories(dir);
        dataset = work.resolve("orders.txt");
        Files.writeString(dataset, """
                [orderDrink]
                (can i get | i want) [a | an] [$size] $coffeeDrink [with $milkAmount]
                [$size automatically_extensible=false]
                small
                large
                [$coffeeDrink automatically_extensible=false]
                latte
                mocha
                espresso
                [$milkAmount automatically_extensible=false]
                soy milk
                a bit of milk
                """);
        flite("can i get a large latte with soy milk", "latte.wav");
        flite("i want a small mocha", "mocha.wav");
        flite("i want an espresso with a bit of milk", "espresso.wav");
        flite("what is the weather on mars", "mars.wav");
        labels = work.resolve("labels.json");
        // mocha.wav is labelled wrong on purpose: a latte was not what it says
        Files.writeString(labels, """
                {"latte.wav": {"intent": "orderDrink", "slots": {"size": "large", "coffeeDrink": "latte", "milkAmount": " soy milk"}},
                 "mocha.wav": {"intent": "orderDrink", "slots": {"size": "small", "coffeeDrink": "latte"}},
                 "espresso.wav": {"intent": "orderDrink", "slots": {"coffeeDrink": "espresso", "milkAmount": "a bit of milk"}},
                 "mars.wav": {"intent": null}}
                """);
        noise = work.resolve("noise.wav");
        short[] n = new short[48000];
        Random r = new Random(5);
        for (int i = 0; i < n.length; i++) n[i] = (short) (r.nextGaussian() * 1000);
        WavWriter.write(noise, n, 16000);
    }

    static void flite(String text, String name) throws Exception {
        flite(text, dir.resolve(name));
    }

    static void flite(String text, Path wav) throws Exception {
        if (Files.exists(wav)) return;
        Process p = new ProcessBuilder("flite", "-voice", "slt", "-t", text, "-o", wav.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
    }

    @Test
    void countsTheWrongLabelAsAnErrorAndRunsTheReferenceOnTheSameAudio() throws Exception {
        Path png = work.resolve("accuracy.png");
        Files.deleteIfExists(png);
        CliHarness r = CliHarness.run("eval", "--assistant", dataset.toString(), "--labels", labels.toString(), "--json",
                "--noise", noise.toString(), "--snr", "clean,30", "--reference", "pocketsphinx", "--plot", png.toString(),
                dir.toString());
        assertEquals(0, r.exit, r.err);
        String[] lines = r.out.trim().split("\n");
        assertEquals(2, lines.length, r.out);
        ObjectMapper m = new ObjectMapper();
        JsonNode clean = m.readTree(lines[0]);
        assertEquals("clean", clean.get("condition").asText());
        assertEquals(4, clean.get("files").asInt());
        assertEquals(3, clean.get("accepted").asInt(), lines[0]);
        assertEquals(0.75, clean.get("accuracy").asDouble(), 1e-9);
        assertEquals(1, clean.get("rejected").asInt() + clean.get("empty").asInt(), "the weather question is not accepted: " + lines[0]);
        assertTrue(clean.get("cpu_s").asDouble() > 0 && clean.get("rtf").asDouble() > 0, lines[0]);
        JsonNode confusion = clean.get("slot_confusions").get(0);
        assertEquals("coffeeDrink", confusion.get("slot").asText());
        assertEquals("latte", confusion.get("expected").asText());
        assertEquals("mocha", confusion.get("heard").asText());
        assertEquals("mocha.wav", confusion.get("examples").get(0).asText());
        assertEquals("mocha", clean.get("word_confusions").get(0).get("heard").asText());
        // pocketsphinx has no rejection: the two right orders are understood, the mislabelled one is not, and
        // the weather question either comes out as an order (wrong) or finds no path through the grammar (an
        // empty transcript, counted right); since its dictionary is written from Hark's lexicon it is the latter
        JsonNode ref = clean.get("reference");
        assertEquals("pocketsphinx", ref.get("engine").asText());
        assertEquals(2, ref.get("accepted").asInt() - ref.get("empty").asInt(), lines[0]);
        assertTrue(ref.get("cpu_s").asDouble() > 0 && ref.get("cpu_ratio").asDouble() > 0, lines[0]);
        JsonNode noisy = m.readTree(lines[1]);
        assertEquals("snr30", noisy.get("condition").asText());
        assertEquals(30.0, noisy.get("snr_db").asDouble());
        assertEquals(3, noisy.get("accepted").asInt(), lines[1]);
        assertTrue(r.err.contains("hark eval: snr30 4/4 recordings"), r.err);
        assertTrue(Files.size(png) > 1000, "a chart was drawn");
    }

    @Test
    void theLoopsEndpointerCutsOffWhatIsSaidAfterTheCommandForHarkAndTheReference() throws Exception {
        // "i want a small mocha", a pause the endpointer ends the command in, then "with soy milk": the loop
        // hands the recogniser only the first part, a whole-file decode hears the milk too
        Path tailDir = work.resolve("tail");
        Files.createDirectories(tailDir);
        flite("with soy milk", work.resolve("soy.wav"));
        short[] command = WavReader.readPcm16k(dir.resolve("mocha.wav"));
        short[] tail = WavReader.readPcm16k(work.resolve("soy.wav"));
        short[] pcm = new short[command.length + 2 * 16000 + tail.length];
        System.arraycopy(command, 0, pcm, 0, command.length);
        System.arraycopy(tail, 0, pcm, command.length + 2 * 16000, tail.length);
        WavWriter.write(tailDir.resolve("tail.wav"), pcm, 16000);
        Path tailLabels = work.resolve("tail-labels.json");
        Files.writeString(tailLabels, "{\"tail.wav\": {\"intent\": \"orderDrink\", \"slots\": {\"size\": \"small\", \"coffeeDrink\": \"mocha\"}}}");
        ObjectMapper m = new ObjectMapper();
        JsonNode whole = null, cut = null;
        for (String endpointer : new String[] {"none", "loop"}) {
            CliHarness r = CliHarness.run("eval", "--assistant", dataset.toString(), "--labels", tailLabels.toString(), "--json",
                    "--reference", "pocketsphinx", "--endpointer", endpointer, tailDir.toString());
            assertEquals(0, r.exit, r.err);
            JsonNode o = m.readTree(r.out.trim());
            if (endpointer.equals("none")) whole = o; else cut = o;
        }
        assertEquals(0, whole.get("accepted").asInt(), "the whole file has the milk in it: " + whole);
        assertEquals(0, whole.get("reference").get("accepted").asInt(), whole.toString());
        assertTrue(whole.get("endpointer") == null, whole.toString());
        assertEquals(1, cut.get("accepted").asInt(), "the loop's cut ends before the milk: " + cut);
        assertEquals(1, cut.get("reference").get("accepted").asInt(), "pocketsphinx gets the same cut: " + cut);
        assertEquals(0, cut.get("endpointer").get("no_speech").asInt(), cut.toString());
        assertTrue(cut.get("audio_s").asDouble() < whole.get("audio_s").asDouble() - 2, "only the cut is decoded: " + cut);
    }

    @Test
    void printsATableByDefault() {
        CliHarness r = CliHarness.run("eval", "--assistant", dataset.toString(), "--labels", labels.toString(),
                dir.resolve("latte.wav").toString(), dir.resolve("mocha.wav").toString());
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("clean") && r.out.contains("50.0%"), r.out);
        assertTrue(r.out.contains("coffeeDrink: latte -> mocha"), r.out);
    }

    @Test
    void badInputGetsOneLineAndTheRightExitCode() throws Exception {
        String[] base = {"eval", "--assistant", dataset.toString(), "--labels", labels.toString()};
        expect(2, "no such labels file", "eval", "--assistant", dataset.toString(), "--labels", work.resolve("none.json").toString(), dir.toString());
        Path broken = work.resolve("broken.json");
        Files.writeString(broken, "{\"a.wav\": {\"slots\": {}}}");
        expect(2, "$[\"a.wav\"]", "eval", "--assistant", dataset.toString(), "--labels", broken.toString(), dir.toString());
        Path unlabelled = work.resolve("unlabelled.wav");
        Files.copy(dir.resolve("mars.wav"), unlabelled, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        expect(2, "unlabelled.wav: no label in", concat(base, unlabelled.toString()));
        Path junk = work.resolve("junk");
        Files.createDirectories(junk);
        Files.writeString(junk.resolve("latte.wav"), "not audio");
        expect(1, "latte.wav", concat(base, junk.resolve("latte.wav").toString()));
        expect(2, "--snr: 'loud' is neither", concat(base, "--noise", noise.toString(), "--snr", "24,loud", dir.toString()));
        expect(2, "--snr: noisy conditions need --noise", concat(base, "--snr", "12", dir.toString()));
        expect(2, "--reference: unknown recogniser", concat(base, "--reference", "whisper", dir.toString()));
        expect(2, "--endpointer: must be none or loop", concat(base, "--endpointer", "silero", dir.toString()));
        expect(2, "--config: only used with --endpointer loop", concat(base, "--config", labels.toString(), dir.toString()));
        Path badConfig = work.resolve("bad-config.json");
        Files.writeString(badConfig, "{\"command\": {\"endSilenceMs\": 5}}");
        expect(2, "$.command.endSilenceMs", concat(base, "--endpointer", "loop", "--config", badConfig.toString(), dir.toString()));
        expect(2, "no such file or directory", concat(base, dir.resolve("missing.wav").toString()));
    }

    private static void expect(int exit, String message, String... args) {
        CliHarness r = CliHarness.run(args);
        assertEquals(exit, r.exit, r.err);
        assertTrue(r.err.startsWith("hark: ") && r.err.contains(message), r.err);
        assertEquals(1, r.err.trim().split("\n").length, "one line: " + r.err);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
