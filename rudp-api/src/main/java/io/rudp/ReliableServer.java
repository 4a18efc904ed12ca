package io.rudp;

import io.rudp.internal.EndpointDriver;
import io.rudp.internal.Failures;
import io.rudp.internal.PublicTypes;
import io.rudp.internal.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A server on one UDP port serving many clients: each accepted client is a
 * {@link ClientConnection}.
 *
 * <pre>{@code
 * try (ReliableServer server = new ReliableServer("127.0.0.1", 55265)) {
 *     server.listen();
 *     ClientConnection session = server.accept();
 *     byte[] msg = session.receive(1024);
 *     session.send("message received");
 *     session.close();
 * }
 * }</pre>
 *
 * <p>The constructor binds the port (port 0 picks a free one: see {@link #localAddress()}); the
 * server refuses handshakes until {@link #listen()}. One thread drives the socket for all
 * connections; handshakes are stateless until the client proves its address.
 */
public final class ReliableServer implements AutoCloseable {

    private final EndpointDriver driver;
    private final RudpConfig config;
    private volatile boolean listening;
    private volatile boolean shutDown;

    /**
     * Binds {@code ip}:{@code port} with default settings.
     *
     * @throws NullPointerException if {@code ip} is null
     * @throws IllegalArgumentException if {@code port} is not between 0 and 65,535 (0 picks a free port)
     * @throws java.net.BindException if the port is in use
     * @throws UnknownHostException if the host name does not resolve
     */
    public ReliableServer(String ip, int port) throws IOException {
        this(new InetSocketAddress(Objects.requireNonNull(ip, "ip"), ArgumentChecks.checkLocalPort("port", port)),
                RudpConfig.defaults());
    }

    /**
     * Binds {@code address} (a wildcard address listens on every interface) with {@code config}.
     *
     * @throws NullPointerException if {@code address} or {@code config} is null
     * @throws java.net.BindException if the port is in use
     * @throws UnknownHostException if the host name does not resolve
     */
    public ReliableServer(InetSocketAddress address, RudpConfig config) throws IOException {
        Objects.requireNonNull(address, "address");
        this.config = Objects.requireNonNull(config, "config");
        if (address.isUnresolved()) {
            throw new UnknownHostException("cannot resolve " + address.getHostString());
        }
        this.driver = EndpointDriver.start(address, null, config.engineConfig(), false);
    }

    /** Starts accepting clients. Idempotent. */
    public void listen() throws IOException {
        checkOpen();
        listening = true;
        driver.setListening(true);
    }

    /**
     * Waits for the next client that completed the handshake.
     *
     * @throws SocketException if {@link #listen()} was not called
     * @throws ConnectionClosedException once the server is shut down
     */
    public ClientConnection accept() throws IOException {
        return accept0(0);
    }

    /**
     * As {@link #accept()}, waiting at most {@code timeout}; zero (or a timeout too long to count
     * in nanoseconds, about 292 years) waits as long as it takes, as {@link #accept()} does.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws SocketTimeoutException if no client arrived in time
     */
    public ClientConnection accept(Duration timeout) throws IOException {
        return accept0(ArgumentChecks.timeoutNanos("timeout", timeout));
    }

    private ClientConnection accept0(long timeoutNanos) throws IOException {
        checkOpen();
        if (!listening) {
            throw new SocketException("not listening; call listen() before accept()");
        }
        Session s = driver.accept(timeoutNanos);
        if (s == null) {
            throw new SocketTimeoutException("no client connected within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        }
        return new ClientConnection(s, config);
    }

    /**
     * Stops accepting and closes every connection gracefully (clients read the end of the stream
     * after everything sent to them); returns once each connection has <em>settled</em>: the
     * client acknowledged everything sent to it, or it had already finished its own stream and
     * acknowledged every byte (a client that closed and exited never acknowledges the end of our
     * stream, and is not waited for), or the connection ended (aborted, reset, refused). A
     * connection still unsettled after {@link RudpConfig#closeTimeout()} (a client alive but not
     * acknowledging, or gone without a trace while data was unacknowledged) is aborted.
     *
     * <p>What is left runs in the background, as TCP's TIME_WAIT runs in the kernel: the ends of
     * streams not yet acknowledged are retransmitted (for at most the close timeout) and late
     * packets answered for a few seconds after the last connection ended; then the socket closes
     * and the driver thread ends. Until then the port stays bound: {@link #awaitTermination}
     * waits for it, {@link #shutdownNow()} cuts it short. Idempotent.
     */
    public void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        driver.closeAll(config.closeTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1), null, "the server is shutting down");
    }

    /**
     * Abortive shutdown: stops accepting, aborts every connection (clients are told and their
     * next operation fails), closes the socket and ends the driver thread before returning
     * (bounded). Also ends the background lingering of an earlier {@link #shutdown()}. Idempotent.
     */
    public void shutdownNow() {
        shutDown = true;
        driver.abortAllAndStop("the server is shutting down");
    }

    /**
     * Waits until the socket is closed and the driver thread has ended, after {@link #shutdown()}
     * (or {@link #shutdownNow()}), at most {@code timeout}.
     *
     * @return true if it has ended, false if {@code timeout} passed first
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return driver.awaitTermination(timeout.isNegative() ? 0 : saturatedNanos(timeout));
    }

    /** True once the socket is closed and the driver thread has ended. */
    public boolean isTerminated() {
        return driver.isTerminated();
    }

    static long saturatedNanos(Duration d) {
        return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }

    /** Same as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    /** The bound address, with the actual port when bound to port 0. */
    public InetSocketAddress localAddress() {
        return driver.localAddress();
    }

    /**
     * The counters of this server's UDP socket and all its connections: datagrams and bytes each
     * way, datagrams dropped and why (corrupt, malformed, unknown version or connection, a
     * forged or expired handshake cookie), handshakes answered and refused, connections opened,
     * accepted and closed, and internal errors (always 0 unless rudp has a bug). Any thread, at
     * any time, also after shutdown (then the final counts).
     */
    public EndpointStats stats() {
        return PublicTypes.endpointStats(driver.stats());
    }

    /** True after {@link #shutdown()}. */
    public boolean isShutDown() {
        return shutDown;
    }

    private void checkOpen() throws IOException {
        if (shutDown || driver.isStopped()) {
            throw Failures.serverShutDown(driver.localAddress());
        }
    }

    @Override
    public String toString() {
        return "ReliableServer{" + driver.localAddress() + (shutDown ? ", shut down" : listening ? ", listening" : "") + '}';
    }
}
