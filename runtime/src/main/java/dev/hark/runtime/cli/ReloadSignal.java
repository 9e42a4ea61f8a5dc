package dev.hark.runtime.cli;

/**
 * Routes SIGHUP (systemctl reload) to a reload of the configuration and skills. Uses the JDK's
 * {@code sun.misc.Signal}, the only way a Java program handles SIGHUP; where it is unavailable the
 * signal keeps its default action and reload needs a restart.
 */
final class ReloadSignal {
    private ReloadSignal() {
    }

    static void install(Runnable onHangUp) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> onHangUp.run());
        } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
            System.getLogger(ReloadSignal.class.getName()).log(System.Logger.Level.WARNING,
                    "SIGHUP cannot be handled here; reload the configuration by restarting Hark");
        }
    }
}
