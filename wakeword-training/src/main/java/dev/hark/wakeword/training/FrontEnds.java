package dev.hark.wakeword.training;

import dev.hark.wakeword.ModelLoadException;
import dev.hark.wakeword.SpeechEmbeddings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One wake-word front end ({@link SpeechEmbeddings}) per worker thread, opened on a thread's first
 * use and all closed together: ONNX Runtime sessions are not shared between embedding jobs, so that
 * each thread streams its clips from its own state. Cost: one pair of sessions (about 3 MB of
 * weights) per thread.
 */
final class FrontEnds implements AutoCloseable {
    private final List<SpeechEmbeddings> opened = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<SpeechEmbeddings> local;

    /**
     * Checks on the calling thread that the front end's models load from {@code modelDirectory}.
     *
     * @throws ModelLoadException when they are missing or unreadable (reported once, here)
     */
    FrontEnds(Path modelDirectory) throws ModelLoadException {
        SpeechEmbeddings.open(modelDirectory, 1).close();
        local = ThreadLocal.withInitial(() -> {
            try {
                SpeechEmbeddings e = SpeechEmbeddings.open(modelDirectory, 1);
                opened.add(e);
                return e;
            } catch (ModelLoadException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /** The calling thread's front end. */
    SpeechEmbeddings get() {
        return local.get();
    }

    @Override
    public void close() {
        opened.forEach(SpeechEmbeddings::close);
    }
}
