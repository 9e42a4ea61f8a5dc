package dev.hark.runtime.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/install-service.sh --root DIR} and {@code uninstall-service.sh} on a temporary root: the
 * layout, a launcher that runs from it, a usable class-data sharing archive, the administrator's
 * configuration and the state surviving a reinstall, and what uninstall keeps and purges.
 * Installs the jar that {@code mvn install} built (scripts/setup.sh and CI build it before the tests).
 */
class InstallServiceTest {
    private static final Path REPO = Path.of(System.getProperty("hark.root"));

    @TempDir
    Path root;

    private ProcessRun script(String name, String... args) throws Exception {
        List<String> cmd = Stream.concat(Stream.of(REPO.resolve("scripts").resolve(name).toString()), Stream.of(args))
                .collect(Collectors.toList());
        return ProcessRun.of(REPO, Map.of(), 180, cmd);
    }

    @Test
    void installsUpgradesAndUninstallsInATemporaryRoot() throws Exception {
        Path jar = REPO.resolve("runtime/target/hark-runtime.jar");
        assumeTrue(Files.isRegularFile(jar), "runtime/target/hark-runtime.jar is not built (run mvn install -DskipTests)");

        ProcessRun install = script("install-service.sh", "--root", root.toString(), "--cds");
        assertEquals(0, install.exit(), install.output());
        assertTrue(install.output().contains("journalctl -u hark -f"), install.output());

        Path opt = root.resolve("opt/hark");
        assertTrue(Files.isExecutable(opt.resolve("bin/hark")));
        assertTrue(Files.isRegularFile(opt.resolve("hark-runtime.jar")));
        assertEquals(jarNames(REPO.resolve("runtime/target/lib")), jarNames(opt.resolve("lib")), "every library jar");
        boolean onnxRuntime = jarNames(opt.resolve("lib")).stream().anyMatch(n -> n.startsWith("onnxruntime-"));
        assertEquals(onnxRuntime, Files.isRegularFile(opt.resolve("lib/native/libonnxruntime.so")),
                "ONNX Runtime's native library is unpacked at install time exactly when Hark ships ONNX Runtime");
        assertTrue(Files.isRegularFile(opt.resolve("models/models.json")));
        assertEquals(fileNames(REPO.resolve("models/files")), fileNames(opt.resolve("models/files")), "every model");
        assertTrue(Files.isRegularFile(opt.resolve("examples/conversation.wav")));
        for (String d : List.of("skills", "state", "voices")) {
            assertTrue(Files.isDirectory(root.resolve("var/lib/hark").resolve(d)), d);
        }
        Path unit = root.resolve("etc/systemd/system/hark.service");
        assertEquals(Files.readString(REPO.resolve("scripts/service/hark.service")), Files.readString(unit));
        assertTrue(Files.isSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/hark.service")),
                "enabled for multi-user.target");
        Path config = root.resolve("etc/hark/config.json");

        // the installed launcher finds its jar, libraries and models from its own location
        ProcessRun printed = ProcessRun.of(root, opt.resolve("bin/hark").toString(), "run", "--config",
                config.toString(), "--print-config");
        assertEquals(0, printed.exit(), printed.output());
        assertTrue(printed.output().contains("\"/opt/hark/models/files\""), printed.output());
        ProcessRun verify = ProcessRun.of(root, opt.resolve("bin/hark").toString(), "models", "verify");
        assertEquals(0, verify.exit(), verify.output());
        assertTrue(verify.output().contains(opt.resolve("models/files").toString()), "checks the installed copies");

        // -Xshare:on refuses to start when the archive is missing, corrupt or made for other jars
        assertTrue(Files.size(opt.resolve("lib/hark.jsa")) > 0);
        ProcessRun shared = ProcessRun.of(root, Map.of("HARK_JAVA_OPTS", "-Xshare:on -XX:+UseSerialGC"), 60,
                List.of(opt.resolve("bin/hark").toString(), "--version"));
        assertEquals(0, shared.exit(), shared.output());

        // a reinstall (an upgrade) keeps the administrator's configuration and the state
        Files.writeString(config, "{\"audio\": {\"ringBufferFrames\": 32}}\n");
        Path timers = root.resolve("var/lib/hark/state/timers.json");
        Files.writeString(timers, "{}");
        ProcessRun again = script("install-service.sh", "--root", root.toString());
        assertEquals(0, again.exit(), again.output());
        assertEquals("{\"audio\": {\"ringBufferFrames\": 32}}\n", Files.readString(config));
        assertTrue(Files.exists(timers));

        ProcessRun uninstall = script("uninstall-service.sh", "--root", root.toString());
        assertEquals(0, uninstall.exit(), uninstall.output());
        assertFalse(Files.exists(opt));
        assertFalse(Files.exists(root.resolve("etc/hark")));
        assertFalse(Files.exists(unit));
        assertFalse(Files.exists(root.resolve("etc/systemd/system/multi-user.target.wants/hark.service"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(root.resolve("usr/local/bin/hark"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(timers), "state stays unless --purge");

        ProcessRun purge = script("uninstall-service.sh", "--root", root.toString(), "--purge");
        assertEquals(0, purge.exit(), purge.output());
        assertFalse(Files.exists(root.resolve("var/lib/hark")));
    }

    @Test
    void refusesAnInvalidExistingConfiguration() throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("runtime/target/hark-runtime.jar")), "runtime jar not built");
        Path config = root.resolve("etc/hark/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"audio\": {\"ringBufferFrames\": 1}}");
        ProcessRun install = script("install-service.sh", "--root", root.toString());
        assertEquals(1, install.exit(), install.output());
        assertTrue(install.output().contains("$.audio.ringBufferFrames"), install.output());
        assertTrue(install.output().contains("config.json is refused"), install.output());
    }

    @Test
    void aFailedUpgradeLeavesTheInstalledHarkAsItWas(@TempDir Path broken) throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("runtime/target/hark-runtime.jar")), "runtime jar not built");
        ProcessRun install = script("install-service.sh", "--root", root.toString());
        assertEquals(0, install.exit(), install.output());

        // a checkout whose models were never fetched: only the manifest and one model file
        ProcessRun copy = ProcessRun.of(REPO, "cp", "-r", "scripts", "examples", broken.toString());
        assertEquals(0, copy.exit(), copy.output());
        Files.createDirectories(broken.resolve("runtime/target"));
        Files.createDirectories(broken.resolve("models/files"));
        ProcessRun copyBuild = ProcessRun.of(REPO, "cp", "-r", "runtime/target/hark-runtime.jar", "runtime/target/lib",
                broken.resolve("runtime/target").toString());
        assertEquals(0, copyBuild.exit(), copyBuild.output());
        Files.copy(REPO.resolve("models/models.json"), broken.resolve("models/models.json"));
        Files.copy(REPO.resolve("models/files/melspectrogram.onnx"), broken.resolve("models/files/melspectrogram.onnx"));

        ProcessRun upgrade = ProcessRun.of(broken, Map.of(), 180,
                List.of(broken.resolve("scripts/install-service.sh").toString(), "--root", root.toString()));
        assertEquals(1, upgrade.exit(), upgrade.output());
        assertTrue(upgrade.output().contains("silero_vad"), "names a missing model\n" + upgrade.output());
        assertEquals(fileNames(REPO.resolve("models/files")), fileNames(root.resolve("opt/hark/models/files")),
                "the installed models are untouched");
        assertFalse(Files.exists(root.resolve("opt/hark.new")));
    }

    private static Set<String> jarNames(Path dir) throws Exception {
        return fileNames(dir).stream().filter(n -> n.endsWith(".jar")).collect(Collectors.toSet());
    }

    private static Set<String> fileNames(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
