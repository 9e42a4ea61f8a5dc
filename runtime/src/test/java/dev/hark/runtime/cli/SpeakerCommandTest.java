package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.audio.WavReader;
import dev.hark.audio.WavWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HarkCli.commandLine();
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
        short[] digit = WavReader.readPcm16k(Path.of(george.get(0)));
        WavWriter.write(shortWav, java.util.Arrays.copyOf(digit, 8000), 16000);
        r = hark("speaker", "enroll", "--store", store.toString(), "--name", "eve", shortWav.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("hark: " + shortWav + ": too short ("), r.err());

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
        try (var in = SpeakerCommandTest.class.getResourceAsStream("/dev/hark/speaker/hark-speaker-tdnn.onnx")) {
            Files.copy(in, modelDir.resolve("custom.onnx"));
        }
        String json;
        try (var in = SpeakerCommandTest.class.getResourceAsStream("/dev/hark/speaker/speaker-model.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        JsonNode d = new ObjectMapper().readTree(json);
        ((com.fasterxml.jackson.databind.node.ObjectNode) d).put("name", "custom");
        ((com.fasterxml.jackson.databind.node.ObjectNode) d.get("files")).put("fp32", "custom.onnx");
        Path desc = modelDir.resolve("custom.json");
        Files.writeString(desc, d.toString());
        Path store = tmp.resolve("store");

        Run r = hark(args(List.of("speaker", "enroll", "--store", store.toString(), "--model", desc.toString(),
                "--name", "george"), george));
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(store.resolve("george.json")).contains("\"model\" : \"custom\""));
        r = hark(args(List.of("speaker", "identify", "--store", store.toString(), "--model", desc.toString(), "--json"), georgeTest));
        assertEquals(0, r.exit(), r.err());
        assertEquals("george", new ObjectMapper().readTree(r.out()).get("speaker").asText());

        r = hark(args(List.of("speaker", "identify", "--store", store.toString()), georgeTest));
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("hark: warning: " + store.resolve("george.json")
                + ": enrolled with model custom, not hark-speaker-tdnn; enroll again (skipped)\n"), r.err());

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
}
