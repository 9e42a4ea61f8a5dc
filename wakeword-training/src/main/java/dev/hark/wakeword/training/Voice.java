package dev.hark.wakeword.training;

/**
 * One synthetic voice: a flite voice ({@code engine} "flite", {@code name} e.g. "slt") or an espeak-ng
 * language with a voice variant ({@code engine} "espeak-ng", {@code name} e.g. "en-us+Alex"), or a festival
 * voice ({@code engine} "festival", {@code name} e.g. "kal_diphone").
 */
record Voice(String engine, String name) {
    static final String FLITE = "flite";
    static final String ESPEAK = "espeak-ng";
    static final String FESTIVAL = "festival";

    @Override
    public String toString() {
        return engine + ":" + name;
    }
}
