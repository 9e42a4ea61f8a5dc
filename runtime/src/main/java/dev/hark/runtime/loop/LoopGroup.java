package dev.hark.runtime.loop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs the assistant loops of one {@code hark run} together, one per audio stream (the local input and
 * each satellite of a base): the first on the calling thread, each other on its own thread
 * ("hark-site-N"), since a loop blocks on its audio. They end together: when one input ends or
 * {@link #stop()} is called all stop; {@link #reload()} lets each finish the session under way, then all
 * return {@link AssistantLoop.Exit#RELOAD}. A loop that fails stops the others and its exception is
 * rethrown. One loop alone runs exactly as it would by itself. Costs one thread per loop beyond the first.
 */
public final class LoopGroup {
    private final List<AssistantLoop> loops;

    /** The loops to run; the first runs on the caller's thread. */
    public LoopGroup(List<AssistantLoop> loops) {
        if (loops.isEmpty()) {
            throw new IllegalArgumentException("no loop to run");
        }
        this.loops = List.copyOf(loops);
    }

    /** The loops, in the order given. */
    public List<AssistantLoop> loops() {
        return loops;
    }

    /** Runs every loop until the first ends (the others are then stopped) or all reload. */
    public AssistantLoop.Exit run() throws IOException {
        List<CompletableFuture<AssistantLoop.Exit>> others = new ArrayList<>();
        for (int i = 1; i < loops.size(); i++) {
            AssistantLoop loop = loops.get(i);
            CompletableFuture<AssistantLoop.Exit> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(loop.run());
                } catch (IOException | RuntimeException e) {
                    f.completeExceptionally(e);
                }
                // whichever loop ends first ends the group; the main loop must not read on alone
                AssistantLoop.Exit e = f.isCompletedExceptionally() ? AssistantLoop.Exit.STOPPED : f.join();
                if (e != AssistantLoop.Exit.RELOAD) {
                    stop();
                }
            }, "hark-site-" + i);
            t.setDaemon(true);
            t.start();
            others.add(f);
        }
        AssistantLoop.Exit exit;
        try {
            exit = loops.get(0).run();
        } catch (IOException | RuntimeException e) {
            stop();
            awaitAll(others);
            throw e;
        }
        if (exit == AssistantLoop.Exit.RELOAD) {
            reload();
        } else {
            stop();
        }
        List<AssistantLoop.Exit> exits = awaitAll(others);
        // an input that ended, or a stop, outranks a reload that came meanwhile
        for (AssistantLoop.Exit e : exits) {
            if (e != AssistantLoop.Exit.RELOAD && exit == AssistantLoop.Exit.RELOAD) {
                exit = e;
            }
        }
        return exit;
    }

    private static List<AssistantLoop.Exit> awaitAll(List<CompletableFuture<AssistantLoop.Exit>> others) throws IOException {
        List<AssistantLoop.Exit> exits = new ArrayList<>();
        for (CompletableFuture<AssistantLoop.Exit> f : others) {
            try {
                exits.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) e.getCause();
            }
        }
        return exits;
    }

    /** Asks every loop to end after its current frame. */
    public void stop() {
        loops.forEach(AssistantLoop::stop);
    }

    /** Asks every loop to return {@link AssistantLoop.Exit#RELOAD} once no session is under way. */
    public void reload() {
        loops.forEach(AssistantLoop::reload);
    }
}
