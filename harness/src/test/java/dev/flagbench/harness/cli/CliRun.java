package dev.flagbench.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in this JVM with captured output, as a user would type it. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return with(Cli.commandLine(), args);
    }

    static CliRun with(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
