package io.rudp.cli;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.cli.support.ConnectionThreads;
import io.rudp.cli.support.InterruptOnShutdown;
import io.rudp.cli.support.Messages;
import io.rudp.cli.support.Formats;
import io.rudp.RudpConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rudp echo}: echoes every client's bytes back until it closes, many clients at once. */
@Command(name = "echo", mixinStandardHelpOptions = true,
        description = {
            "Serve many clients at once, echoing each client's bytes back until it closes (try it with `rudp chat`).",
            "Prints a line per connection opened and closed. Runs until interrupted (Ctrl-C), or until --count"
                + " connections were served."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:served until stopped (Ctrl-C, SIGTERM) or until --count connections ended (a lost client is not a failure)",
            "1:the port could not be bound",
            "2:bad usage: malformed or out-of-range option"})
public final class EchoCommand implements Callable<Integer> {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT",
            description = "UDP port to listen on (0 picks a free one and prints it).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Local address to listen on (default: ${DEFAULT-VALUE}, every IPv4 interface; :: for IPv6).")
    String bind;

    @Option(names = {"-n", "--count"}, paramLabel = "N",
            description = "Accept N connections, wait until they all closed, then exit; default: run until interrupted.")
    Integer count;

    private final AtomicLong echoedBytes = new AtomicLong();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Servers.checkPort(port);
        Servers.checkCount(count);
        PrintWriter out = spec.commandLine().getOut();
        ReliableServer server = Servers.listen(bind, port, RudpConfig.defaults());
        ExecutorService threads = ConnectionThreads.newPerTaskExecutor("rudp-echo");
        int accepted = 0;
        boolean stopped = false;
        try (InterruptOnShutdown stop = InterruptOnShutdown.install(STOP_GRACE).stopIsSuccess()) {
            print(out, "echo server listening on " + Formats.address(server.localAddress()) + " ("
                    + (ConnectionThreads.virtual() ? "a virtual thread" : "a thread") + " per connection)");
            while (count == null || accepted < count) {
                ClientConnection c;
                try {
                    c = server.accept();
                } catch (InterruptedIOException e) {
                    stopped = true;
                    break;
                }
                int id = ++accepted;
                print(out, "#" + id + " " + Formats.address(c.remoteAddress()) + " connected");
                threads.execute(() -> echo(id, c, out));
            }
            threads.shutdown();
            if (!stopped) {
                stopped = !awaitQuietly(threads, null); // --count reached: wait for the clients to finish
            }
            Thread.interrupted();
            server.shutdown(); // closes the remaining connections gracefully: their handlers see the end
            awaitQuietly(threads, STOP_GRACE);
            print(out, (stopped || stop.triggered() ? "stopped: " : "done: ") + accepted + (accepted == 1 ? " connection" : " connections")
                    + " served, " + Formats.bytes(echoedBytes.get()) + " echoed");
        } finally {
            server.shutdown();
            threads.shutdownNow();
        }
        return 0;
    }

    /** Echoes until the client's stream ends, then closes; prints how the connection ended. */
    private void echo(int id, ClientConnection c, PrintWriter out) {
        String who = "#" + id + " " + Formats.address(c.remoteAddress());
        long start = System.nanoTime();
        long total = 0;
        byte[] buf = new byte[BUFFER_BYTES];
        try {
            int n;
            while ((n = c.receive(buf, 0, buf.length)) >= 0) {
                c.send(buf, 0, n);
                total += n;
                echoedBytes.addAndGet(n);
            }
            c.close();
            print(out, who + " closed: " + Formats.bytes(total) + " echoed in "
                    + Formats.seconds(Duration.ofNanos(System.nanoTime() - start)));
        } catch (IOException | RuntimeException e) {
            print(out, who + " ended: " + Messages.describe(e) + " (" + Formats.bytes(total) + " echoed)");
            try {
                c.abort(Messages.abortReason("echo server: " + Messages.describe(e)));
            } catch (IOException | RuntimeException ignored) {
                // already ended
            }
        }
    }

    /** Waits for the handlers, at most {@code bound} (null: until done or interrupted); true if all ended. */
    private static boolean awaitQuietly(ExecutorService threads, Duration bound) {
        try {
            if (bound == null) {
                while (!threads.awaitTermination(1, TimeUnit.HOURS)) {
                    // keep waiting: the clients decide when they are done
                }
                return true;
            }
            return threads.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void print(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
