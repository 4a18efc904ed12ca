package io.rudp.cli;

import io.rudp.cli.support.DurationConverter;
import io.rudp.cli.support.InterruptOnShutdown;
import io.rudp.cli.support.Formats;
import io.rudp.cli.support.TraceOption;
import io.rudp.cli.transfer.FileSender;
import io.rudp.cli.transfer.ProgressBarListener;
import io.rudp.cli.transfer.TransferListener;
import io.rudp.cli.transfer.TransferResult;
import io.rudp.RudpConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rudp send FILE HOST:PORT}: sends one file to {@code rudp receive} and waits for its verdict. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {
            "Send FILE to a `rudp receive` listening at HOST:PORT.",
            "The receiver checks the size and SHA-256 before it stores the file; this command succeeds only if the"
                + " file arrived intact. Progress goes to stderr, the summary line to stdout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the receiver stored the file and confirmed its SHA-256",
            "1:the transfer failed: refused or timed-out connection, file refused by the receiver (it exists,"
                + " no space), write error, integrity failure, connection lost, unreadable file",
            "2:bad usage: missing FILE, FILE is a directory, malformed HOST:PORT or option"})
public final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to send (its name, without directories, is used on the receiver).")
    Path file;

    @Parameters(index = "1", paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "Where `rudp receive` listens, e.g. 127.0.0.1:9000 or [::1]:9000.")
    InetSocketAddress receiver;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for the receiver to answer (e.g. 500ms, 10s; default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Option(names = "--trace", paramLabel = "DIR",
            description = TraceOption.DESCRIPTION + " Traces the sending connection.")
    Path traceDir;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(file)) {
            throw new RudpCli.UsageException("FILE " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new RudpCli.UsageException(file + " is not a regular file; send one file at a time");
        }
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString(), null, "cannot read it (permission denied)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TransferListener progress = noProgress ? TransferListener.NONE : ProgressBarListener.forConsole(err, "sending");
        FileSender sender = new FileSender(TraceOption.apply(RudpConfig.defaults(), traceDir), connectTimeout);
        try (InterruptOnShutdown stop = InterruptOnShutdown.install(Duration.ofSeconds(3))) {
            TransferResult r;
            try {
                r = sender.send(file, receiver, progress);
            } catch (InterruptedIOException e) {
                if (!InterruptOnShutdown.isInterruption(e)) {
                    throw e; // a timeout
                }
                Thread.interrupted();
                throw new IOException((stop.triggered() ? "stopped" : "interrupted") + " before " + file.getFileName() + " was confirmed; the receiver discards"
                        + " what it got", e);
            }
            out.println("sent " + r.fileName() + " to " + Formats.address(r.peer()) + ": " + r.figures());
            if (traceDir != null) {
                out.println("trace written to " + traceDir + " (draw it with `rudp plot`)");
            }
            out.flush();
            return 0;
        }
    }
}
