package dev.hark.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hark} command: one picocli subcommand per pipeline stage that exists. Exit codes follow
 * DESIGN.md §5: 0 success, 2 bad usage, 1 runtime error with one clear line on stderr.
 */
@Command(name = "hark", mixinStandardHelpOptions = true, version = "hark 0.1.0",
        description = "Hark, an offline voice assistant for small boards.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ModelsCommand.class,
                RunCommand.class,
                SkillsCommand.class,
                NluCommand.class,
                WakeCommand.class,
                WakewordCommand.class,
                UnderstandCommand.class,
                EvalCommand.class,
                BenchCommand.class,
                SpeakerCommand.class,
        })
public final class HarkCli implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_RUNTIME = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Builds the command line with Hark's error handling; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** As {@link #commandLine()}, with commands made by {@code factory} (tests give a command a fake device). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new HarkCli(), factory);
        cl.setExecutionExceptionHandler(HarkCli::handleExecutionException);
        return cl;
    }

    private static int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof UserInputException u) {
            err.println("hark: " + u.getMessage());
            return u.exitCode();
        }
        Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
        if (cause instanceof IOException) {
            // I/O problems (missing or unreadable files, bad audio) are the user's input, not a bug
            err.println("hark: " + cause.getMessage());
            return EXIT_RUNTIME;
        }
        err.println("hark: internal error: " + e);
        e.printStackTrace(err);
        return EXIT_RUNTIME;
    }

    /** The installation or repository root: models, configuration defaults and fixtures are found from it. */
    public static java.nio.file.Path root() {
        return java.nio.file.Path.of(System.getProperty("hark.root", ".")).toAbsolutePath().normalize();
    }

    public static void main(String[] args) {
        // one line per log record, on stderr, so the journal and a terminal read alike
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "hark: %4$s: %5$s%6$s%n");
        }
        System.exit(commandLine().execute(args));
    }
}
