package dev.hark.wakeword;

/**
 * The wake-phrase clips the recall test and the benchmark share: four flite voices saying each
 * pre-trained model's phrase in six conditions (alone, leading a command, inside a sentence, slowed,
 * sped up, in white noise at 10 dB SNR).
 */
final class WakePhraseCorpus {
    static final String[] VOICES = {"slt", "awb", "rms", "kal16"};
    static final String[] KEYWORDS = {"alexa", "hey_jarvis", "hey_mycroft", "hey_rhasspy"};
    /**
     * What flite is asked to say for each keyword. flite reads the spelling "mycroft" as something the
     * model does not accept (scores stay near 0), so that phrase is spelled as heard.
     */
    static final String[] PHRASES = {"alexa", "hey jarvis", "hey my croft", "hey rhasspy"};
    static final String[] CONDITIONS = {"alone", "command", "in sentence", "tempo 0.8", "tempo 1.25", "noise 10 dB"};

    private WakePhraseCorpus() {
    }

    static short[] clip(String voice, String phrase, String condition) throws Exception {
        switch (condition) {
            case "alone":
                return TestAudio.flite(voice, phrase, 1.0);
            case "command":
                return TestAudio.flite(voice, phrase + ", turn on the kitchen light", 1.0);
            case "in sentence":
                return TestAudio.flite(voice, "and then I said " + phrase + " to the new speaker", 1.0);
            case "tempo 0.8":
                return TestAudio.flite(voice, phrase, 0.8);
            case "tempo 1.25":
                return TestAudio.flite(voice, phrase, 1.25);
            case "noise 10 dB":
                short[] speech = TestAudio.flite(voice, phrase, 1.0);
                double rms = TestAudio.rms(speech, 0, speech.length) / Math.pow(10, 10 / 20.0);
                short[] padded = TestAudio.concat(TestAudio.silence(0.5), speech, TestAudio.silence(0.5));
                return TestAudio.mix(padded, TestAudio.noise(padded.length, rms, voice.hashCode()));
            default:
                throw new IllegalArgumentException(condition);
        }
    }

    /** The four pre-trained models at 0.5, gated on the level gate alone. */
    static WakeWordDetector levelGatedModels() throws ModelLoadException {
        WakeWordDetector.Builder b = WakeWordDetector.builder().modelDirectory(TestAudio.MODELS).levelGateOnly();
        for (String k : KEYWORDS) {
            b.pretrainedKeyword(k, 0.5f);
        }
        return b.build();
    }

    /** Detector with all four pre-trained models at threshold 0.5, optionally VAD-gated. */
    static WakeWordDetector allModels(float gateThreshold) throws ModelLoadException {
        WakeWordDetector.Builder b = WakeWordDetector.builder().modelDirectory(TestAudio.MODELS)
                .voiceActivityGate(gateThreshold);
        for (String k : KEYWORDS) {
            b.pretrainedKeyword(k, 0.5f);
        }
        return b.build();
    }
}
