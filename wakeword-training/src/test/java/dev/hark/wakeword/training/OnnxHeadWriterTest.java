package dev.hark.wakeword.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX head Hark writes: ONNX's checker accepts it and ONNX Runtime computes what the trainer does. */
class OnnxHeadWriterTest {
    @TempDir
    Path dir;

    private static KeywordMlp randomHead(Random r) {
        KeywordMlp mlp = new KeywordMlp(r);
        for (int d = 0; d < KeywordMlp.DIM; d++) {
            mlp.mean[d] = (float) r.nextGaussian();
            mlp.invStd[d] = 0.5f + r.nextFloat();
        }
        return mlp;
    }

    @Test
    void onnxRuntimeScoresLikeTheTrainer() throws Exception {
        Random r = new Random(3);
        KeywordMlp mlp = randomHead(r);
        byte[] model = OnnxHeadWriter.toBytes(mlp, "test head");
        float[] rows = new float[20 * KeywordMlp.DIM];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) r.nextGaussian();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions())) {
            assertEquals(OnnxHeadWriter.INPUT, s.getInputNames().iterator().next());
            for (int last = KeywordMlp.WINDOW - 1; last < 20; last++) {
                float[] window = new float[KeywordMlp.INPUTS];
                System.arraycopy(rows, (last - 15) * KeywordMlp.DIM, window, 0, window.length);
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(window), new long[] {1, 16, 96});
                     OrtSession.Result out = s.run(java.util.Map.of(OnnxHeadWriter.INPUT, in))) {
                    float[][] score = (float[][]) out.get(0).getValue();
                    assertEquals(mlp.score(rows, last), score[0][0], 1e-5, "window ending at row " + last);
                }
            }
        }
    }

    @Test
    void onnxCheckerAcceptsIt() throws Exception {
        Path file = dir.resolve("head.onnx");
        OnnxHeadWriter.write(randomHead(new Random(5)), "checked head", file);
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True);"
                        + " print([n.op_type for n in m.graph.node])", file.toString())
                .redirectErrorStream(true).start();
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.exitValue(), out);
        assertEquals("['Flatten', 'Gemm', 'Relu', 'Gemm', 'Relu', 'Gemm', 'Sigmoid']", out);
        assertArrayEquals(Files.readAllBytes(file), OnnxHeadWriter.toBytes(randomHead(new Random(5)), "checked head"),
                "the same head writes the same bytes");
    }
}
