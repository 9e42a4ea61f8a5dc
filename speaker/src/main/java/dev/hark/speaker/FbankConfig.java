package dev.hark.speaker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parameters of a speaker model's log-mel filterbank frontend, read from the model's JSON
 * description (the {@code frontend} object) so that the Java frontend computes exactly what the model
 * was trained on. Immutable; costs nothing after parsing.
 *
 * @param sampleRate     input rate in Hz (Hark streams are 16 kHz)
 * @param frameLength    samples per analysis window
 * @param frameShift     samples between window starts
 * @param fftSize        FFT points (a power of two, at least frameLength)
 * @param preemphasis    first-order pre-emphasis coefficient
 * @param melBins        number of triangular mel filters (HTK mel scale)
 * @param lowHz          lower edge of the lowest filter
 * @param highHz         upper edge of the highest filter
 * @param logFloor       floor applied to filter energies before the natural log
 * @param vadDbBelowMax  frames this many dB quieter than the loudest frame are dropped as silence
 */
public record FbankConfig(int sampleRate, int frameLength, int frameShift, int fftSize, double preemphasis,
                          int melBins, double lowHz, double highHz, double logFloor, double vadDbBelowMax) {

    public FbankConfig {
        if (frameLength < 2 || frameShift < 1 || fftSize < frameLength || Integer.bitCount(fftSize) != 1) {
            throw new IllegalArgumentException("frontend: bad framing (frame_length " + frameLength
                    + ", frame_shift " + frameShift + ", n_fft " + fftSize + ")");
        }
        if (melBins < 1 || lowHz < 0 || highHz <= lowHz || highHz > sampleRate / 2.0) {
            throw new IllegalArgumentException("frontend: bad mel range (" + melBins + " bins, "
                    + lowHz + "-" + highHz + " Hz at " + sampleRate + " Hz)");
        }
    }

    /** Parses a model description's {@code frontend} object; refuses what this frontend does not compute. */
    static FbankConfig fromJson(JsonNode n) {
        require(n, "type", "log_mel_fbank");
        require(n, "window", "hamming");
        require(n, "mel_scale", "htk");
        require(n, "normalisation", "utterance_mean");
        if (!n.path("remove_dc").asBoolean(false)) {
            throw new IllegalArgumentException("frontend.remove_dc: only true is supported");
        }
        return new FbankConfig(number(n, "sample_rate").intValue(), number(n, "frame_length").intValue(),
                number(n, "frame_shift").intValue(), number(n, "n_fft").intValue(),
                number(n, "preemphasis").doubleValue(), number(n, "num_mel_bins").intValue(),
                number(n, "low_hz").doubleValue(), number(n, "high_hz").doubleValue(),
                number(n, "log_floor").doubleValue(), number(n, "vad_db_below_max").doubleValue());
    }

    private static Number number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("frontend." + field + ": a number is required");
        }
        return v.numberValue();
    }

    private static void require(JsonNode n, String field, String expected) {
        String v = n.path(field).asText("");
        if (!expected.equals(v)) {
            throw new IllegalArgumentException("frontend." + field + ": \"" + v + "\" is not supported (expected \""
                    + expected + "\")");
        }
    }
}
