package dev.hark.runtime.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the hark command in-process and keeps what it printed. */
final class CliHarness {
    final int exit;
    final String out;
    final String err;

    private CliHarness(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static CliHarness run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = HarkCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliHarness(code, out.toString(), err.toString());
    }
}
