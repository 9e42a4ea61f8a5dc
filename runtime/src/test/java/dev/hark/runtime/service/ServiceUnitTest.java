package dev.hark.runtime.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit {@code scripts/service/hark.service}: {@code systemd-analyze verify} accepts it without
 * a single warning, its hardening scores as systemd rates it, and it keeps the settings Hark relies on.
 * Needs {@code systemd-analyze} (Debian package systemd, installed by scripts/setup.sh).
 */
class ServiceUnitTest {
    private static final Path UNIT = Path.of(System.getProperty("hark.root"), "scripts/service/hark.service");

    @TempDir
    Path tmp;

    /**
     * verify checks that ExecStart's program exists, and /opt/hark does not on a build machine: a copy
     * of the unit runs a stand-in script at a temporary path instead; nothing else is changed.
     */
    private Path verifiableCopy(String unitText) throws IOException {
        Path exe = tmp.resolve("opt/hark/bin/hark");
        Files.createDirectories(exe.getParent());
        Files.writeString(exe, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = Files.createDirectories(tmp.resolve("units"));
        Path copy = dir.resolve("hark.service");
        Files.writeString(copy, unitText.replace("/opt/hark/bin/hark", exe.toString()));
        return copy;
    }

    private ProcessRun verify(Path unit) throws Exception {
        return ProcessRun.of(tmp, "systemd-analyze", "verify", "--man=no", unit.toString());
    }

    @Test
    void systemdAnalyzeVerifyAcceptsTheUnitWithoutWarnings() throws Exception {
        ProcessRun run = verify(verifiableCopy(Files.readString(UNIT)));
        assertEquals(0, run.exit(), run.output());
        assertEquals("", run.output().strip(), "systemd-analyze verify warned");
    }

    @Test
    void theVerifyCheckCatchesAMisspeltSetting() throws Exception {
        // verify exits 0 on unknown keys and bad values, only warning: the check must read its output
        String broken = Files.readString(UNIT).replace("Restart=on-failure", "Restart=on-falure")
                .replace("TimeoutStopSec=", "TimeoutStopSek=");
        ProcessRun run = verify(verifiableCopy(broken));
        assertTrue(run.output().contains("TimeoutStopSek"), run.output());
        assertTrue(run.output().contains("on-falure"), run.output());
    }

    @Test
    void theMqttDropInVerifiesAndOpensTheNetworkToTheBrokerOnly() throws Exception {
        Path unit = verifiableCopy(Files.readString(UNIT));
        Path dropIn = Files.createDirectories(unit.resolveSibling("hark.service.d")).resolve("mqtt.conf");
        Files.copy(UNIT.resolveSibling("mqtt.conf"), dropIn);
        ProcessRun run = verify(unit);
        assertEquals(0, run.exit(), run.output());
        assertEquals("", run.output().strip(), "systemd-analyze verify warned about the drop-in");
        List<String> lines = Files.readAllLines(dropIn);
        assertTrue(lines.contains("PrivateNetwork=no"));
        assertTrue(lines.contains("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("IPAddressAllow=")));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("IPAddressDeny=")), "the unit's deny-all stays");
    }

    @Test
    void hardeningExposureStaysLow() throws Exception {
        ProcessRun run = ProcessRun.of(tmp, "systemd-analyze", "security", "--offline=yes",
                verifiableCopy(Files.readString(UNIT)).toString());
        Matcher m = Pattern.compile("Overall exposure level for hark\\.service: ([0-9.]+)").matcher(run.output());
        assertTrue(m.find(), run.output());
        double exposure = Double.parseDouble(m.group(1));
        // 10 is an unhardened service; 0.7 when written. Device access and the JIT keep it above 0.
        assertTrue(exposure <= 1.0, "exposure " + exposure + "\n" + run.output());
    }

    @Test
    void unitKeepsWhatHarkNeeds() throws Exception {
        List<String> lines = settings();
        assertTrue(lines.contains("Restart=on-failure"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RestartSec=")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("StartLimitBurst=")));
        assertTrue(lines.contains("ExecReload=/bin/kill -HUP $MAINPID"));
        assertTrue(lines.contains("ExecStart=/opt/hark/bin/hark run --config /etc/hark/config.json --json"));
        assertTrue(lines.contains("ProtectSystem=strict"));
        assertTrue(lines.contains("ReadWritePaths=/var/lib/hark"));
        assertTrue(lines.contains("SupplementaryGroups=audio gpio"));
        assertTrue(lines.contains("DeviceAllow=char-alsa rw"));
        assertTrue(lines.contains("DeviceAllow=char-gpiochip rw"));
        assertTrue(lines.contains("SuccessExitStatus=143"), "the JVM exits 143 after a clean SIGTERM");
        // these would take the sound card away or stop the JIT
        assertFalse(lines.contains("PrivateDevices=yes"));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("MemoryDenyWriteExecute=yes")));
        // the JVM options are the launchers' (jvm.options), not the unit's: one place for both
        assertFalse(lines.stream().anyMatch(l -> l.contains("HARK_JAVA_OPTS")), "the unit must not override jvm.options");
        List<String> opts = dev.hark.runtime.bench.ChildRun.jvmOptions(UNIT.resolveSibling("jvm.options"));
        assertTrue(opts.contains("-XX:+UseSerialGC") && opts.stream().anyMatch(o -> o.startsWith("-Xmx")), opts.toString());
        Matcher stop = Pattern.compile("TimeoutStopSec=(\\d+)s").matcher(String.join("\n", lines));
        assertTrue(stop.find());
        assertNotEquals(0, Integer.parseInt(stop.group(1)));
        assertTrue(Integer.parseInt(stop.group(1)) <= 10, "a stop must not hang for long");
    }

    private static List<String> settings() throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(UNIT)) {
            if (!l.isBlank() && !l.startsWith("#")) {
                out.add(l.strip());
            }
        }
        return out;
    }
}
