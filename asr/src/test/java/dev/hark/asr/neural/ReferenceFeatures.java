package dev.hark.asr.neural;

import dev.hark.asr.TestData;
import dev.hark.asr.feature.FrontendConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the features Hark computes for a headerless 16 kHz recording (batch CMN), frames x 39
 * float32 little-endian, so that scripts/asr/export_reference.py can compute the PyTorch student's
 * scores on exactly the input the Java test feeds the ONNX model. Usage: ReferenceFeatures RAW OUT.
 */
public final class ReferenceFeatures {
    public static void main(String[] args) throws Exception {
        FrontendConfig config = FrontendConfig.read(TestData.MODEL.resolve("feat.params")).withSilenceRemoval(false).withCmn(FrontendConfig.CmnMode.BATCH);
        float[][] f = StudentTrainingData.features(TestData.readRaw(Path.of(args[0])), config);
        ByteBuffer b = ByteBuffer.allocate(f.length * f[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : f) for (float v : row) b.putFloat(v);
        Files.write(Path.of(args[1]), b.array());
        System.out.println(f.length + " frames -> " + args[1]);
    }
}
