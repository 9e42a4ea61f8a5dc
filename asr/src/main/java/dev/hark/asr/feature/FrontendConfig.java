package dev.hark.asr.feature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Parameters of the Sphinx MFCC frontend, read from an acoustic model's {@code feat.params}.
 * Unset parameters take sphinxbase's defaults, so the features match what the model was trained on.
 * Immutable; parsing costs one small file read.
 */
public final class FrontendConfig {
    /** How cepstral mean normalisation is applied. */
    public enum CmnMode { NONE, BATCH, LIVE }

    public final int sampleRate;
    public final int frameRate;
    public final double windowLength;
    public final int fftSize;
    public final int filterCount;
    public final float lowerFrequency;
    public final float upperFrequency;
    public final int cepstraCount;
    public final int lifter;
    public final double preEmphasis;
    public final String transform;
    public final String featureType;
    public final CmnMode cmn;
    public final float[] cmnInit;
    public final boolean roundFilters;
    public final boolean unitArea;
    public final boolean removeDc;
    /** Mel-domain noise suppression (sphinxbase {@code -remove_noise}, on by default there too). */
    public final boolean removeNoise;
    /**
     * Frames between stretches of speech are dropped (sphinxbase {@code -remove_silence}, on by
     * default in pocketsphinx), with {@code -vad_prespeech} / {@code -vad_postspeech} frames kept
     * around speech, {@code -vad_startspeech} speech frames to start, and {@code -vad_threshold}.
     */
    public final boolean removeSilence;
    public final int vadPreSpeech;
    public final int vadPostSpeech;
    public final int vadStartSpeech;
    public final double vadThreshold;
    /**
     * When the VAD finds no speech in a whole utterance, decode all of it instead of nothing
     * ({@code -hark_keep_all_if_silent}, Hark's own; default yes; sphinxbase behaves as "no").
     */
    public final boolean keepAllIfSilent;

    private FrontendConfig(Map<String, String> p) {
        sampleRate = (int) Double.parseDouble(p.getOrDefault("-samprate", "16000"));
        frameRate = Integer.parseInt(p.getOrDefault("-frate", "100"));
        windowLength = Double.parseDouble(p.getOrDefault("-wlen", "0.025625"));
        fftSize = Integer.parseInt(p.getOrDefault("-nfft", "512"));
        filterCount = Integer.parseInt(p.getOrDefault("-nfilt", "40"));
        lowerFrequency = Float.parseFloat(p.getOrDefault("-lowerf", "133.33334"));
        upperFrequency = Float.parseFloat(p.getOrDefault("-upperf", "6855.4976"));
        cepstraCount = Integer.parseInt(p.getOrDefault("-ncep", "13"));
        lifter = Integer.parseInt(p.getOrDefault("-lifter", "0"));
        preEmphasis = Double.parseDouble(p.getOrDefault("-alpha", "0.97"));
        transform = p.getOrDefault("-transform", "legacy");
        featureType = p.getOrDefault("-feat", "1s_c_d_dd");
        cmn = CmnMode.valueOf(p.getOrDefault("-cmn", "live").toUpperCase());
        roundFilters = yes(p.getOrDefault("-round_filters", "yes"));
        unitArea = yes(p.getOrDefault("-unit_area", "yes"));
        removeDc = yes(p.getOrDefault("-remove_dc", "no"));
        removeNoise = yes(p.getOrDefault("-remove_noise", "yes"));
        removeSilence = yes(p.getOrDefault("-remove_silence", "yes"));
        vadPreSpeech = Integer.parseInt(p.getOrDefault("-vad_prespeech", "20"));
        vadPostSpeech = Integer.parseInt(p.getOrDefault("-vad_postspeech", "50"));
        vadStartSpeech = Integer.parseInt(p.getOrDefault("-vad_startspeech", "10"));
        vadThreshold = Float.parseFloat(p.getOrDefault("-vad_threshold", "2.0"));
        keepAllIfSilent = yes(p.getOrDefault("-hark_keep_all_if_silent", "yes"));
        String[] init = p.getOrDefault("-cmninit", "40,3,-1").split(",");
        cmnInit = new float[cepstraCount];
        for (int i = 0; i < Math.min(init.length, cepstraCount); i++) {
            cmnInit[i] = Float.parseFloat(init[i].trim());
        }
        if (!transform.equals("dct") && !transform.equals("legacy") && !transform.equals("htk")) {
            throw new IllegalArgumentException("unsupported -transform " + transform);
        }
        if (!featureType.equals("1s_c_d_dd")) {
            throw new IllegalArgumentException("unsupported -feat " + featureType + " (only 1s_c_d_dd)");
        }
        if (!"none".equals(p.getOrDefault("-agc", "none"))) {
            throw new IllegalArgumentException("unsupported -agc " + p.get("-agc"));
        }
        if (yes(p.getOrDefault("-varnorm", "no"))) {
            throw new IllegalArgumentException("unsupported -varnorm yes");
        }
    }

