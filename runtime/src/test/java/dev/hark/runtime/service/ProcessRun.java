package dev.hark.runtime.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The exit status and merged output of an external command that the service tests run. */
record ProcessRun(int exit, String output) {

    /** Runs {@code command} in {@code dir} with extra environment, failing after {@code timeoutS}. */
    static ProcessRun of(Path dir, Map<String, String> env, long timeoutS, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        // the outputs are small: reading to the end before waiting cannot block the child
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + timeoutS + " s:\n" + out);
        }
        return new ProcessRun(p.exitValue(), out);
    }

    static ProcessRun of(Path dir, String... command) throws IOException, InterruptedException {
        return of(dir, Map.of(), 120, List.of(command));
    }
}
