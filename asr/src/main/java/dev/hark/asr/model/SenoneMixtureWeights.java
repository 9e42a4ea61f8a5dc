package dev.hark.asr.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Quantised senone mixture weights from a pocketsphinx {@code sendump}: a header of length-prefixed
 * strings ending with a zero length, then (for unclustered 8-bit dumps) the number of densities and
 * senones, then one byte per stream x density x senone holding {@code -log(w)} in units of
 * {@code 1024 ln(1.0001)} (pocketsphinx's 8-bit log table). Kept as bytes (2 MB for en-us) with a
 * 256-entry table to linear weights. Immutable.
 */
public final class SenoneMixtureWeights {
    /** Natural-log size of one quantisation step: log base 1.0001 shifted by 10 bits. */
    public static final double STEP = 1024 * Math.log(1.0001);

    public final int streams;
    public final int densities;
    public final int senones;
    /** weights[stream][density * senones + senone] */
    final byte[][] weights;
    /** linear weight for each byte value */
    final float[] linear = new float[256];

    private SenoneMixtureWeights(int streams, int densities, int senones, byte[][] weights) {
        this.streams = streams;
        this.densities = densities;
        this.senones = senones;
        this.weights = weights;
        for (int i = 0; i < 256; i++) {
            linear[i] = (float) Math.exp(-i * STEP);
        }
    }

    /** Reads a sendump file. */
    public static SenoneMixtureWeights read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        try {
            int n = b.getInt();
            if (n < 1 || n > 999) {
                b.order(ByteOrder.BIG_ENDIAN);
                n = Integer.reverseBytes(n);
                if (n < 1 || n > 999) throw new ModelFormatException(file + ": not a sendump file");
            }
            int streams = 1, clusters = 0, bits = 8;
            while (n != 0) {
                byte[] s = new byte[n];
                b.get(s);
                String line = new String(s, 0, Math.max(0, n - 1), StandardCharsets.US_ASCII);
                if (line.startsWith("feature_count ")) streams = Integer.parseInt(line.substring(14).trim());
                if (line.startsWith("cluster_count ")) clusters = Integer.parseInt(line.substring(14).trim());
                if (line.startsWith("cluster_bits ")) bits = Integer.parseInt(line.substring(13).trim());
                n = b.getInt();
            }
            if (clusters != 0 || bits != 8) {
                throw new ModelFormatException(file + ": clustered/4-bit sendump is not supported");
            }
            int densities = b.getInt();
            int senones = b.getInt();
            if ((long) streams * densities * senones != b.remaining()) {
                throw new ModelFormatException(file + ": " + b.remaining() + " weight bytes, header says "
                        + streams + "x" + densities + "x" + senones);
            }
            byte[][] w = new byte[streams][densities * senones];
            for (byte[] row : w) b.get(row);
            return new SenoneMixtureWeights(streams, densities, senones, w);
        } catch (java.nio.BufferUnderflowException e) {
            throw new ModelFormatException(file + ": truncated sendump");
        }
    }
}
