package dev.hark.wakeword.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a training run's jobs (speaking, dressing and embedding clips) on a thread pool and waits for
 * them in order, passing an {@link IOException} of a job on as it is, reporting progress every tenth.
 */
final class Jobs {
    private Jobs() {
    }

    /** The results of {@code jobs}, in order; {@code what} names them in progress lines. */
    static <T> List<T> run(ExecutorService pool, List<Callable<T>> jobs, String what, Consumer<String> progress)
            throws IOException {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> j : jobs) {
            futures.add(pool.submit(j));
        }
        List<T> out = new ArrayList<>();
        int step = Math.max(1, jobs.size() / 10);
        for (int i = 0; i < futures.size(); i++) {
            out.add(await(futures.get(i)));
            if ((i + 1) % step == 0 || i + 1 == futures.size()) {
                progress.accept(String.format(java.util.Locale.ROOT, "%s: %d/%d", what, i + 1, futures.size()));
            }
        }
        return out;
    }

    /** The result of {@code future}; a job's {@link IOException} is thrown as it is. */
    static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }
}
