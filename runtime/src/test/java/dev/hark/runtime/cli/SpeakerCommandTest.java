package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.MicrophoneSource;
import dev.hark.audio.WavReader;
import dev.hark.audio.WavWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.TargetDataLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hark speaker} end to end on real FSDD recordings written to WAV files. */
class SpeakerCommandTest {
    @TempDir
    static Path wavs;

    record Run(int exit, String out, String err) {
    }

    static Run hark(String... args) {
        return hark(CommandLine.defaultFactory(), args);
    }

    static Run hark(CommandLine.IFactory factory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HarkCli.commandLine(factory);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Writes utterances of >= 3 s of one FSDD speaker (digits 0-9 of each repetition in order). */
    static List<String> utterances(String speaker, int firstRep, int count) throws IOException {
        Path fsdd = Path.of(System.getProperty("hark.root", ".")).resolve("../shared/data/fsdd").normalize();
        List<String> files = new ArrayList<>();
        List<short[]> parts = new ArrayList<>();
        int samples = 0;
        for (int rep = firstRep; files.size() < count; rep++) {
            for (int digit = 0; digit < 10 && files.size() < count; digit++) {
                short[] clip = WavReader.readPcm16k(fsdd.resolve(digit + "_" + speaker + "_" + rep + ".wav"));
                parts.add(clip);
                samples += clip.length;
                if (samples >= 3 * 16000) {
                    short[] all = new short[samples];
                    int at = 0;
                    for (short[] p : parts) {
                        System.arraycopy(p, 0, all, at, p.length);
                        at += p.length;
                    }
                    Path f = wavs.resolve(speaker + "-" + firstRep + "-" + files.size() + ".wav");
                    WavWriter.write(f, all, 16000);
                    files.add(f.toString());
                    parts.clear();
                    samples = 0;
                }
            }
        }
        return files;
    }

    static List<String> george;
    static List<String> jackson;
    static List<String> georgeTest;

    @BeforeAll
    static void fixtures() throws IOException {
        george = utterances("george", 0, 3);
        jackson = utterances("jackson", 0, 3);
        georgeTest = utterances("george", 30, 1);
    }

    private static String[] args(List<String> head, List<String> files) {
        List<String> all = new ArrayList<>(head);
        all.addAll(files);
        return all.toArray(new String[0]);
    }

    @Test
    void enrollThenIdentifyPrintsTheDesignJsonShape(@TempDir Path store) throws IOException {
        Run r = hark(args(List.of("speaker", "enroll", "--store", store.toString(), "--name", "george"), george));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("enrolled george: 3 recordings"), r.out());
        assertEquals(0, hark(args(List.of("speaker", "enroll", "--store", store.toString(), "--name", "jackson"), jackson)).exit());

        r = hark(args(List.of("speaker", "identify", "--store", store.toString(), "--json"), georgeTest));
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(1, lines.length, r.out());
        JsonNode o = new ObjectMapper().readTree(lines[0]);
        assertEquals(georgeTest.get(0), o.get("file").asText());
        assertEquals("george", o.get("speaker").asText());
        assertTrue(o.get("score").asDouble() > o.get("scores").get("jackson").asDouble(), lines[0]);
        assertEquals(o.get("score").asDouble(), o.get("scores").get("george").asDouble(), 1e-9);

        r = hark("speaker", "list", "--store", store.toString());
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("george\t3 recordings") && r.out().contains("\njackson\t3 recordings"), r.out());

