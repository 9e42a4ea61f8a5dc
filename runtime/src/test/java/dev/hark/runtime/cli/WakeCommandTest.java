package dev.hark.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hark wake}: the JSON contract of DESIGN.md §5 and one-line errors with the right exit codes. */
class WakeCommandTest {
    @TempDir
    static Path tmp;
    static Path alexa;
    static Path plain;
    static Path hello;

    @BeforeAll
    static void speech() throws Exception {
        alexa = tmp.resolve("alexa.wav");
        plain = tmp.resolve("plain.wav");
        hello = tmp.resolve("hello.wav");
        flite("alexa, what time is it", alexa);
        flite("what time is it", plain);
        flite("hello hark", hello);
    }

    private static void flite(String text, Path out) throws Exception {
        Process p = new ProcessBuilder("flite", "-voice", "slt", "-t", text, "-o", out.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "flite failed");
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HarkCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void jsonReportsDetectionsPerFile() throws Exception {
        Result r = run("wake", "--model", "alexa", "--model", "hey_jarvis", "--json", alexa.toString(), plain.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(lines[0]);
        assertEquals(alexa.toString(), first.get("file").asText());
        assertEquals(1, first.get("detections").size(), lines[0]);
        JsonNode d = first.get("detections").get(0);
        assertEquals("alexa", d.get("model").asText());
        double t = d.get("time_s").asDouble();
        assertTrue(t > 0.3 && t < 1.5, "alexa ends about 0.6 s into the clip; detected at " + t);
        assertTrue(d.get("score").asDouble() >= 0.5 && d.get("score").asDouble() <= 1, lines[0]);
        JsonNode second = mapper.readTree(lines[1]);
        assertEquals(0, second.get("detections").size(), lines[1]);
    }

    @Test
    void modelByPathIsNamedAfterItsFile() {
        Path model = Path.of(System.getProperty("hark.root"), "models", "files", "alexa_v0.1.onnx");
        Result r = run("wake", "--model", model.toString(), alexa.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith(alexa + ": alexa_v0.1 at "), r.out());
    }

    /** The bundled head and its description, copied out of the jar as a training run leaves them. */
    private static Path trainedHead(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (String f : new String[] {"hello_hark.json", "hello_hark.onnx"}) {
            try (var in = WakeCommandTest.class.getResourceAsStream("/dev/hark/wakeword/" + f)) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
        return dir.resolve("hello_hark.json");
    }

    @Test
    void harksOwnWakeWordAndATrainedHeadsDescription() throws Exception {
        Result bundled = run("wake", "--model", "hello_hark", "--json", hello.toString(), plain.toString());
        assertEquals(0, bundled.code(), bundled.err());
        String[] lines = bundled.out().strip().split("\n");
        JsonNode d = new ObjectMapper().readTree(lines[0]).get("detections");
        assertEquals(1, d.size(), lines[0]);
        assertEquals("hello_hark", d.get(0).get("model").asText());
        assertEquals(0, new ObjectMapper().readTree(lines[1]).get("detections").size(), lines[1]);

        Path json = trainedHead(tmp.resolve("trained"));
        Result described = run("wake", "--model", json.toString(), "--json", hello.toString(), plain.toString());
        assertEquals(0, described.code(), described.err());
        assertEquals(bundled.out(), described.out(), "the description loads the same head with its calibrated threshold");
    }

    @Test
    void corruptTrainedHeadIsRefusedInOneLine() throws Exception {
        Path json = trainedHead(tmp.resolve("corrupt"));
        Path onnx = json.resolveSibling("hello_hark.onnx");
        byte[] b = Files.readAllBytes(onnx);
        b[b.length - 1] ^= 1;
        Files.write(onnx, b);
        Result r = run("wake", "--model", json.toString(), alexa.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().startsWith("hark: " + onnx + ": corrupt keyword model (sha256 "), r.err());
    }

    @Test
    void badInputGetsOneLineAndTheRightExitCode() throws Exception {
        Result unknown = run("wake", "--model", "siri", alexa.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("hark: --model siri: unknown model name"), unknown.err());

        Result threshold = run("wake", "--model", "alexa", "--threshold", "0", alexa.toString());
        assertEquals(2, threshold.code());

        Path notWav = Files.writeString(tmp.resolve("notes.wav"), "hello");
        Result bad = run("wake", "--model", "alexa", notWav.toString());
        assertEquals(1, bad.code());
        assertEquals("hark: " + notWav + ": not a WAV file (no RIFF/WAVE header)", bad.err().strip());

        Path embedding = Path.of(System.getProperty("hark.root"), "models", "files", "embedding_model.onnx");
        Result wrongModel = run("wake", "--model", embedding.toString(), alexa.toString());
        assertEquals(1, wrongModel.code());
        assertTrue(wrongModel.err().strip().matches("hark: .*embedding_model.onnx: not an openWakeWord keyword model .*"),
                wrongModel.err());
        assertEquals(1, wrongModel.err().strip().split("\n").length, wrongModel.err());
    }
}
