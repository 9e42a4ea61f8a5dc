package dev.hark.runtime.cli;

/**
 * A mistake in what the user gave Hark (a file, a flag's value, a configuration). The CLI prints the
 * message as one line and exits with {@link #exitCode()}, never a stack trace.
 */
public class UserInputException extends RuntimeException {
    private final int exitCode;

    /** A bad input found while working (exit 1). */
    public UserInputException(String message) {
        this(message, HarkCli.EXIT_RUNTIME);
    }

    /** A bad input with an explicit exit code: {@link HarkCli#EXIT_USAGE} for bad usage or configuration. */
    public UserInputException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
