package dev.hark.speaker;

/**
 * Arithmetic on speaker embeddings (unit vectors compared by cosine). Static and allocation-free
 * except where a new vector is the result; O(dimension) per call.
 */
public final class Embeddings {
    private Embeddings() {
    }

    /** Cosine similarity of two vectors of equal length (dot product when both are unit length). */
    public static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * (double) b[i];
            na += a[i] * (double) a[i];
            nb += b[i] * (double) b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** Scales {@code v} to unit length in place and returns it. */
    public static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * (double) x;
        }
        if (n > 0) {
            float inv = (float) (1 / Math.sqrt(n));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    /** The unit-length mean direction of several embeddings. */
    public static float[] mean(float[][] vectors) {
        float[] m = new float[vectors[0].length];
        for (float[] v : vectors) {
            for (int i = 0; i < m.length; i++) {
                m[i] += v[i];
            }
        }
        return normalise(m);
    }
}
