package dev.flagbench.harness.cli;

import dev.flagbench.harness.report.CompareCommand;
import dev.flagbench.harness.report.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The real entry point of harness.jar on JDK 25: the {@code flagbench} command and its subcommands. */
@Command(name = "flagbench", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Compares JVM concurrency models on Fluent Python's flag downloads and an echo server.",
        subcommands = {ModelsCommand.class, MockServerCommand.class, FlagsCommand.class, EchoServerCommand.class,
                SpinnerCommand.class,
                RunCommand.class, ReportCommand.class, CompareCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success; 1 failure (a port in use, a server that cannot start);",
                "2 bad options; 130 interrupted (Ctrl-C)."})
public final class Cli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@link #main} and for tests that capture its output. */
    public static CommandLine commandLine() {
        return new CommandLine(new Cli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Without a subcommand: prints the usage and fails as a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"flagbench " + BuildInfo.version() + " on Java " + Runtime.version()};
        }
    }
}
