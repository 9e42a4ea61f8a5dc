import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.hark.audio.WavReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ONNX Runtime half of scripts/arm64-check.sh: loads ONNX Runtime's native library for the JVM's
 * architecture and runs Hark's models on a bundled recording, printing every output value, one per
 * line ({@code <stage> <index> <value>}), so that an x86-64 run and an emulated ARM64 run can be
 * compared number by number. The openWakeWord chain (mel spectrogram, shared embedding, keyword
 * heads: hey_jarvis unless heads are named, e.g. Hark's own trained head) and Silero VAD v5 (on the
 * recording and on silence) together use every operator kind Hark's models have; the int8 embedding
 * ({@code embedding_model.int8.onnx}, which {@code hark models fetch} derives) runs too, with its
 * integer kernels, feeding the same heads, and the thread CPU time of each embedding model is printed
 * as a comment; so does its time-batched variant ({@code embedding_model.int8.timebatch.onnx}, every
 * window of the recording in one run over its mel frames, as {@code wake.embeddingBatch} runs it). Costs a few seconds natively, a minute or more under qemu.
 *
 * <p>Usage: {@code java -cp onnxruntime.jar:hark-audio.jar:. OnnxRuntimeCheck MODELS_DIR WAV [HEAD.onnx ...]};
 * each head's scores are printed as stage {@code wake:<file name without .onnx>}.
 */
