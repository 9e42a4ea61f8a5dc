package dev.hark.runtime.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live path of {@code install-service.sh} (no --root: the hark user, its groups, ownership, the command
 * link) and of {@code uninstall-service.sh}, run as root inside a private mount namespace in which /etc,
 * /opt, /var/lib and /usr/local/bin are temporary copies, so the machine running the test is left as it
 * was. Skipped where that is impossible (not root, or a container without the right to unshare mounts).
 */
class InstallServiceLiveTest {
    private static final Path REPO = Path.of(System.getProperty("hark.root"));

    @TempDir
    Path tmp;

    @Test
    void installsTheUserAndOwnershipThenUninstallsKeepingStateUntilPurge() throws Exception {
        assumeTrue(Files.isRegularFile(REPO.resolve("runtime/target/hark-runtime.jar")), "runtime jar not built");
        assumeTrue(ProcessRun.of(tmp, "id", "-u").output().strip().equals("0"), "needs root");
        assumeTrue(ProcessRun.of(tmp, "unshare", "-m", "--propagation", "private", "true").exit() == 0,
                "no right to make a mount namespace here");

        String script = String.join("\n",
                "set -e",
                "t=" + tmp,
                "mkdir -p $t/opt $t/varlib $t/bin",
                "cp -a /etc $t/etc",
                "mount --bind $t/etc /etc; mount --bind $t/opt /opt",
                "mount --bind $t/varlib /var/lib; mount --bind $t/bin /usr/local/bin",
                "getent passwd hark >/dev/null && userdel hark",
                "scripts/install-service.sh >/dev/null",
                "echo \"GROUPS=$(id -nG hark)\"",
                "echo \"STATE_OWNER=$(stat -c %U:%G /var/lib/hark/state)\"",
                "echo \"CONFIG_OWNER=$(stat -c %U:%G /etc/hark/config.json)\"",
                "echo \"COMMAND=$(hark --version)\"",
                "echo \"ARCHIVE=$(test -s /opt/hark/lib/hark.jsa && echo yes)\"",
                "scripts/install-service.sh >/dev/null",
                "echo \"AGAIN=$(id -nG hark)\"",
                "touch /var/lib/hark/state/timers.json",
                "scripts/uninstall-service.sh >/dev/null",
                "echo \"KEPT_USER=$(getent passwd hark | cut -d: -f1)\"",
                "echo \"KEPT_STATE=$(ls /var/lib/hark/state)\"",
                "echo \"REMOVED=$(find /opt /usr/local/bin /etc/hark /etc/systemd/system/hark.service -mindepth 0 2>/dev/null | grep -v -x -e /opt -e /usr/local/bin | tr '\\n' ' ')\"",
                "scripts/uninstall-service.sh --purge >/dev/null",
                "echo \"PURGED_USER=$(getent passwd hark | cut -d: -f1)\"",
                "echo \"PURGED_STATE=$(test -e /var/lib/hark && echo present)\"",
                "");
        Path file = tmp.resolve("live.sh");
        Files.writeString(file, script);
        ProcessRun run = ProcessRun.of(REPO, Map.of(), 300,
                List.of("unshare", "-m", "--propagation", "private", "bash", file.toString()));
        String out = run.output();
        assertEquals(0, run.exit(), out);
        String groups = out.lines().filter(l -> l.startsWith("GROUPS=")).findFirst().orElse("GROUPS=");
        assertEquals(Set.of("hark", "audio", "gpio"), Set.of(groups.substring(7).split(" ")), out);
        assertTrue(out.contains("AGAIN=" + groups.substring(7) + "\n"), "a reinstall keeps the groups\n" + out);
        assertTrue(out.contains("STATE_OWNER=hark:hark\n"), out);
        assertTrue(out.contains("CONFIG_OWNER=root:hark\n"), out);
        assertTrue(out.contains("COMMAND=hark 0.1.0\n"), out);
        assertTrue(out.contains("ARCHIVE=yes\n"), "a live install makes the CDS archive\n" + out);
        assertTrue(out.contains("KEPT_USER=hark\n"), out);
        assertTrue(out.contains("KEPT_STATE=timers.json\n"), out);
        assertTrue(out.contains("REMOVED=\n"), out);
        assertTrue(out.contains("PURGED_USER=\n"), out);
        assertTrue(out.contains("PURGED_STATE=\n"), out);
    }
}
