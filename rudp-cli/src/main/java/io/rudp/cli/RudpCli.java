package io.rudp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code rudp} command. Exit codes: 0 success, 1 the operation failed (refused, timed out,
 * lost, disk full...), 2 bad usage or input (picocli's usage errors too). Errors print one clear
 * line on stderr; {@code --verbose} adds the stack trace.
 */
@Command(name = "rudp", mixinStandardHelpOptions = true, versionProvider = RudpCli.Version.class,
        description = "Reliable, ordered transport over UDP: demo, file transfer, echo and chat, a UDP impairment proxy, and trace plots.",
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, SendCommand.class, ReceiveCommand.class,
            EchoCommand.class, ChatCommand.class, ProxyCommand.class, PlotCommand.class},
        footer = {"", "Benchmarks (from rudp-bench, through the ./rudp launcher):",
            "  rudp bench [--only loopback,latency,link,fairness] [--reps N] [--quick]",
            "  runs rudp against TCP and raw UDP and writes a Markdown report with PNG",
            "  charts; see 'rudp bench --help'."})
public final class RudpCli {

    /** Exit code of an operation that failed at run time. */
    public static final int EXIT_FAILED = 1;
    /** Exit code of bad usage or bad input. */
    public static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** A configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new RudpCli());
        cli.setExecutionExceptionHandler(RudpCli::handleFailure);
        cli.setParameterExceptionHandler(RudpCli::handleUsageError);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILED);
        return cli;
    }

    private static int handleFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean verbose = false;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            verbose |= p.hasMatchedOption("--verbose"); // inherited: given on the subcommand, it matches there
        }
        if (e instanceof UsageException) {
            err.println(prefix(cli) + e.getMessage());
            return EXIT_USAGE;
        }
        err.println(prefix(cli) + describe(e));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILED;
    }

    /** Bad usage: one line naming the problem and where to get help, exit code 2. */
    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(prefix(cli) + e.getMessage() + " (see '" + prefix(cli).replace(":", "").trim() + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    /** "rudp: " for the top command, "rudp send: " for a subcommand. */
    private static String prefix(CommandLine cli) {
        return cli.getParent() == null ? "rudp: " : "rudp " + cli.getCommandName() + ": ";
    }

    /** One line: the message, else the exception's simple name. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Bad input detected by a command after parsing (exit code 2). */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * {@code rudp --version}: the project's version (written into {@code version.properties} by
     * the build), the Java runtime and the system, as a bug report wants them.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = RudpCli.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IOException("version.properties is missing from the rudp-cli build; rebuild it with Maven");
                }
                p.load(in);
            }
            return new String[] {
                "rudp " + p.getProperty("version"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
