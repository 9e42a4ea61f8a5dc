package dev.hark.asr.feature;

/** Receives frames from a frontend stage; the array is reused by the caller after the call returns. */
@FunctionalInterface
public interface CepstrumSink {
    /** One frame of features; copy it if it must outlive the call. */
    void accept(float[] frame);
}
