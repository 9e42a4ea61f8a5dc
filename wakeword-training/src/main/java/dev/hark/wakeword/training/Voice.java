package dev.hark.wakeword.training;

/**
 * One synthetic voice: a flite voice ({@code engine} "flite", {@code name} e.g. "slt") or an espeak-ng
 * language with a voice variant ({@code engine} "espeak-ng", {@code name} e.g. "en-us+Alex").
 */
record Voice(String engine, String name) {
    static final String FLITE = "flite";
    static final String ESPEAK = "espeak-ng";

    @Override
    public String toString() {
        return engine + ":" + name;
    }
}
