package dev.hark.runtime.loop;

import dev.hark.runtime.feedback.ProcessSpeechSynthesizer;
import dev.hark.runtime.feedback.ProcessSpeechSynthesizer.Engine;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic wake phrases (there are no real recordings of the wake words here): flite and espeak-ng
 * voices the pre-trained model detects when the phrase is said alone in room noise (checked with
 * {@code hark wake}; the voices it misses are left out). Deterministic: the same program and voice say
 * the same samples.
 */
final class WakePhrases {
    /** A voice of one of the two programs. */
    record Voice(Engine engine, String name) {
        @Override
        public String toString() {
            return engine.program() + ":" + name;
        }
    }

    private static final Map<String, List<Voice>> VOICES = Map.of(
            "alexa", List.of(new Voice(Engine.FLITE, "slt"), new Voice(Engine.FLITE, "kal16"),
                    new Voice(Engine.FLITE, "rms"), new Voice(Engine.ESPEAK_NG, "en-gb"), new Voice(Engine.ESPEAK_NG, "en+m3")),
            "hey_jarvis", List.of(new Voice(Engine.FLITE, "kal16"), new Voice(Engine.FLITE, "awb"),
                    new Voice(Engine.FLITE, "rms"), new Voice(Engine.ESPEAK_NG, "en-us"),
                    new Voice(Engine.ESPEAK_NG, "en-gb-scotland"), new Voice(Engine.ESPEAK_NG, "en+m3"),
                    new Voice(Engine.FLITE, "kal")));

    private final Map<String, short[]> made = new HashMap<>();

    /** The voices used for {@code model}'s phrase. */
    static List<Voice> voices(String model) {
        List<Voice> v = VOICES.get(model);
        if (v == null) {
            throw new IllegalArgumentException("no wake phrase voices for " + model + "; known: " + VOICES.keySet());
        }
        return v;
    }

    /** The phrase of a pre-trained model ("hey_jarvis" says "hey jarvis"). */
    static String text(String model) {
        return model.replace('_', ' ');
    }

    /** {@code model}'s phrase said by {@code voice}, 16 kHz (made once per instance). */
    short[] say(String model, Voice voice) throws IOException {
        String key = model + "/" + voice;
        short[] pcm = made.get(key);
        if (pcm == null) {
            pcm = new ProcessSpeechSynthesizer(voice.engine(), voice.engine().program(), voice.name())
                    .synthesize(text(model)).samples();
            made.put(key, pcm);
        }
        return pcm;
    }
}
