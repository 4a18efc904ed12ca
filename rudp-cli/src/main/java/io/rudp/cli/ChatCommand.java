package io.rudp.cli;

import io.rudp.ReliableSocket;
import io.rudp.cli.support.Connections;
import io.rudp.cli.support.DurationConverter;
import io.rudp.cli.support.InterruptOnShutdown;
import io.rudp.cli.support.Messages;
import io.rudp.cli.support.Formats;
import io.rudp.RudpConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rudp chat HOST:PORT}: sends the lines typed on stdin, prints the lines that come back. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {
            "Line-based interactive client: sends each line read from stdin to HOST:PORT and prints each line that"
                + " comes back (try it with `rudp echo`).",
            "At the end of stdin (Ctrl-D) it half-closes, prints the remaining replies and closes gracefully; it also"
                + " ends when the peer closes. Status messages go to stderr, received lines to stdout, each marked"
                + " with \"< \" so a reply stands apart from the line typed (--raw prints them as they came)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the conversation ended: end of input, the peer closed, or Ctrl-C",
            "1:the connection was refused, timed out or lost",
            "2:bad usage: malformed HOST:PORT or option"})
public final class ChatCommand implements Callable<Integer> {

    /** Put before each received line (unless --raw): a reply stands apart from the typed line it echoes. */
    static final String RECEIVED_MARK = "< ";

    /** How often the receiving loop looks up from a quiet connection. */
    private static final Duration POLL = Duration.ofMillis(200);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "The server, e.g. 127.0.0.1:7000 or [::1]:7000.")
    InetSocketAddress server;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for the server to answer (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "After the end of input, how long to wait for the peer's remaining replies before closing"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = "--raw", description = "Print received lines exactly as they came, without the \"< \" mark"
            + " (for scripts and pipes).")
    boolean raw;

    private InputStream input = System.in;

    /** Replaces stdin as the source of lines (for tests and embedding). */
    public ChatCommand setInput(InputStream input) {
        this.input = Objects.requireNonNull(input, "input");
        return this;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReliableSocket socket = Connections.connect(server, RudpConfig.defaults(), connectTimeout, "`rudp echo`");
        String peer = Formats.address(server);
        err.println("connected to " + peer + "; type lines to send, end with Ctrl-D (Ctrl-Z on Windows)");
        err.flush();
        InputPump pump = new InputPump(input, socket);
        Thread pumpThread = new Thread(pump, "rudp-chat-input");
        pumpThread.setDaemon(true); // a read blocked on the console cannot be interrupted; it must not keep the JVM up
        boolean clean = false;
        try (InterruptOnShutdown stop = InterruptOnShutdown.install(Duration.ofSeconds(3))) {
            pumpThread.start();
            String ending = converse(socket, pump, out);
            ending = stop.triggered() ? "stopped" : ending;
            if (ending != null) {
                err.println("rudp chat: " + ending);
                err.flush();
            }
            Thread.interrupted();
            IOException pumpFailure = pump.failure;
            if (pumpFailure != null) {
                throw pumpFailure;
            }
            socket.close();
            clean = true;
            return 0;
        } finally {
            if (!clean) {
                Connections.closeQuietly(socket);
            }
            joinQuietly(pumpThread);
        }
    }

    /**
     * Prints the peer's lines until its stream ends, the wait after our input ended runs out, or
     * an interrupt; returns a note on how it ended (or null for the ordinary end).
     */
    private String converse(ReliableSocket socket, InputPump pump, PrintWriter out) throws IOException {
        socket.setReadTimeout(POLL);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        long quietSince = 0;
        try {
            while (true) {
                int n;
                try {
                    n = socket.receive(buf, 0, buf.length);
                } catch (SocketTimeoutException quiet) {
                    if (pump.failure != null) {
                        return null;
                    }
                    if (pump.ended) {
                        long now = System.nanoTime();
                        quietSince = quietSince == 0 ? now : quietSince;
                        if (now - quietSince >= wait.toNanos()) {
                            return "no reply for " + Formats.seconds(wait) + " after the end of input; closing";
                        }
                    }
                    continue;
                }
                if (n < 0) {
                    return pump.ended ? null : "the peer closed the connection";
                }
                quietSince = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        printLine(out, line);
                    } else {
                        line.write(buf[i]);
                    }
                }
            }
        } catch (InterruptedIOException e) {
            return "stopped";
        } finally {
            if (line.size() > 0) {
                printLine(out, line);
            }
        }
    }

    private void printLine(PrintWriter out, ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        out.println((raw ? "" : RECEIVED_MARK) + (text.endsWith("\r") ? text.substring(0, text.length() - 1) : text));
        out.flush();
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(1_000); // ends at once unless blocked on a console read, which dies with the JVM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends each input line (with a newline); half-closes at the end of input. */
    private static final class InputPump implements Runnable {
        private final InputStream input;
        private final ReliableSocket socket;
        volatile boolean ended;
        volatile IOException failure;

        InputPump(InputStream input, ReliableSocket socket) {
            this.input = input;
            this.socket = socket;
        }

        @Override
        public void run() {
            try {
                BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                    socket.send(line + "\n");
                }
                socket.shutdownOutput();
                ended = true;
            } catch (io.rudp.ConnectionClosedException e) {
                ended = true; // we are closing (the peer ended or Ctrl-C): nothing more to send
            } catch (IOException e) {
                failure = new IOException("chat with " + Formats.address(socket.remoteAddress()) + " failed: "
                        + Messages.describe(e), e);
            }
        }
    }
}
