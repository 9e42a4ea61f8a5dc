package dev.hark.asr.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Diagonal Gaussian densities of a Sphinx model ({@code means} and {@code variances}), organised as
 * codebook x feature stream x density x dimension, with variances floored and the constants each
 * log-density needs precomputed: {@code logNorm - sum((x-mu)^2 * halfPrecision)}.
 * Holds 2 floats per mean element (about 0.8 MB for en-us); immutable.
 */
public final class GaussianCodebooks {
    public final int codebooks;
    public final int streams;
    public final int densities;
    public final int[] streamLength;
    /** log normaliser per [cb][stream][density] */
    final float[][][] logNorm;
    /**
     * Means and negated half-precisions stored dimension-major, one array per dimension
     * ([cb][stream][i][d]): scoring a codebook is one loop over densities per dimension whose loads
     * and stores all use the same index, the form C2 vectorises (with an offset into one long array
     * it cannot rule out aliasing and stays scalar, about half the speed).
     */
    final float[][][][] meanByDim;
    final float[][][][] negHalfByDim;

    private GaussianCodebooks(int codebooks, int streams, int densities, int[] streamLength,
                              float[][][] means, float[][][] halfPrecision, float[][][] logNorm) {
        this.codebooks = codebooks;
        this.streams = streams;
        this.densities = densities;
        this.streamLength = streamLength;
        this.logNorm = logNorm;
        meanByDim = new float[codebooks][streams][][];
        negHalfByDim = new float[codebooks][streams][][];
        for (int m = 0; m < codebooks; m++) {
            for (int s = 0; s < streams; s++) {
                int len = streamLength[s];
                float[][] mu = new float[len][densities];
                float[][] nh = new float[len][densities];
                for (int d = 0; d < densities; d++) {
                    for (int i = 0; i < len; i++) {
                        mu[i][d] = means[m][s][d * len + i];
                        nh[i][d] = -halfPrecision[m][s][d * len + i];
                    }
                }
                meanByDim[m][s] = mu;
                negHalfByDim[m][s] = nh;
            }
        }
    }

    private record Raw(int n, int f, int d, int[] len, float[][][] data) {
    }

    private static Raw read(Path file) throws IOException {
        S3BinaryReader r = new S3BinaryReader(file);
        int n = r.readInt(), f = r.readInt(), d = r.readInt();
        if (n <= 0 || f <= 0 || d <= 0 || f > 16) {
            throw new ModelFormatException(file + ": bad dimensions " + n + "x" + f + "x" + d);
        }
        int[] len = new int[f];
        int total = 0;
        for (int i = 0; i < f; i++) {
            len[i] = r.readInt();
            total += len[i];
        }
        int count = r.readInt();
        if (count != n * d * total) {
            throw new ModelFormatException(file + ": " + count + " values, header says " + n + "x" + d + "x" + total);
        }
        float[][][] data = new float[n][f][];
        for (int m = 0; m < n; m++) {
            for (int s = 0; s < f; s++) {
                data[m][s] = r.readFloats(d * len[s]);
            }
        }
        r.finish();
        return new Raw(n, f, d, len, data);
    }

    /** Reads means and variances, flooring variances at {@code varianceFloor} (Sphinx default 1e-4). */
    public static GaussianCodebooks read(Path meansFile, Path variancesFile, float varianceFloor) throws IOException {
        Raw mean = read(meansFile);
        Raw var = read(variancesFile);
        if (mean.n != var.n || mean.f != var.f || mean.d != var.d) {
            throw new ModelFormatException(variancesFile + ": dimensions differ from " + meansFile);
        }
        float[][][] half = new float[mean.n][mean.f][];
        float[][][] norm = new float[mean.n][mean.f][mean.d];
        for (int m = 0; m < mean.n; m++) {
            for (int s = 0; s < mean.f; s++) {
                int len = mean.len[s];
                float[] v = var.data[m][s];
                float[] h = new float[v.length];
                for (int k = 0; k < mean.d; k++) {
                    double logDet = 0;
                    for (int i = 0; i < len; i++) {
                        double vi = Math.max(v[k * len + i], varianceFloor);
                        h[k * len + i] = (float) (0.5 / vi);
                        logDet += Math.log(2 * Math.PI * vi);
                    }
                    norm[m][s][k] = (float) (-0.5 * logDet);
                }
                half[m][s] = h;
            }
        }
        return new GaussianCodebooks(mean.n, mean.f, mean.d, mean.len, mean.data, half, norm);
    }
}