    private static boolean yes(String v) {
        return v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true");
    }

    /** Samples between frame starts (160 at 16 kHz, 100 frames/s). */
    public int frameShift() {
        return sampleRate / frameRate;
    }

    /** Samples in one analysis window (410 at 16 kHz). */
    public int frameSize() {
        return (int) (windowLength * sampleRate);
    }

    /** Dimension of the final feature vector (cepstra, deltas, accelerations). */
    public int featureDimension() {
        return 3 * cepstraCount;
    }

    /** Reads {@code feat.params} ("-name value" pairs, whitespace separated). */
    public static FrontendConfig read(Path featParams) throws IOException {
        return parse(Files.readString(featParams, StandardCharsets.UTF_8));
    }

    /** Parses the text of a {@code feat.params} file. */
    public static FrontendConfig parse(String text) {
        Map<String, String> p = new HashMap<>();
        String[] tokens = text.trim().split("\\s+");
        for (int i = 0; i + 1 < tokens.length; i += 2) {
            if (!tokens[i].startsWith("-")) {
                throw new IllegalArgumentException("feat.params: expected -name, found " + tokens[i]);
            }
            p.put(tokens[i], tokens[i + 1]);
        }
        return new FrontendConfig(p);
    }

    /** A copy of the parameters with noise suppression switched on or off. */
    public FrontendConfig withNoiseRemoval(boolean on) {
        Map<String, String> p = new HashMap<>(asMap());
        p.put("-remove_noise", on ? "yes" : "no");
        return new FrontendConfig(p);
    }

    /** A copy of the parameters with silence removal switched on or off. */
    public FrontendConfig withSilenceRemoval(boolean on) {
        Map<String, String> p = new HashMap<>(asMap());
        p.put("-remove_silence", on ? "yes" : "no");
        return new FrontendConfig(p);
    }

    /** A copy of the parameters with the fallback for utterances without detected speech on or off. */
    public FrontendConfig withKeepAllIfSilent(boolean on) {
        Map<String, String> p = new HashMap<>(asMap());
        p.put("-hark_keep_all_if_silent", on ? "yes" : "no");
        return new FrontendConfig(p);
    }

    /** A copy of the parameters with another CMN mode (files are decoded in batch, streams live). */
    public FrontendConfig withCmn(CmnMode mode) {
        Map<String, String> p = new HashMap<>(asMap());
        p.put("-cmn", mode.name().toLowerCase());
        return new FrontendConfig(p);
    }

    private Map<String, String> asMap() {
        Map<String, String> p = new HashMap<>();
        p.put("-samprate", Integer.toString(sampleRate));
        p.put("-frate", Integer.toString(frameRate));
        p.put("-wlen", Double.toString(windowLength));
        p.put("-nfft", Integer.toString(fftSize));
        p.put("-nfilt", Integer.toString(filterCount));
        p.put("-lowerf", Float.toString(lowerFrequency));
        p.put("-upperf", Float.toString(upperFrequency));
        p.put("-ncep", Integer.toString(cepstraCount));
        p.put("-lifter", Integer.toString(lifter));
        p.put("-alpha", Double.toString(preEmphasis));
        p.put("-transform", transform);
        p.put("-feat", featureType);
        p.put("-cmn", cmn.name().toLowerCase());
        p.put("-round_filters", roundFilters ? "yes" : "no");
        p.put("-unit_area", unitArea ? "yes" : "no");
        p.put("-remove_dc", removeDc ? "yes" : "no");
        p.put("-remove_noise", removeNoise ? "yes" : "no");
        p.put("-remove_silence", removeSilence ? "yes" : "no");
        p.put("-vad_prespeech", Integer.toString(vadPreSpeech));
        p.put("-vad_postspeech", Integer.toString(vadPostSpeech));
        p.put("-vad_startspeech", Integer.toString(vadStartSpeech));
        p.put("-vad_threshold", Double.toString(vadThreshold));
        p.put("-hark_keep_all_if_silent", keepAllIfSilent ? "yes" : "no");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cmnInit.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(cmnInit[i]);
        }
        p.put("-cmninit", sb.toString());
        return p;
    }
}