public final class OnnxRuntimeCheck {
    private static final int MEL_WINDOW = 76;
    private static final int MEL_STEP = 8;
    private static final int HEAD_WINDOW = 16;
    private static final int VAD_CHUNK = 512;
    private static final int VAD_CONTEXT = 64;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: OnnxRuntimeCheck MODELS_DIR WAV [HEAD.onnx ...]");
            System.exit(2);
        }
        Path models = Path.of(args[0]);
        short[] pcm = WavReader.readPcm16k(Path.of(args[1]));
        PrintStream out = System.out;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        out.println("# os.arch " + System.getProperty("os.arch") + ", ONNX Runtime " + env.getVersion());
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            float[][] mel = melFrames(env, opts, models.resolve("melspectrogram.onnx"), pcm, out);
            float[][] emb = embeddings(env, opts, models.resolve("embedding_model.onnx"), mel, "emb", out);
            float[][] int8 = embeddings(env, opts, models.resolve("embedding_model.int8.onnx"), mel, "emb_int8", out);
            timeBatchedEmbeddings(env, opts, models.resolve("embedding_model.int8.timebatch.onnx"), mel,
                    "emb_int8_timebatch", out);
            List<Path> heads = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                heads.add(Path.of(args[i]));
            }
            if (heads.isEmpty()) {
                heads.add(models.resolve("hey_jarvis_v0.1.onnx"));
            }
            for (Path head : heads) {
                String name = head.getFileName().toString().replaceFirst("(_v0\\.1)?\\.onnx$", "");
                wakeScores(env, opts, head, emb, "wake:" + name, out);
                wakeScores(env, opts, head, int8, "wake_int8:" + name, out);
            }
            vad(env, opts, models.resolve("silero_vad_v5.onnx"), pcm, "vad", out);
            vad(env, opts, models.resolve("silero_vad_v5.onnx"), new short[VAD_CHUNK * 8], "vad_silence", out);
        }
    }

    /** Mel frames, scaled as openWakeWord does (x / 10 + 2) before the embedding model. */
    private static float[][] melFrames(OrtEnvironment env, OrtSession.SessionOptions opts, Path model, short[] pcm,
            PrintStream out) throws OrtException {
        float[] samples = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            samples[i] = pcm[i]; // the model takes int16-valued floats
        }
        try (OrtSession s = env.createSession(model.toString(), opts);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(samples), new long[] {1, samples.length});
             OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), in))) {
            float[][][][] raw = (float[][][][]) r.get(0).getValue();
            float[][] frames = raw[0][0];
            int k = 0;
            for (float[] frame : frames) {
                for (int b = 0; b < frame.length; b++) {
                    frame[b] = frame[b] / 10f + 2f;
                    out.println("mel " + k++ + " " + frame[b]);
                }
            }
            return frames;
        }
    }

    private static float[][] embeddings(OrtEnvironment env, OrtSession.SessionOptions opts, Path model, float[][] mel,
            String stage, PrintStream out) throws OrtException {
        int windows = (mel.length - MEL_WINDOW) / MEL_STEP + 1;
        float[] batch = new float[windows * MEL_WINDOW * 32];
        for (int w = 0; w < windows; w++) {
            for (int f = 0; f < MEL_WINDOW; f++) {
                System.arraycopy(mel[w * MEL_STEP + f], 0, batch, (w * MEL_WINDOW + f) * 32, 32);
            }
        }
        try (OrtSession s = env.createSession(model.toString(), opts);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), new long[] {windows, MEL_WINDOW, 32, 1})) {
            var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = cpu.getCurrentThreadCpuTime();
            try (OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), in))) {
                out.printf(java.util.Locale.ROOT, "# cpu %s %.3f s for %d windows%n", stage, (cpu.getCurrentThreadCpuTime() - t0) / 1e9, windows);
                float[][][][] raw = (float[][][][]) r.get(0).getValue();
                float[][] emb = new float[windows][];
                int k = 0;
                for (int w = 0; w < windows; w++) {
                    emb[w] = raw[w][0][0];
                    for (float v : emb[w]) {
                        out.println(stage + " " + k++ + " " + v);
                    }
                }
                return emb;
            }
        }
    }

    /** A time-batched embedding model on all the windows' mel frames at once: one embedding per 8 frames. */
    private static void timeBatchedEmbeddings(OrtEnvironment env, OrtSession.SessionOptions opts, Path model,
            float[][] mel, String stage, PrintStream out) throws OrtException {
        int windows = (mel.length - MEL_WINDOW) / MEL_STEP + 1;
        int frames = MEL_WINDOW + (windows - 1) * MEL_STEP;
        float[] all = new float[frames * 32];
        for (int f = 0; f < frames; f++) {
            System.arraycopy(mel[f], 0, all, f * 32, 32);
        }
        try (OrtSession s = env.createSession(model.toString(), opts);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(all), new long[] {1, frames, 32, 1})) {
            var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = cpu.getCurrentThreadCpuTime();
            try (OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), in))) {
                out.printf(java.util.Locale.ROOT, "# cpu %s %.3f s for %d windows%n", stage, (cpu.getCurrentThreadCpuTime() - t0) / 1e9, windows);
                float[][][][] raw = (float[][][][]) r.get(0).getValue();
                int k = 0;
                for (int w = 0; w < windows; w++) {
                    for (float v : raw[0][w][0]) {
                        out.println(stage + " " + k++ + " " + v);
                    }
                }
            }
        }
    }

    private static void wakeScores(OrtEnvironment env, OrtSession.SessionOptions opts, Path model, float[][] emb,
            String stage, PrintStream out) throws OrtException {
        try (OrtSession s = env.createSession(model.toString(), opts)) {
            String input = s.getInputNames().iterator().next();
            float[] window = new float[HEAD_WINDOW * 96];
            for (int end = HEAD_WINDOW; end <= emb.length; end++) {
                for (int i = 0; i < HEAD_WINDOW; i++) {
                    System.arraycopy(emb[end - HEAD_WINDOW + i], 0, window, i * 96, 96);
                }
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(window), new long[] {1, HEAD_WINDOW, 96});
                     OrtSession.Result r = s.run(Map.of(input, in))) {
                    out.println(stage + " " + (end - HEAD_WINDOW) + " " + ((float[][]) r.get(0).getValue())[0][0]);
                }
            }
        }
    }

    /** Speech probability per 32 ms chunk, the recurrent state carried over as Silero's own wrapper does. */
    private static void vad(OrtEnvironment env, OrtSession.SessionOptions opts, Path model, short[] pcm, String stage,
            PrintStream out) throws OrtException {
        float[] state = new float[2 * 128];
        float[] input = new float[VAD_CONTEXT + VAD_CHUNK];
        try (OrtSession s = env.createSession(model.toString(), opts);
             OnnxTensor sr = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {16000}), new long[0])) {
            for (int c = 0; (c + 1) * VAD_CHUNK <= pcm.length; c++) {
                System.arraycopy(input, VAD_CHUNK, input, 0, VAD_CONTEXT); // the last 64 samples lead the next chunk
                for (int i = 0; i < VAD_CHUNK; i++) {
                    input[VAD_CONTEXT + i] = pcm[c * VAD_CHUNK + i] / 32768f;
                }
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, input.length});
                     OnnxTensor st = OnnxTensor.createTensor(env, FloatBuffer.wrap(state), new long[] {2, 1, 128});
                     OrtSession.Result r = s.run(Map.of("input", in, "state", st, "sr", sr))) {
                    out.println(stage + " " + c + " " + ((float[][]) r.get("output").get().getValue())[0][0]);
                    float[][][] next = (float[][][]) r.get("stateN").get().getValue();
                    System.arraycopy(next[0][0], 0, state, 0, 128);
                    System.arraycopy(next[1][0], 0, state, 128, 128);
                }
            }
        }
    }

    private OnnxRuntimeCheck() {
    }
}
