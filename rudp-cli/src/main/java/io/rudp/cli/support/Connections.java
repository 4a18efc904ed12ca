package io.rudp.cli.support;

import io.rudp.ReliableSocket;
import io.rudp.RudpConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** Opening a client connection with failures worded for the command line. */
public final class Connections {

    private Connections() {
    }

    /**
     * Connects a {@link ReliableSocket} to {@code server} within {@code timeout}.
     *
     * @param serverKind what should be running there, for the hint in errors (e.g. {@code rudp receive})
     * @throws ConnectException refused, with a one-line message naming the address and what to check
     * @throws SocketTimeoutException no answer in time, likewise
     */
    public static ReliableSocket connect(InetSocketAddress server, RudpConfig config, Duration timeout, String serverKind)
            throws IOException {
        ReliableSocket socket = new ReliableSocket(server, config);
        try {
            socket.connect(timeout);
            return socket;
        } catch (ConnectException e) {
            closeQuietly(socket);
            ConnectException refused = new ConnectException("connection to " + Formats.address(server)
                    + " refused (nothing listening there, or the server is busy); is " + serverKind + " running on that port?");
            refused.initCause(e);
            throw refused;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            SocketTimeoutException timedOut = new SocketTimeoutException("no answer from " + Formats.address(server)
                    + " within " + Formats.seconds(timeout) + "; is " + serverKind + " running there and reachable?");
            timedOut.initCause(e);
            throw timedOut;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** Closes {@code c}, ignoring failures (the connection is being given up). */
    public static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing more to do for a connection being given up
        }
    }
}
