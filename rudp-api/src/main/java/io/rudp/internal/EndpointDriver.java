package io.rudp.internal;

import io.rudp.core.CloseReason;
import io.rudp.core.Connection;
import io.rudp.core.ConnectionListener;
import io.rudp.core.ConnectionState;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import io.rudp.core.util.TimeMath;
import io.rudp.core.wire.ErrorCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One UDP socket and the thread that drives its {@link Endpoint}. Each turn it runs application
 * requests, reads every waiting datagram, fires due timers, moves bytes between sessions and
 * connections, and sends what the engine wants to send; then it sleeps in the selector until the
 * engine's next deadline or a wakeup. An idle endpoint sleeps without a deadline: no CPU.
 *
 * <p>The engine is single-threaded, so every use of it (and of the send buffer and the list of
 * changed sessions) happens under the engine lock. The driver holds it for a whole turn and
 * releases it while it sleeps. An application thread that wrote takes it too, if it is free, and
 * runs the engine and sends the datagrams itself ({@link #flush}): the bytes leave without a
 * hand-off to the driver thread. The engine lock, the driver's queues and every rule for who runs
 * the engine and who wakes whom are {@link HandOff}'s; when the driver stops is
 * {@link DriverLifetime}'s.
 */
public final class EndpointDriver implements ConnectionListener {

    /** The unit of a selector's timeout. */
    private static final long MILLISECOND_NANOS = 1_000_000L;

    private final Endpoint endpoint;
    private final EngineConfig config;
    private final Selector selector;
    /** The socket and the datagrams moved through it (under the engine lock). */
    private final DatagramPort port;
    private final InetSocketAddress localAddress;
    private final DriverLifetime lifetime;
    private final Thread thread;
    /** The engine lock, the driver's queues and the wake-up rules. */
    private final HandOff handOff;
    private final AcceptQueue acceptQueue;
    private volatile boolean stopped;
    private volatile Throwable crash;

    private EndpointDriver(DatagramChannel channel, EngineConfig config, boolean stopWhenIdle) throws IOException {
        this.config = config;
        this.lifetime = new DriverLifetime(stopWhenIdle);
        // The connection limit may follow memory (EngineConfig.maxConnections 0): the engine reads no environment.
        this.endpoint = new Endpoint(config, new SecureRandom(), Runtime.getRuntime().maxMemory());
        this.endpoint.setConnectionListener(this);
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.acceptQueue = new AcceptQueue(config.acceptBacklog(), localAddress);
        this.selector = Selector.open();
        this.port = new DatagramPort(channel, endpoint, selector);
        this.thread = new Thread(this::run, "rudp-driver-" + localAddress.getPort());
        this.thread.setDaemon(true);
        this.handOff = new HandOff(selector, thread);
    }

    /**
     * Binds a UDP socket and starts its driver.
     *
     * @param bind the local address (port 0 for an ephemeral one)
     * @param connectTo for a client, the server: the socket only talks to it and learns of an ICMP
     *     "port unreachable" at once; {@code null} for a server
     * @param stopWhenIdle stop (and close the socket) once the last connection has ended
     */
    public static EndpointDriver start(InetSocketAddress bind, InetSocketAddress connectTo, EngineConfig config,
                                       boolean stopWhenIdle) throws IOException {
        DatagramChannel channel = DatagramPort.open(bind, connectTo);
        try {
            EndpointDriver driver = new EndpointDriver(channel, config, stopWhenIdle);
            driver.thread.start();
            return driver;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The bound local address (with the real port when bound to port 0). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public EngineConfig config() {
        return config;
    }

    /** True once the driver thread has finished and the socket is closed. */
    public boolean isStopped() {
        return stopped;
    }

    // ---------------------------------------------------------------- application-side requests

    /**
     * Runs the engine for {@code session} on the calling thread: moves its bytes to the
     * connection and sends what the engine then wants to send. If the driver holds the engine,
     * the driver does it instead (at its next turn). The caller must not hold the session's lock.
     */
    void flush(Session session) {
        if (!handOff.tryTakeEngine()) {
            handOff.requestPump(session);
            return;
        }
        try {
            if (stopped) {
                return;
            }
            long now = System.nanoTime();
            pumpContained(session, now);
            pumpChanged(now);
            boolean more = port.transmitSome(now, HandOff.APP_THREAD_DATAGRAMS);
            pumpChanged(now);
            handOff.wakeDriverIfItMustAct(more, endpoint.nextDeadlineNanos(), port.isBlocked());
        } finally {
            handOff.releaseEngine();
        }
    }

    /**
     * Writes {@code src[off, off+len)} straight into the connection's send buffer on the calling
     * thread and sends what the engine then wants to send, if the engine is free. Returns how
     * many bytes the connection took, or -1 if the engine was busy (the caller queues them).
     */
    int writeDirect(Session session, byte[] src, int off, int len) throws IOException {
        if (!handOff.tryTakeEngine()) {
            return -1;
        }
        try {
            if (stopped) {
                return -1;
            }
            long now = System.nanoTime();
            int n;
            try {
                n = session.writeDirect(src, off, len, now);
            } catch (RuntimeException bug) {
                failSession(session, now, bug);
                return -1; // the caller's next step finds the session ended
            }
            if (n > 0) {
                pumpChanged(now);
                boolean more = port.transmitSome(now, HandOff.APP_THREAD_DATAGRAMS);
                pumpChanged(now);
                handOff.wakeDriverIfItMustAct(more, endpoint.nextDeadlineNanos(), port.isBlocked());
            }
            return n;
        } finally {
            handOff.releaseEngine();
        }
    }

    /** Starts a client connection; the returned session is CONNECTING until the handshake ends. */
    public Session connect(InetSocketAddress server, long timeoutNanos) throws IOException {
        CompletableFuture<Session> created = new CompletableFuture<>();
        handOff.submit(now -> {
            try {
                Connection c = endpoint.connect(now, server);
                Session s = new Session(this, handOff, c);
                c.attach(s);
                created.complete(s);
            } catch (RuntimeException e) {
                created.completeExceptionally(e);
            }
        });
        Session session;
        try {
            // One driver turn; bounded in case the driver has died.
            session = created.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while connecting to " + server);
        } catch (ExecutionException e) {
            throw new IOException("cannot connect to " + server + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("cannot connect to " + server + ": the local endpoint is not running");
        }
        try {
            session.awaitEstablished(timeoutNanos);
        } catch (IOException e) {
            session.abort("the connect failed"); // a shared endpoint must not keep a half-open handshake
            throw e;
        }
        return session;
    }

    /** A snapshot of the endpoint's counters, taken under the engine lock (any thread). */
    public io.rudp.core.EndpointStats stats() {
        handOff.takeEngine();
        try {
            return endpoint.stats();
        } finally {
            handOff.releaseEngine();
        }
    }

    /** Starts or stops accepting connections. */
    public void setListening(boolean listening) {
        handOff.submit(now -> {
            if (listening) {
                endpoint.listen();
            } else {
                endpoint.stopListening();
            }
        });
    }

    /**
     * Waits for the next accepted connection, up to {@code timeoutNanos} (0: forever). Returns
     * null on timeout; throws once the driver stopped.
     */
    public Session accept(long timeoutNanos) throws IOException {
        if (handOff.isStopRequested() || stopped) {
            throw Failures.serverShutDown(localAddress);
        }
        Session s = acceptQueue.take(timeoutNanos);
        handOff.wakeDriverAlways(); // the engine may hold more accepted connections than the queue could take
        return s;
    }

    /**
     * Stops accepting, closes every connection gracefully and waits until each has settled
     * ({@link DriverLifetime#isSettled}: what was written is acknowledged, or the peer finished
     * and acknowledged every byte, or the connection ended), at most {@code boundNanos}; aborts
     * those that have not.
     * Returns then; the driver goes on in the background (retransmitting the ends of streams a
     * peer has not acknowledged yet, lingering) until no connection is left and the idle grace
     * passed, then closes the socket ({@link #awaitTermination} waits for that). Idempotent.
     *
     * @param why for a client endpoint, what its sessions' blocked and later calls are told (each
     *     session is closed as by its own {@code close()}, so its queued bytes are still sent);
     *     {@code null} for a server, whose connections are closed under the sessions (readers
     *     read the end of the stream, writers learn the server is shutting down)
     * @param abortReason the reason sent to peers whose connections had not settled in time
     */
    public void closeAll(long boundNanos, String why, String abortReason) {
        if (stopped) {
            return;
        }
        lifetime.beginClosingAll();
        handOff.submit(now -> {
            endpoint.stopListening();
            drainEngineAcceptQueue();
            for (Connection c : endpoint.connectionsSnapshot()) {
                if (why != null && c.attachment() instanceof Session) {
                    Session s = (Session) c.attachment();
                    s.closeByEndpoint(why);
                    pumpContained(s, now);
                } else {
                    c.close(now);
                }
            }
        });
        acceptQueue.awaitNoConnections(boundNanos);
        handOff.submit(now -> DriverLifetime.abortUnsettled(endpoint, now, abortReason));
    }

    /** Aborts every connection (the peers are told) and stops the driver now, closing the socket. */
    public void abortAllAndStop(String reason) {
        if (!stopped) {
            handOff.submit(now -> DriverLifetime.abortAll(endpoint, now, reason));
        }
        stop();
    }

    /** True once the driver thread has ended (the socket is closed). */
    public boolean isTerminated() {
        return !thread.isAlive();
    }

    /**
     * Waits up to {@code timeoutNanos} for the driver thread to end and the socket to close.
     * Returns whether it has.
     */
    public boolean awaitTermination(long timeoutNanos) throws InterruptedException {
        if (Thread.currentThread() != thread && timeoutNanos > 0) {
            TimeUnit.NANOSECONDS.timedJoin(thread, timeoutNanos);
        }
        return !thread.isAlive();
    }

    /** Stops the driver thread (after one more turn, so aborts are sent) and waits for it, bounded. */
    public void stop() {
        handOff.requestStop();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- driver thread

    @Override
    public void onConnectionChanged(Connection connection) {
        Object attachment = connection.attachment();
        if (attachment instanceof Session) {
            handOff.connectionChanged((Session) attachment);
        }
    }

    private void run() {
        try {
            long waitNanos;
            while ((waitNanos = turn()) != STOP) {
                if (waitNanos == 0) {
                    selector.selectNow();
                } else if (waitNanos < 0) {
                    selector.select();
                } else if (waitNanos < MILLISECOND_NANOS) {
                    // Selector timeouts are whole milliseconds and wake late: a pacing deadline a
                    // fraction of a millisecond away would be kept a millisecond or more late, and
                    // the pacer (whose bucket holds about a millisecond of tokens) would lose rate
                    // (BBR at 91% of its estimate). A wait this short is slept precisely; a
                    // wakeup unparks it too (HandOff.wakeDriverAlways), a datagram waits for it at most this long.
                    if (selector.selectNow() == 0) {
                        LockSupport.parkNanos(waitNanos);
                    }
                } else {
                    // Whole milliseconds, rounded down: the rest is slept precisely next turn.
                    selector.select(waitNanos / MILLISECOND_NANOS);
                }
                handOff.awake();
                selector.selectedKeys().clear();
            }
        } catch (Throwable t) {
            crash = t;
        } finally {
            handOff.takeEngine();
            try {
                closeEverything();
            } finally {
                handOff.releaseEngine();
            }
        }
    }

    private static final long STOP = Long.MIN_VALUE;

    /**
     * One turn under the engine lock. Returns how many nanoseconds to sleep: 0 for not at all,
     * a negative value for "until woken", {@link #STOP} to stop.
     */
    private long turn() throws IOException {
        handOff.takeEngine();
        try {
            long now = System.nanoTime();
            handOff.runCommands(now);
            port.receiveAll(now);
            // Time passed while reading (and the thread may have been descheduled): the rest
            // of the turn works at the time it actually runs.
            now = System.nanoTime();
            endpoint.handleTimeout(now);
            moveAccepted();
            pumpAll(now);
            port.transmitAll(now);
            pumpAll(now);
            acceptQueue.reportConnections(lifetime.connectionsToWaitFor(endpoint));
            boolean idleNow = endpoint.connectionCount() == 0 && !handOff.hasCommands();
            boolean graceOver = lifetime.stopsAfterTurn(now, idleNow);
            if (handOff.isStopRequested() || graceOver) {
                port.transmitAll(System.nanoTime());
                return STOP;
            }
            long deadline = TimeMath.earliest(endpoint.nextDeadlineNanos(), lifetime.ownDeadlineNanos());
            return handOff.prepareToSleep(deadline);
        } finally {
            handOff.releaseEngine();
        }
    }

    private void moveAccepted() {
        Connection c;
        while (acceptQueue.hasRoom() && (c = endpoint.pollAccepted()) != null) {
            Session s = new Session(this, handOff, c);
            c.attach(s);
            handOff.connectionChanged(s);
            acceptQueue.offer(s);
        }
    }

    private void drainEngineAcceptQueue() {
        moveAccepted();
        Connection c;
        while ((c = endpoint.pollAccepted()) != null) {
            c.close(System.nanoTime());
        }
    }

    private void pumpAll(long now) {
        Session s;
        while ((s = handOff.pollPumpRequest()) != null) {
            pumpContained(s, now);
        }
        pumpChanged(now);
    }

    /** Pumps the sessions whose connections changed. Engine lock held. */
    private void pumpChanged(long now) {
        Session s;
        // Pumping may change connections again (the listener re-queues them): one pass per call.
        int n = handOff.changedCount();
        for (int i = 0; i < n && (s = handOff.pollChanged()) != null; i++) {
            pumpContained(s, now);
        }
    }

    /** A bug in one session ends that session, never the driver and every other connection. */
    private void pumpContained(Session s, long now) {
        try {
            s.pump(now);
        } catch (RuntimeException bug) {
            failSession(s, now, bug);
        }
    }

    private static void failSession(Session s, long now, RuntimeException bug) {
        s.connection().abort(now, "internal error in rudp");
        s.onEndpointStopped(new CloseReason(CloseReason.Kind.PROTOCOL_ERROR, ErrorCode.INTERNAL_ERROR,
                "internal error in rudp (please report it): " + bug));
    }

    private void closeEverything() {
        stopped = true;
        CloseReason reason = new CloseReason(CloseReason.Kind.ENDPOINT_CLOSED, ErrorCode.NO_ERROR,
                crash == null ? "the local endpoint was closed" : "the local endpoint failed: " + crash);
        for (Connection c : endpoint.connectionsSnapshot()) {
            if (c.attachment() instanceof Session) {
                ((Session) c.attachment()).onEndpointStopped(reason);
            }
        }
        acceptQueue.close(reason);
        try {
            endpoint.abandonAll(System.nanoTime(), reason.message()); // releases per-connection traces
        } catch (RuntimeException ignored) {
            // the endpoint may be what failed; its connections are gone with the driver anyway
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
        port.close();
    }
}
