package dev.hark.wakeword.training;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link KeywordMlp} as an ONNX model that {@code WakeWordDetector} loads like openWakeWord's
 * heads: input {@code embeddings} float [1, 16, 96], output {@code score} float [1, 1]; Flatten, then
 * Gemm-Relu, Gemm-Relu, Gemm-Sigmoid (opset 13, IR version 7, so ONNX 1.12's checker accepts it and
 * ONNX Runtime 1.20 runs it). The messages are ONNX's own protobuf classes as generated and published
 * on Maven Central by Tribuo ({@code org.tribuo:tribuo-util-onnx}). Writes about 400 kB.
 */
final class OnnxHeadWriter {
    static final String INPUT = "embeddings";
    static final String OUTPUT = "score";

    private OnnxHeadWriter() {
    }

    /** The model as ONNX bytes; {@code docString} is recorded in the model (e.g. the phrase). */
    static byte[] toBytes(KeywordMlp mlp, String docString) {
        int in = KeywordMlp.INPUTS;
        int h1 = KeywordMlp.HIDDEN1;
        int h2 = KeywordMlp.HIDDEN2;
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("hark_keyword_head")
                .addInput(value(INPUT, 1, KeywordMlp.WINDOW, KeywordMlp.DIM))
                .addOutput(value(OUTPUT, 1, 1))
                .addInitializer(tensor("w1", mlp.foldedW1(), h1, in))
                .addInitializer(tensor("b1", mlp.foldedB1(), h1))
                .addInitializer(tensor("w2", mlp.slice(KeywordMlp.W2, h2 * h1), h2, h1))
                .addInitializer(tensor("b2", mlp.slice(KeywordMlp.B2, h2), h2))
                .addInitializer(tensor("w3", mlp.slice(KeywordMlp.W3, h2), 1, h2))
                .addInitializer(tensor("b3", mlp.slice(KeywordMlp.B3, 1), 1));
        g.addNode(node("Flatten", "flat", INPUT).addAttribute(intAttribute("axis", 1)));
        g.addNode(gemm("z1", "flat", "w1", "b1"));
        g.addNode(node("Relu", "a1", "z1"));
        g.addNode(gemm("z2", "a1", "w2", "b2"));
        g.addNode(node("Relu", "a2", "z2"));
        g.addNode(gemm("z3", "a2", "w3", "b3"));
        g.addNode(node("Sigmoid", OUTPUT, "z3"));
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(7)
                .setProducerName("hark wakeword train")
                .setDocString(docString)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(g)
                .build().toByteArray();
    }

    /** Writes {@link #toBytes} to {@code file}. */
    static void write(KeywordMlp mlp, String docString, Path file) throws IOException {
        Files.write(file, toBytes(mlp, docString));
    }

    private static OnnxMl.NodeProto.Builder node(String op, String output, String... inputs) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output).addOutput(output);
        for (String i : inputs) {
            n.addInput(i);
        }
        return n;
    }

    private static OnnxMl.NodeProto.Builder gemm(String output, String x, String w, String b) {
        return node("Gemm", output, x, w, b).addAttribute(intAttribute("transB", 1));
    }

    private static OnnxMl.AttributeProto intAttribute(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static OnnxMl.TensorProto tensor(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(raw.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static OnnxMl.ValueInfoProto value(String name, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
                .build();
    }
}
