package io.rudp;

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
 * {@link ClientConnection}; both are a {@link RudpConnection}, whose Javadoc holds the contract
 * (threads, arguments, failures). Thread-safe.
 *
 * <pre>{@code
 * try (ReliableSocket sock = new ReliableSocket("127.0.0.1", 55265)) {
 *     sock.connect();
 *     sock.send("new message from client");
 *     byte[] response = sock.receive(1024);
 * }
 * }</pre>
 *
 * <p>A socket made with a constructor has its own UDP socket and one driver thread. Its UDP socket
 * is connected to the server, so an ICMP "port unreachable" (nothing listening there) fails
 * {@link #connect()} at once. The local address is ephemeral unless given to
 * {@link #ReliableSocket(InetSocketAddress, InetSocketAddress, RudpConfig)}. After
 * {@link #close()} the driver stays in the background a few seconds after the connection ended,
 * answering late packets (as TCP's TIME_WAIT), then ends. For many connections in one process
 * (a load generator, a bot farm, a peer-to-peer node) use {@link RudpClient}: its sockets share
 * one UDP socket and one thread.
 */
public final class ReliableSocket extends ConnectionBase {

    private final InetSocketAddress server;
    /** The local address to bind, or null for an ephemeral port on the wildcard address. */
    private final InetSocketAddress bindAddress;
    private final RudpConfig config;
    /** A socket of a {@link RudpClient}: connected from the start, its driver is the client's. */
    private final boolean shared;
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
        this.bindAddress = null;
        this.shared = false;
    }

    /**
     * A socket for {@code server} with {@code config}, whose UDP socket {@link #connect()} binds
     * to {@code localAddress} (port 0: an ephemeral port on that address; a wildcard address: the
     * system picks the interface). The server sees the connection come from that address.
     *
     * @throws IllegalArgumentException if {@code localAddress} is unresolved
     */
    public ReliableSocket(InetSocketAddress server, InetSocketAddress localAddress, RudpConfig config) {
        this.server = Objects.requireNonNull(server, "server");
        this.bindAddress = Objects.requireNonNull(localAddress, "localAddress");
        this.config = Objects.requireNonNull(config, "config");
        ArgumentChecks.checkRemotePort("server port", server.getPort());
        if (localAddress.isUnresolved()) {
            throw new IllegalArgumentException("localAddress " + localAddress + " is unresolved; resolve the host name first");
        }
        this.shared = false;
    }

    /** A socket of {@code client}, already connected as {@code session}. */
    ReliableSocket(InetSocketAddress server, RudpConfig config, EndpointDriver clientDriver, Session session) {
        this.server = server;
        this.config = config;
        this.bindAddress = null;
        this.shared = true;
        this.driver = clientDriver;
        this.session = session;
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
     * @throws java.net.BindException if the local address given to the constructor is in use
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
            InetSocketAddress local = bindAddress != null ? bindAddress
                    : server.getAddress().getAddress().length == 16 ? new InetSocketAddress("::", 0) : new InetSocketAddress("0.0.0.0", 0);
            driver = EndpointDriver.start(local, server, config.engineConfig(), true);
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

    @Override
    boolean closedHere() {
        synchronized (stateLock) {
            return closed;
        }
    }

    /**
     * Graceful close (see {@link RudpConnection#close()}). A socket's own driver thread ends a few
     * seconds after the connection has, in the background; a {@link RudpClient}'s socket leaves
     * the client's driver running.
     */
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
            if (d != null && s == null && !shared) {
                d.stop(); // never connected: nothing to linger for
            }
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return server;
    }

    /**
     * The local UDP address, once connected ({@code null} before); for a {@link RudpClient}'s
     * socket, the client's address, shared by all its sockets.
     */
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
