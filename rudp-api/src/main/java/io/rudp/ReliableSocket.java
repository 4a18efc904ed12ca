package io.rudp;

import io.rudp.core.RudpConfig;
import io.rudp.internal.EndpointDriver;
import io.rudp.internal.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * The client side: connects to a {@link ReliableServer}, then sends and receives like
 * {@link ClientConnection}.
 *
 * <pre>{@code
 * try (ReliableSocket sock = new ReliableSocket("127.0.0.1", 55265)) {
 *     sock.connect();
 *     sock.send("new message from client");
 *     byte[] response = sock.receive(1024);
 * }
 * }</pre>
 *
 * <p>Each socket has its own UDP port (ephemeral) and one driver thread, which ends shortly after
 * the connection does.
 */
public final class ReliableSocket extends ConnectionBase {

    private final InetSocketAddress server;
    private final RudpConfig config;
    private final Object stateLock = new Object();
    private EndpointDriver driver;
    private Session session;
    private boolean closed;

    /**
     * A socket for the server at {@code ip}:{@code port} with default settings. The host name is
     * resolved here; one that does not resolve fails at {@link #connect()}.
     *
     * @throws NullPointerException if {@code ip} is null
     * @throws IllegalArgumentException if {@code port} is not between 1 and 65,535
     */
    public ReliableSocket(String ip, int port) {
        this(new InetSocketAddress(Objects.requireNonNull(ip, "ip"), ArgumentChecks.checkRemotePort("port", port)),
                RudpConfig.defaults());
    }

    /**
     * A socket for {@code server} with {@code config}.
     *
     * @throws NullPointerException if {@code server} or {@code config} is null
     * @throws IllegalArgumentException if the server's port is 0 (nothing can listen there)
     */
    public ReliableSocket(InetSocketAddress server, RudpConfig config) {
        this.server = Objects.requireNonNull(server, "server");
        this.config = Objects.requireNonNull(config, "config");
        ArgumentChecks.checkRemotePort("server port", server.getPort());
    }

    /** Connects, waiting at most the configured handshake timeout. */
    public void connect() throws IOException {
        connect(config.handshakeTimeout());
    }

    /**
     * Performs the handshake, waiting at most {@code timeout}. The handshake itself gives up after
     * {@link RudpConfig#handshakeTimeout()}, so a longer {@code timeout} waits no longer than that;
     * zero (or a timeout too long to count in nanoseconds) sets no limit of its own.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws java.net.ConnectException if the server refused (not listening, busy, or nothing on that port)
     * @throws java.net.SocketTimeoutException if no answer came in time
     * @throws SocketException if already connected
     * @throws ConnectionClosedException if this socket was closed
     */
    public void connect(Duration timeout) throws IOException {
        long timeoutNanos = ArgumentChecks.timeoutNanos("timeout", timeout);
        long waitNanos = timeoutNanos == 0 ? Long.MAX_VALUE : timeoutNanos; // the handshake's own timeout bounds it
        if (server.isUnresolved()) {
            throw new UnknownHostException("cannot resolve " + server.getHostString());
        }
        EndpointDriver d;
        synchronized (stateLock) {
            if (closed) {
                throw new ConnectionClosedException("this socket was closed; create a new one to connect again");
            }
            if (driver != null) {
                throw new SocketException("already connected (or connecting) to " + server);
            }
            InetSocketAddress any = server.getAddress().getAddress().length == 16
                    ? new InetSocketAddress("::", 0) : new InetSocketAddress("0.0.0.0", 0);
            driver = EndpointDriver.start(any, server, config, true);
            d = driver;
        }
        try {
            Session s = d.connect(server, waitNanos);
            synchronized (stateLock) {
                session = s;
            }
        } catch (IOException | RuntimeException e) {
            d.stop();
            synchronized (stateLock) {
                driver = null; // a failed connect leaves the socket reusable: connect() may be called again
            }
            throw e;
        }
    }

    @Override
    Session session() throws IOException {
        synchronized (stateLock) {
            if (session != null) {
                return session;
            }
            if (closed) {
                throw new ConnectionClosedException("this socket was closed");
            }
            throw new SocketException("not connected; call connect() first");
        }
    }

    @Override
    Session sessionOrNull() {
        synchronized (stateLock) {
            return session;
        }
    }

    @Override
    RudpConfig config() {
        return config;
    }

    /** Graceful close (see {@link ConnectionBase#close()}); the driver thread ends once the connection has. */
    @Override
    public void close() throws IOException {
        EndpointDriver d;
        Session s;
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            closed = true;
            d = driver;
            s = session;
        }
        try {
            super.close();
        } finally {
            if (d != null && s == null) {
                d.stop(); // never connected: nothing to linger for
            }
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return server;
    }

    /** The local UDP address, once connected; {@code null} before. */
    public InetSocketAddress localAddress() {
        synchronized (stateLock) {
            return driver == null ? null : driver.localAddress();
        }
    }

    @Override
    public String toString() {
        Session s = sessionOrNull();
        return "ReliableSocket{" + server + ", " + (s == null ? "not connected" : s.state()) + '}';
    }
}
