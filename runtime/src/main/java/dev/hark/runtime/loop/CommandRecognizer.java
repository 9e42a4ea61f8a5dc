package dev.hark.runtime.loop;

import dev.hark.nlu.ParseResult;
import java.util.Set;

/**
 * The loop's view of speech recognition and parsing: audio streams in while the person speaks; at
 * the end of speech only finalisation is left. Implemented over hark-asr's grammar recogniser with
 * slot values resolved by hark-nlu.
 */
public interface CommandRecognizer extends AutoCloseable {

    /** What was heard and understood: the parse's intent is null when the speech was out of grammar. */
    record Understanding(String transcript, double confidence, ParseResult parse) {
    }

    /** Starts a command; {@code intents} restricts the answer to these intents (empty: any intent). */
    void begin(Set<String> intents);

    /** Streams {@code length} samples of {@code pcm} from {@code offset}. */
    void accept(short[] pcm, int offset, int length);

    /** Ends the command and returns the best understanding. */
    Understanding finish();

    @Override
    void close();
}
