package io.rudp.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Runs {@code rudp} commands in-process with captured output: {@link #run} in the calling thread,
 * {@link #start} in a background thread that a test can wait on, interrupt and join (bounded).
 */
final class Cli implements AutoCloseable {

    /** Bound on waiting for a background command to print something or to exit. */
    static final Duration BOUND = Duration.ofSeconds(30);

    private static final Pattern LISTENING = Pattern.compile("listening on [^\\s]*:(\\d+)");

    final WatchedWriter out = new WatchedWriter();
    final WatchedWriter err = new WatchedWriter();
    private final Thread thread;
    private volatile int exitCode = Integer.MIN_VALUE;

    private Cli(String[] args, Consumer<CommandLine> setup) {
        thread = new Thread(() -> exitCode = execute(args, setup, out, err), "cli-" + args[0]);
        thread.setDaemon(true);
    }

    /** The result of a finished command. */
    record Result(int exitCode, String out, String err) {
        /** The lines on stderr that are error messages (progress lines excluded). */
        String[] errorLines() {
            return err.lines().filter(l -> l.startsWith("rudp")).toArray(String[]::new);
        }
    }

    /** Runs {@code args} in the calling thread. */
    static Result run(String... args) {
        return run(cli -> { }, args);
    }

    /** Runs {@code args} in the calling thread after {@code setup} prepared the command line. */
    static Result run(Consumer<CommandLine> setup, String... args) {
        WatchedWriter out = new WatchedWriter();
        WatchedWriter err = new WatchedWriter();
        int code = execute(args, setup, out, err);
        return new Result(code, out.toString(), err.toString());
    }

    /** Starts {@code args} in a background thread. */
    static Cli start(String... args) {
        Cli cli = new Cli(args, c -> { });
        cli.thread.start();
        return cli;
    }

    private static int execute(String[] args, Consumer<CommandLine> setup, WatchedWriter out, WatchedWriter err) {
        CommandLine cli = RudpCli.newCommandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        setup.accept(cli);
        return cli.execute(args);
    }

    /** Waits for the "listening on HOST:PORT" line of a server command and returns the port. */
    int awaitListeningPort() throws InterruptedException {
        return Integer.parseInt(out.await(LISTENING, BOUND).group(1));
    }

    /** Waits (bounded) for the command to end and returns its result. */
    Result await() throws InterruptedException {
        thread.join(BOUND.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("the command did not end within " + BOUND + "; out:\n" + out + "\nerr:\n" + err);
        }
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Interrupts the command (as Ctrl-C does through the shutdown hook). */
    void interrupt() {
        thread.interrupt();
    }

    /** Stops a command still running (a failed test) and waits for it, bounded. */
    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
