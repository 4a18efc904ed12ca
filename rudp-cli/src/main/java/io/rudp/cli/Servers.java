package io.rudp.cli;

import io.rudp.ReliableServer;
import io.rudp.RudpConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;

/** What the server commands ({@code receive}, {@code echo}) share: option checks and binding. */
final class Servers {

    private Servers() {
    }

    /** A usage error unless {@code port} is 0..65535. */
    static void checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new RudpCli.UsageException("--port must be in 0..65535 (0 picks a free port), got " + port);
        }
    }

    /** A usage error unless {@code count} is absent or at least 1. */
    static void checkCount(Integer count) {
        if (count != null && count < 1) {
            throw new RudpCli.UsageException("--count must be at least 1, got " + count);
        }
    }

    /**
     * Binds a server on {@code bind}:{@code port} and starts listening.
     *
     * @throws RudpCli.UsageException if {@code bind} does not resolve
     * @throws IOException with a one-line message if the port is in use or the address is not local
     */
    static ReliableServer listen(String bind, int port, RudpConfig config) throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new RudpCli.UsageException("cannot resolve --bind address '" + bind + "'");
        }
        InetSocketAddress local = new InetSocketAddress(address, port);
        String where = io.rudp.cli.support.Formats.address(local);
        ReliableServer server;
        try {
            server = new ReliableServer(local, config);
        } catch (BindException e) {
            String reason = e.getMessage() == null ? "cannot bind" : e.getMessage();
            String hint = reason.toLowerCase(java.util.Locale.ROOT).contains("in use")
                    ? "; stop the program using UDP port " + port + " or choose another --port"
                    : "; check --bind (it must be an address of this machine)";
            BindException failed = new BindException("cannot listen on " + where + ": " + reason + hint);
            failed.initCause(e);
            throw failed;
        } catch (SocketException e) {
            SocketException failed = new SocketException("cannot listen on " + where + ": " + e.getMessage());
            failed.initCause(e);
            throw failed;
        }
        try {
            server.listen();
        } catch (IOException | RuntimeException e) {
            server.shutdown();
            throw e;
        }
        return server;
    }
}
