package dev.hark.runtime.cli;

/**
 * Routes SIGHUP (systemctl reload) to a reload of the configuration and skills. Uses the JDK's
 * {@code sun.misc.Signal}, the only way a Java program handles SIGHUP; where it is unavailable the
 * signal keeps its default action and reload needs a restart. A process started with SIGHUP ignored
 * ({@code nohup}, some job runners) cannot handle it either: the JVM leaves an ignored shutdown signal
 * ignored and {@code Signal.handle} says so only by returning {@code SIG_IGN}, so that is reported.
 */
final class ReloadSignal {
    private ReloadSignal() {
    }

    static void install(Runnable onHangUp) {
        try {
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> onHangUp.run());
            if (previous == sun.misc.SignalHandler.SIG_IGN) {
                System.getLogger(ReloadSignal.class.getName()).log(System.Logger.Level.WARNING,
                        "SIGHUP was ignored when Hark started (nohup?), so it cannot reload the configuration;"
                                + " restart Hark to reload it");
            }
        } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
            System.getLogger(ReloadSignal.class.getName()).log(System.Logger.Level.WARNING,
                    "SIGHUP cannot be handled here; reload the configuration by restarting Hark");
        }
    }
}
