package io.rudp.cli;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.cli.support.Connections;
import io.rudp.cli.support.InterruptOnShutdown;
import io.rudp.cli.support.Messages;
import io.rudp.cli.support.Formats;
import io.rudp.cli.support.TraceOption;
import io.rudp.cli.transfer.FileReceiver;
import io.rudp.cli.transfer.ProgressBarListener;
import io.rudp.cli.transfer.TransferListener;
import io.rudp.cli.transfer.TransferResult;
import io.rudp.RudpConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rudp receive}: stores files sent with {@code rudp send}, one after another. */
@Command(name = "receive", mixinStandardHelpOptions = true,
        description = {
            "Receive files sent with `rudp send`, one after another, into DIR.",
            "Each file is written to .NAME.rudp-part, checked (size and SHA-256) and renamed to NAME only when intact;"
                + " the sender is told the outcome. Existing files are kept unless --overwrite. Runs until"
                + " interrupted (Ctrl-C), or until --count transfers were handled."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every transfer succeeded",
            "1:a transfer failed (refused, integrity, write error, connection lost) or the port could not be bound",
            "2:bad usage: DIR missing or not writable, malformed or out-of-range option"})
public final class ReceiveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT",
            description = "UDP port to listen on (0 picks a free one and prints it).")
    int port;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "Directory to store files in (default: the current directory).")
    Path dir;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Local address to listen on (default: ${DEFAULT-VALUE}, every IPv4 interface; :: for IPv6).")
    String bind;

    @Option(names = "--overwrite", description = "Replace files that already exist in DIR.")
    boolean overwrite;

    @Option(names = {"-n", "--count"}, paramLabel = "N",
            description = "Exit after N transfers (successful or not); default: run until interrupted.")
    Integer count;

    @Option(names = "--no-progress", description = "Do not draw progress bars.")
    boolean noProgress;

    @Option(names = "--trace", paramLabel = "DIR",
            description = TraceOption.DESCRIPTION + " Traces every received connection.")
    Path traceDir;

    @Override
    public Integer call() throws IOException {
        Servers.checkPort(port);
        Servers.checkCount(count);
        String problem = FileReceiver.directoryProblem(dir);
        if (problem != null) {
            throw new RudpCli.UsageException(problem);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FileReceiver receiver = new FileReceiver(dir, overwrite);
        TransferListener progress = noProgress ? TransferListener.NONE : ProgressBarListener.forConsole(err, "receiving");
        ReliableServer server = Servers.listen(bind, port, TraceOption.apply(RudpConfig.defaults(), traceDir));
        int stored = 0;
        int failed = 0;
        long bytes = 0;
        boolean stopped = false;
        try (InterruptOnShutdown stop = InterruptOnShutdown.install(Duration.ofSeconds(5))) {
            out.println("listening on " + Formats.address(server.localAddress()) + ", storing files in " + receiver.directory());
            out.flush();
            while (count == null || stored + failed < count) {
                ClientConnection c;
                try {
                    c = server.accept();
                } catch (InterruptedIOException e) {
                    stopped = true;
                    break;
                }
                String from = Formats.address(c.remoteAddress());
                try {
                    TransferResult r = receiver.receive(c, progress);
                    stored++;
                    bytes += r.sizeBytes();
                    out.println("received " + r.fileName() + " from " + from + " into " + r.path() + ": " + r.figures());
                    out.flush();
                    Connections.closeQuietly(c);
                } catch (IOException e) {
                    failed++;
                    if (InterruptOnShutdown.isInterruption(e)) {
                        stopped = true;
                        err.println("rudp receive: stopped during a transfer from " + from + "; the partial file was removed");
                        err.flush();
                        break;
                    }
                    err.println("rudp receive: transfer from " + from + " failed: " + Messages.describe(e));
                    err.flush();
                    Connections.closeQuietly(c);
                }
            }
            Thread.interrupted(); // a stop request is handled; let the shutdown below wait normally
            server.shutdown();
            if (traceDir != null) {
                // shutdown() leaves the last acknowledgements and the lingering to the background;
                // wait for them so the trace ends with the connection's close.
                awaitTermination(server);
            }
            out.println((stopped || stop.triggered() ? "stopped: " : "done: ") + stored + (stored == 1 ? " file" : " files") + " received ("
                    + Formats.bytes(bytes) + ")" + (failed > 0 ? ", " + failed + " failed" : ""));
            out.flush();
        } finally {
            server.shutdown();
        }
        return failed > 0 ? RudpCli.EXIT_FAILED : 0;
    }

    private static void awaitTermination(ReliableServer server) {
        try {
            server.awaitTermination(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped: the trace files are closed on exit anyway
        }
    }
}
