package io.rudp;

import io.rudp.internal.EndpointDriver;
import io.rudp.internal.PublicTypes;
import io.rudp.internal.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A client endpoint: one UDP socket and one driver thread carrying any number of outgoing
 * connections, to one server or many. Each {@link #connect} returns a connected
 * {@link ReliableSocket} with the usual API; connections are told apart by their connection ids,
 * so they all share the local address and port. Made for processes that hold many connections
 * at once (load generators, game bot farms, peer-to-peer nodes): a connection costs its buffers,
 * not a thread or a file descriptor.
 *
 * <pre>{@code
 * try (RudpClient client = new RudpClient(new InetSocketAddress("0.0.0.0", 40000), RudpConfig.defaults())) {
 *     List<ReliableSocket> bots = new ArrayList<>();
 *     for (int i = 0; i < 1000; i++) {
 *         bots.add(client.connect("127.0.0.1", 55265));
 *     }
 *     bots.get(0).send("hello from bot 0");
 *     byte[] reply = bots.get(0).receive(1024);
 * } // closes every connection that is still open
 * }</pre>
 *
 * <p>Compared with a {@code ReliableSocket} made with its constructor (its own UDP socket,
 * connected to its server): the shared socket is not connected, so an ICMP "port unreachable"
 * from a server with nothing listening does not reach it, and a connect to such a server fails
 * with {@link java.net.SocketTimeoutException} after the handshake timeout rather than at once.
 * The socket is of the local address's family: the default, {@code 0.0.0.0}, reaches IPv4
 * servers; bind {@code ::} for IPv6 ones.
 *
 * <p>{@link #close()} closes every connection gracefully, as each socket's own {@code close()}
 * would (what was written is still delivered), and returns once each has settled; calls blocked
 * on those sockets, and later ones, fail with {@link ConnectionClosedException}. The socket itself
 * stays open in the background a few seconds after the last connection ended, answering late
 * packets; {@link #awaitTermination} waits for that. Thread-safe.
 */
public final class RudpClient implements AutoCloseable {

    private final EndpointDriver driver;
    private final RudpConfig config;
    private volatile boolean closed;

    /** A client on an ephemeral port of the IPv4 wildcard address, with default settings. */
    public RudpClient() throws IOException {
        this(new InetSocketAddress("0.0.0.0", 0), RudpConfig.defaults());
    }

    /**
     * A client bound to {@code localAddress} (port 0: an ephemeral port) with {@code config}; the
     * servers see its connections come from that address. {@link RudpConfig#maxConnections()}
     * bounds how many connections it holds at once.
     *
     * @throws java.net.BindException if the address is in use or not local
     * @throws UnknownHostException if the host name does not resolve
     */
    public RudpClient(InetSocketAddress localAddress, RudpConfig config) throws IOException {
        Objects.requireNonNull(localAddress, "localAddress");
        this.config = Objects.requireNonNull(config, "config");
        if (localAddress.isUnresolved()) {
            throw new UnknownHostException("cannot resolve " + localAddress.getHostString());
        }
        this.driver = EndpointDriver.start(localAddress, null, config.engineConfig(), false);
    }

    /** Connects to {@code host}:{@code port}, waiting at most the configured handshake timeout. */
    public ReliableSocket connect(String host, int port) throws IOException {
        Objects.requireNonNull(host, "host");
        return connect(new InetSocketAddress(host, port));
    }

    /** Connects to {@code server}, waiting at most the configured handshake timeout. */
    public ReliableSocket connect(InetSocketAddress server) throws IOException {
        return connect(server, config.handshakeTimeout());
    }

    /**
     * Opens a connection to {@code server} and waits at most {@code timeout} for its handshake.
     * Any number of threads may connect at once.
     *
     * @return the connected socket; its {@code close()} closes this connection only
     * @throws java.net.ConnectException if the server refused (not listening, busy)
     * @throws java.net.SocketTimeoutException if no answer came in time
     * @throws ConnectionClosedException if this client was closed
     * @throws IOException if the client holds {@link RudpConfig#maxConnections()} connections
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public ReliableSocket connect(InetSocketAddress server, Duration timeout) throws IOException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (server.isUnresolved()) {
            throw new UnknownHostException("cannot resolve " + server.getHostString());
        }
        checkOpen();
        Session s = driver.connect(server, ReliableServer.saturatedNanos(timeout));
        if (closed) {
            s.abort("the RudpClient was closed while connecting");
            throw closedException();
        }
        return new ReliableSocket(server, config, driver, s);
    }

    /** The bound local address (with the actual port when bound to port 0), shared by every connection. */
    public InetSocketAddress localAddress() {
        return driver.localAddress();
    }

    /**
     * The counters of this client's UDP socket and all its connections: datagrams and bytes each
     * way, datagrams dropped and why (corrupt, malformed, unknown version or connection, a
     * forged or expired handshake cookie), handshakes answered and refused, connections opened,
     * accepted and closed, and internal errors (always 0 unless rudp has a bug). Any thread, at
     * any time, also after shutdown (then the final counts).
     */
    public EndpointStats stats() {
        return PublicTypes.endpointStats(driver.stats());
    }

    /**
     * Closes every connection gracefully and returns once each has settled (what was written is
     * acknowledged, or the server finished and acknowledged every byte, or the connection
     * ended), at most the close timeout (connections still unsettled then are aborted). Blocked
     * and later calls on this client's sockets fail with {@link ConnectionClosedException}.
     * The socket closes in the background once no connection is left and late packets had a few
     * seconds to arrive ({@link #awaitTermination}). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        driver.closeAll(config.closeTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1),
                "its RudpClient on " + driver.localAddress() + " was closed", "the client is closing");
    }

    /**
     * Abortive close: aborts every connection (servers are told), closes the socket and ends the
     * driver thread before returning (bounded). Also ends the background lingering of an earlier
     * {@link #close()}. Idempotent.
     */
    public void closeNow() {
        closed = true;
        driver.abortAllAndStop("the client is closing");
    }

    /**
     * Waits until the socket is closed and the driver thread has ended, after {@link #close()}
     * (or {@link #closeNow()}), at most {@code timeout}.
     *
     * @return true if it has ended, false if {@code timeout} passed first
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return driver.awaitTermination(timeout.isNegative() ? 0 : ReliableServer.saturatedNanos(timeout));
    }

    /** True after {@link #close()} or {@link #closeNow()}. */
    public boolean isClosed() {
        return closed;
    }

    /** True once the socket is closed and the driver thread has ended. */
    public boolean isTerminated() {
        return driver.isTerminated();
    }

    private void checkOpen() throws IOException {
        if (closed || driver.isStopped()) {
            throw closedException();
        }
    }

    private ConnectionClosedException closedException() {
        return new ConnectionClosedException("the RudpClient on " + driver.localAddress() + " was closed");
    }

    @Override
    public String toString() {
        return "RudpClient{" + driver.localAddress() + (closed ? ", closed" : "") + '}';
    }
}
