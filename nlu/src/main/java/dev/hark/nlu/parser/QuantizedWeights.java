package dev.hark.nlu.parser;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes a weight table (rows of {@code columns} weights: a feature's weight for each tag or class) as
 * 16-bit integers with one scale for the table (the largest magnitude maps to 32767), leaving out the
 * weights smaller than {@link #NEGLIGIBLE}: most features only ever met a few of the tags, and their
 * other weights are tiny. A kept weight costs 3 bytes instead of a float's 4, a left-out one nothing.
 * Reading restores a dense table, each kept weight within half a step (the largest / 65534) of the
 * trained one, the left-out ones zero; `hark nlu evaluate` measures models as read back.
 */
final class QuantizedWeights {
    /** Weights below this magnitude change a sentence's score by less than a hundredth each: not kept. */
    static final float NEGLIGIBLE = 0.01f;

    private QuantizedWeights() {
    }

    static void write(DataOutput out, float[] weights, int columns) throws IOException {
        if (columns > 255) {
            throw new IllegalArgumentException("at most 255 columns, got " + columns);
        }
        float max = 0;
        for (float w : weights) {
            max = Math.max(max, Math.abs(w));
        }
        float scale = max == 0 ? 1 : max / Short.MAX_VALUE;
        out.writeFloat(scale);
        for (int row = 0; row < weights.length; row += columns) {
            int kept = 0;
            for (int c = 0; c < columns; c++) {
                if (Math.abs(weights[row + c]) >= NEGLIGIBLE) {
                    kept++;
                }
            }
            out.writeByte(kept);
            for (int c = 0; c < columns; c++) {
                if (Math.abs(weights[row + c]) >= NEGLIGIBLE) {
                    out.writeByte(c);
                    out.writeShort(Math.round(weights[row + c] / scale));
                }
            }
        }
    }

    static float[] read(DataInput in, int rows, int columns) throws IOException {
        float scale = in.readFloat();
        float[] weights = new float[rows * columns];
        for (int row = 0; row < rows; row++) {
            int kept = in.readUnsignedByte();
            for (int k = 0; k < kept; k++) {
                int c = in.readUnsignedByte();
                if (c >= columns) {
                    throw new IOException("weight table: column " + c + " of " + columns);
                }
                weights[row * columns + c] = in.readShort() * scale;
            }
        }
        return weights;
    }
}