        r = hark("speaker", "verify", "--store", store.toString(), "--name", "george", georgeTest.get(0));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith(georgeTest.get(0) + ": george (score 0."), r.out());
        r = hark("speaker", "verify", "--store", store.toString(), "--name", "george", "--threshold", "0.9999", georgeTest.get(0));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(": not george (best george 0."), r.out());
        assertTrue(r.out().strip().endsWith("threshold 1.000)"), r.out());

        assertEquals(0, hark("speaker", "delete", "--store", store.toString(), "--name", "jackson").exit());
        assertFalse(Files.exists(store.resolve("jackson.json")));
        r = hark("speaker", "delete", "--store", store.toString(), "--name", "jackson");
        assertEquals(1, r.exit());
        assertEquals("hark: " + store + ": no profile named jackson\n", r.err());
    }

    @Test
    void badEnrollmentInputIsRefusedWithAReasonAndNothingIsWritten(@TempDir Path tmp) throws IOException {
        Path store = tmp.resolve("profiles");
        Path silent = tmp.resolve("silent.wav");
        WavWriter.write(silent, new short[48000], 16000);
        Run r = hark("speaker", "enroll", "--store", store.toString(), "--name", "eve", george.get(0), silent.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("hark: " + silent + ": silent (loudest frame"), r.err());
        assertTrue(r.err().strip().endsWith("nothing was enrolled"), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());

        Path shortWav = tmp.resolve("short.wav");
        short[] digits = WavReader.readPcm16k(Path.of(george.get(0)));
        WavWriter.write(shortWav, java.util.Arrays.copyOfRange(digits, 2000, 6000), 16000);
        r = hark("speaker", "enroll", "--store", store.toString(), "--name", "eve", shortWav.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("hark: " + shortWav + ": too short ("), r.err());

        // each recording is long enough, all of them together are not
        Path second = tmp.resolve("second.wav");
        WavWriter.write(second, java.util.Arrays.copyOf(digits, 16000), 16000);
        r = hark("speaker", "enroll", "--store", store.toString(), "--name", "eve", second.toString(), second.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("hark: not enough speech to enroll eve: ") && r.err().contains(" in 2 recordings, 3.0 s are needed (about ")
                && r.err().endsWith(" s more); nothing was enrolled\n"), r.err());

        Path text = tmp.resolve("notes.wav");
        Files.writeString(text, "these are not audio samples");
        r = hark("speaker", "enroll", "--store", store.toString(), "--name", "eve", text.toString());
        assertEquals(1, r.exit());
        assertEquals("hark: " + text + ": not a WAV file (no RIFF/WAVE header)\n", r.err());

        r = hark("speaker", "enroll", "--store", store.toString(), "--name", "../eve", george.get(0));
        assertEquals(2, r.exit());
        assertFalse(Files.exists(store), "a refused enrollment wrote " + store);
    }

    @Test
    void corruptProfileIsReportedAndSkipped(@TempDir Path store) throws IOException {
        assertEquals(0, hark(args(List.of("speaker", "enroll", "--store", store.toString(), "--name", "george"), george)).exit());
        Files.writeString(store.resolve("bob.json"), "{\"format\": 1, \"name\": \"bo");
        Run r = hark(args(List.of("speaker", "identify", "--store", store.toString(), "--json"), georgeTest));
        assertEquals(0, r.exit(), r.err());
        assertEquals("hark: warning: " + store.resolve("bob.json") + ": corrupt profile (not valid JSON) (skipped)\n", r.err());
        assertEquals("george", new ObjectMapper().readTree(r.out()).get("speaker").asText());
    }

    @Test
    void identifyWithoutProfilesOrStoreIsAnError(@TempDir Path store) {
        Run r = hark("speaker", "identify", "--store", store.toString(), georgeTest.get(0));
        assertEquals(1, r.exit());
        assertEquals("hark: " + store + ": no usable voice profiles; enroll someone first\n", r.err());
        assertEquals(2, hark("speaker", "identify", georgeTest.get(0)).exit());
    }

    @Test
    void anotherModelIsLoadedFromItsDescriptionAndItsProfilesAreKeptApart(@TempDir Path tmp) throws IOException {
        Path modelDir = tmp.resolve("model");
        Files.createDirectories(modelDir);
        String json;
        try (var in = SpeakerCommandTest.class.getResourceAsStream("/dev/hark/speaker/speaker-model.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        JsonNode d = new ObjectMapper().readTree(json);
        // the network and the cohort of its score normalisation lie beside the description
        try (var in = SpeakerCommandTest.class.getResourceAsStream("/dev/hark/speaker/" + d.get("files").get("fp32").asText())) {
            Files.copy(in, modelDir.resolve("custom.onnx"));
        }
        String cohort = d.get("score_normalisation").get("cohort").asText();
        try (var in = SpeakerCommandTest.class.getResourceAsStream("/dev/hark/speaker/" + cohort)) {
            Files.copy(in, modelDir.resolve(cohort));
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) d).put("name", "custom");
        ((com.fasterxml.jackson.databind.node.ObjectNode) d.get("files")).put("fp32", "custom.onnx");
        Path desc = modelDir.resolve("custom.json");
        Files.writeString(desc, d.toString());
        Path store = tmp.resolve("store");

        Run r = hark(args(List.of("speaker", "enroll", "--store", store.toString(), "--model", desc.toString(),
                "--name", "george"), george));
        assertEquals(0, r.exit(), r.err());
        // the profile names the model and its weights, so a retrained "custom" would not match it
        String custom = "custom@" + d.get("sha256").get("fp32").asText().substring(0, 12);
        assertTrue(Files.readString(store.resolve("george.json")).contains("\"model\" : \"" + custom + "\""));
        r = hark(args(List.of("speaker", "identify", "--store", store.toString(), "--model", desc.toString(), "--json"), georgeTest));
        assertEquals(0, r.exit(), r.err());
        assertEquals("george", new ObjectMapper().readTree(r.out()).get("speaker").asText());

        r = hark(args(List.of("speaker", "identify", "--store", store.toString()), georgeTest));
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("hark: warning: " + store.resolve("george.json")
                + ": enrolled with model " + custom + ", not " + dev.hark.speaker.SpeakerModelDescription.builtIn().profileModel()
                + "; enroll again (skipped)\n"), r.err());

        byte[] onnx = Files.readAllBytes(modelDir.resolve("custom.onnx"));
        onnx[onnx.length / 2] ^= 1;
        Files.write(modelDir.resolve("custom.onnx"), onnx);
        r = hark(args(List.of("speaker", "identify", "--store", store.toString(), "--model", desc.toString()), georgeTest));
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("hark: " + modelDir.resolve("custom.onnx") + ": corrupt speaker model (sha256 "), r.err());

        Files.writeString(desc, "{\"name\": \"broken\"");
        r = hark(args(List.of("speaker", "identify", "--store", store.toString(), "--model", desc.toString()), georgeTest));
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("hark: " + desc + ": not valid JSON"), r.err());
    }

    /** A capture line (javax.sound's TargetDataLine) that plays {@code pcm} as 16 kHz little-endian bytes, then reports itself closed. */
    static TargetDataLine fakeLine(short[] pcm) {
        AtomicInteger served = new AtomicInteger();
        AtomicBoolean open = new AtomicBoolean(true);
        return (TargetDataLine) Proxy.newProxyInstance(SpeakerCommandTest.class.getClassLoader(),
                new Class<?>[] {TargetDataLine.class}, (proxy, method, a) -> {
                    switch (method.getName()) {
                        case "read": {
                            byte[] b = (byte[]) a[0];
                            int off = (Integer) a[1];
                            int samples = Math.min((Integer) a[2] / 2, pcm.length - served.get());
                            if (samples <= 0) {
                                open.set(false);
                                return 0;
                            }
                            for (int i = 0; i < samples; i++) {
                                short v = pcm[served.getAndIncrement()];
                                b[off + 2 * i] = (byte) v;
                                b[off + 2 * i + 1] = (byte) (v >> 8);
                            }
                            return 2 * samples;
                        }
                        case "isOpen":
                            return open.get();
                        case "stop":
                        case "close":
                            open.set(false);
                            return null;
                        default:
                            return null;
                    }
                });
    }

    /** A room: each recording after 0.6 s of faint hiss, scaled by its gain, then 1.5 s of hiss. */
    static short[] room(List<short[]> recordings, double[] gains) {
        java.util.Random r = new java.util.Random(7);
        List<Short> all = new ArrayList<>();
        for (int k = 0; k < recordings.size(); k++) {
            for (int i = 0; i < 9600; i++) {
                all.add((short) Math.round(r.nextGaussian() * 4));
            }
            for (short v : recordings.get(k)) {
                all.add((short) Math.round(v * gains[k] + r.nextGaussian() * 4));
            }
            for (int i = 0; i < 24000; i++) {
                all.add((short) Math.round(r.nextGaussian() * 4));
            }
        }
        short[] out = new short[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    /** Commands made as usual, except enroll, whose microphone is {@code line}. */
    static CommandLine.IFactory microphone(TargetDataLine line) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == SpeakerCommand.Enroll.class) {
                    return cls.cast(new SpeakerCommand.Enroll(device -> new MicrophoneSource(line, "fake mic")));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
    }

    @Test
    void enrollWithoutFilesRecordsFromTheMicrophoneWithPromptsAndLevelChecks(@TempDir Path store) throws IOException {
        List<short[]> said = new ArrayList<>();
        for (String f : george) {
            said.add(WavReader.readPcm16k(Path.of(f)));
        }
        // the first answer (two digits) is 40 dB too quiet and is refused; the three after it are enough
        said.add(0, java.util.Arrays.copyOf(said.get(0), 12000));
        short[] audio = room(said, new double[] {0.01, 1, 1, 1});
        Run r = hark(microphone(fakeLine(audio)), "speaker", "enroll", "--store", store.toString(), "--name", "george");
        assertEquals(0, r.exit(), r.out() + r.err());
        String[] lines = r.out().split("\n");
        assertEquals("say: \"what time is it\"", lines[1], r.out());
        assertTrue(lines[2].startsWith("  not used: too quiet (loudest -"), r.out());
        assertTrue(lines[2].endsWith("0.0 s so far, about 3.0 s more needed"), r.out());
        assertEquals("say: \"turn on the kitchen light\"", lines[3], r.out());
        assertTrue(lines[4].startsWith("  ok: ") && lines[4].contains(" s so far"), r.out());
        assertTrue(lines[8].endsWith(" s in all, enough"), r.out());
        assertTrue(lines[9].startsWith("enrolled george: 3 recordings"), r.out());
        assertTrue(Files.exists(store.resolve("george.json")));

        r = hark(args(List.of("speaker", "identify", "--store", store.toString(), "--json"), georgeTest));
        assertEquals("george", new ObjectMapper().readTree(r.out()).get("speaker").asText());
    }

    @Test
    void microphoneThatStopsBeforeEnoughSpeechEnrollsNobody(@TempDir Path store) throws IOException {
        short[] audio = room(List.of(WavReader.readPcm16k(Path.of(george.get(0)))), new double[] {1});
        Run r = hark(microphone(fakeLine(audio)), "speaker", "enroll", "--store", store.toString(), "--name", "george");
        assertEquals(1, r.exit(), r.out());
        assertEquals("hark: fake mic: capture device closed or disappeared\n", r.err());
        assertTrue(r.out().contains("  ok: ") && r.out().contains(" s so far, 2 more recordings"), r.out());
        assertFalse(Files.exists(store.resolve("george.json")));
    }

    /** FSDD as a labelled folder: per speaker 3 enrollment recordings (3 s each) and 2 test recordings (3 s each). */
    static Path labelledFolder(Path dir) throws IOException {
        for (String s : new String[] {"george", "jackson", "nicolas", "theo"}) {
            List<String> files = utterances(s, 0, 5);
            for (int i = 0; i < files.size(); i++) {
                Files.createDirectories(dir.resolve(s));
                Files.copy(Path.of(files.get(i)), dir.resolve(s).resolve(i + ".wav"));
            }
        }
        return dir;
    }

    @Test
    void evaluatePrintsTheThresholdThenOneJsonObjectPerLength(@TempDir Path tmp) throws IOException {
        Path folder = labelledFolder(tmp.resolve("fsdd"));
        Run r = hark("speaker", "evaluate", "--json", "--household", "2", "--lengths", "1,3", folder.toString());
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length, r.out());
        ObjectMapper m = new ObjectMapper();
        JsonNode head = m.readTree(lines[0]);
        assertEquals("the model's default", head.get("threshold_source").asText());
        assertEquals(dev.hark.speaker.SpeakerModelDescription.builtIn().threshold(), head.get("threshold").asDouble(), 1e-12);
        JsonNode one = m.readTree(lines[1]);
        JsonNode three = m.readTree(lines[2]);
        assertEquals(1.0, one.get("seconds").asDouble());
        assertEquals(3.0, three.get("seconds").asDouble());
        // 8 test recordings of >= 3 s: one 3 s segment each, three or more 1 s segments each
        assertEquals(8, three.get("known_segments").asInt());
        assertTrue(one.get("known_segments").asInt() >= 24, lines[1]);
        assertTrue(three.get("identified").asDouble() >= 0.75, lines[2]);
        assertTrue(three.get("eer").asDouble() < 0.3, lines[2]);

        r = hark("speaker", "evaluate", "--household", "2", "--lengths", "2", "--calibrate", folder.toString(), folder.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("model ") && r.out().contains("(calibrated on [" + folder + "]: open-set equal error "), r.out());
        assertTrue(r.out().contains("\n2.0 s "), r.out());
    }

    @Test
    void evaluateRefusesBadInputWithOneLine(@TempDir Path tmp) throws IOException {
        Path folder = labelledFolder(tmp.resolve("fsdd"));
        Run r = hark("speaker", "evaluate", "--threshold", "0.5", "--calibrate", folder.toString(), folder.toString());
        assertEquals(2, r.exit());
        assertEquals("hark: --threshold and --calibrate: give one of them\n", r.err());
        r = hark("speaker", "evaluate", tmp.resolve("none").toString());
        assertEquals(1, r.exit());
        assertEquals("hark: " + tmp.resolve("none") + ": not a folder of speaker folders\n", r.err());
        r = hark("speaker", "evaluate", folder.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("hark: " + folder + ": 4 speakers make no second household of 4"), r.err());
        r = hark("speaker", "evaluate", "--enroll", "5", folder.toString());
        assertEquals(1, r.exit());
        assertEquals("hark: " + folder.resolve("george") + ": 5 recordings; 5 are for enrollment and at least one more is needed "
                + "for testing\n", r.err());
    }
}
