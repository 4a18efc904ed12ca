package io.rudp.internal;

import io.rudp.core.CloseReason;
import io.rudp.core.Connection;
import io.rudp.core.ConnectionListener;
import io.rudp.core.ConnectionState;
import io.rudp.core.DatagramEngine;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import io.rudp.core.wire.ErrorCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One UDP socket and the thread that drives its {@link Endpoint}. Each turn it runs application
 * requests, reads every waiting datagram, fires due timers, moves bytes between sessions and
 * connections, and sends what the engine wants to send; then it sleeps in the selector until the
 * engine's next deadline or a wakeup. An idle endpoint sleeps without a deadline: no CPU.
 *
 * <p>The engine is single-threaded, so every use of it (and of the send buffer and the list of
 * changed sessions) happens under {@link #engineLock}. The driver holds it for a whole turn and
 * releases it while it sleeps. An application thread that wrote takes it too, if it is free, and
 * runs the engine and sends the datagrams itself ({@link #flush}): the bytes leave without a
 * hand-off to the driver thread. Such a thread wakes a sleeping driver only if its work moved the
 * engine's next deadline before the one the driver sleeps to, or left work behind.
 */
public final class EndpointDriver implements ConnectionListener {

    /**
     * How long a socket that is to stop once idle (a {@code ReliableSocket}'s own, or any endpoint
     * after {@link #closeAll}) stays open after its last connection ended, answering late packets
     * (a re-acknowledgement, or REFUSE(NO_ERROR) "finished"): TCP's TIME_WAIT, kept short because
     * here it holds a thread. It runs in the background: no application call waits for it unless
     * it asks to ({@link #awaitTermination}).
     */
    private static final long IDLE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** The unit of a selector's timeout. */
    private static final long MILLISECOND_NANOS = 1_000_000L;

    private final Endpoint endpoint;
    private final EngineConfig config;
    private final Selector selector;
    /** The socket and the datagrams moved through it (under {@link #engineLock}). */
    private final DatagramPort port;
    private final InetSocketAddress localAddress;
    /** A {@code ReliableSocket}'s own driver: stop once its connection has ended (and the grace passed). */
    private final boolean stopWhenIdle;
    /**
     * Set by {@link #closeAll}: the application closed the endpoint; the driver reports how many
     * connections have not settled yet ({@link #isSettled}) and stops once none is left (and the
     * grace passed).
     */
    private volatile boolean closingAll;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Consumer<Long>> commands = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Session> pumpRequests = new ConcurrentLinkedQueue<>();
    /** Sessions whose waiters are woken once the engine lock is released ({@link #unlockEngine}). */
    private final ConcurrentLinkedQueue<Session> toSignal = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** Guards the endpoint, its connections, {@link #changed}, the send buffer and blocked send. */
    private final ReentrantLock engineLock = new ReentrantLock();
    /** Set (before the last look at the queues) while the driver sleeps or is about to. */
    private volatile boolean sleeping;
    /** The deadline the sleeping driver wakes at by itself ({@code NO_DEADLINE}: none). */
    private volatile long sleepDeadlineNanos = DatagramEngine.NO_DEADLINE;
    private final ArrayDeque<Session> changed = new ArrayDeque<>();

    private final AcceptQueue acceptQueue;

    /** Driver thread only: a connection existed, so "no connections" now means "all ended". */
    private boolean hadConnection;
    /** Driver thread only: when the endpoint last became empty (valid while it stays empty). */
    private long idleSinceNanos;
    private boolean wasIdle;
    private volatile boolean stopRequested;
    private volatile boolean stopped;
    private volatile Throwable crash;

    private EndpointDriver(DatagramChannel channel, EngineConfig config, boolean stopWhenIdle) throws IOException {
        this.config = config;
        this.stopWhenIdle = stopWhenIdle;
        // The connection limit may follow memory (EngineConfig.maxConnections 0): the engine reads no environment.
        this.endpoint = new Endpoint(config, new SecureRandom(), Runtime.getRuntime().maxMemory());
        this.endpoint.setConnectionListener(this);
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.acceptQueue = new AcceptQueue(config.acceptBacklog(), localAddress);
        this.selector = Selector.open();
        this.port = new DatagramPort(channel, endpoint, selector);
        this.thread = new Thread(this::run, "rudp-driver-" + localAddress.getPort());
        this.thread.setDaemon(true);
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

    /** Runs {@code command} on the driver thread at its next turn (with that turn's time). */
    void execute(Consumer<Long> command) {
        commands.add(command);
        wakeup();
    }

    /** Asks the driver to pump {@code session} at its next turn. */
    void requestPump(Session session) {
        if (session.pumpQueued.compareAndSet(false, true)) {
            pumpRequests.add(session);
            wakeup();
        }
    }

    /** Wakes the driver if it sleeps (or is about to); a driver in its turn looks at the queues before sleeping. */
    private void wakeup() {
        if (sleeping && wakeupPending.compareAndSet(false, true)) {
            wakeSelector();
        }
    }

    /** Ends the driver's sleep: the selector's, or the precise park of a sub-millisecond wait. */
    private void wakeSelector() {
        selector.wakeup();
        LockSupport.unpark(thread);
    }

    /**
     * How many datagrams an application thread sends itself before it leaves the rest to the
     * driver: enough for a request or a reply, few enough that a bulk writer does not hold the
     * engine (and the driver's receiving of acknowledgements) for long.
     */
    private static final int APP_THREAD_DATAGRAMS = 4;

    /**
     * Runs the engine for {@code session} on the calling thread: moves its bytes to the
     * connection and sends what the engine then wants to send. If the driver holds the engine,
     * the driver does it instead (at its next turn). The caller must not hold the session's lock.
     */
    void flush(Session session) {
        if (!engineLock.tryLock()) {
            requestPump(session);
            return;
        }
        try {
            if (stopped) {
                return;
            }
            long now = System.nanoTime();
            pumpContained(session, now);
            pumpChanged(now);
            boolean more = port.transmitSome(now, APP_THREAD_DATAGRAMS);
            pumpChanged(now);
            wakeDriverIfItMustAct(more);
        } finally {
            unlockEngine();
        }
    }

    /**
     * Writes {@code src[off, off+len)} straight into the connection's send buffer on the calling
     * thread and sends what the engine then wants to send, if the engine is free. Returns how
     * many bytes the connection took, or -1 if the engine was busy (the caller queues them).
     */
    int writeDirect(Session session, byte[] src, int off, int len) throws IOException {
        if (!engineLock.tryLock()) {
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
                boolean more = port.transmitSome(now, APP_THREAD_DATAGRAMS);
                pumpChanged(now);
                wakeDriverIfItMustAct(more);
            }
            return n;
        } finally {
            unlockEngine();
        }
    }

    /**
     * Engine lock held by an application thread: wakes the sleeping driver if the engine now has
     * an earlier deadline than the one it sleeps to, a blocked send waits for OP_WRITE, or
     * sessions wait to be pumped.
     */
    private void wakeDriverIfItMustAct(boolean moreToSend) {
        if (!sleeping) {
            return; // the driver has not begun its turn yet (it holds the lock for all of it)
        }
        boolean earlier = io.rudp.core.util.TimeMath.isBefore(endpoint.nextDeadlineNanos(), sleepDeadlineNanos);
        if (moreToSend || earlier || port.isBlocked() || !changed.isEmpty()) {
            if (wakeupPending.compareAndSet(false, true)) {
                wakeSelector();
            }
        }
    }

    /** Engine lock held by a pump: wakes the session's waiters after the lock is released. */
    void signalAfterUnlock(Session session) {
        toSignal.add(session);
    }

    /**
     * Releases the engine lock, then wakes the threads waiting on sessions that changed. Woken
     * after the release, a reader that replies at once finds the engine free and sends the reply
     * itself, instead of queueing it for a driver that is still finishing its turn.
     */
    private void unlockEngine() {
        engineLock.unlock();
        Session s;
        while ((s = toSignal.poll()) != null) {
            s.signalWaiters();
        }
    }

    /** Starts a client connection; the returned session is CONNECTING until the handshake ends. */
    public Session connect(InetSocketAddress server, long timeoutNanos) throws IOException {
        CompletableFuture<Session> created = new CompletableFuture<>();
        execute(now -> {
            try {
                Connection c = endpoint.connect(now, server);
                Session s = new Session(this, c);
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

    /** Starts or stops accepting connections. */
    public void setListening(boolean listening) {
        execute(now -> {
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
        if (stopRequested || stopped) {
            throw Failures.serverShutDown(localAddress);
        }
        Session s = acceptQueue.take(timeoutNanos);
        wakeSelector(); // the engine may hold more accepted connections than the queue could take
        return s;
    }

    /**
     * Stops accepting, closes every connection gracefully and waits until each has settled
     * ({@link #isSettled}: what was written is acknowledged, or the peer finished and acknowledged
     * every byte, or the connection ended), at most {@code boundNanos}; aborts those that have not.
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
        closingAll = true;
        execute(now -> {
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
        execute(now -> {
            for (Connection c : endpoint.connectionsSnapshot()) {
                if (!isSettled(c)) {
                    c.abort(now, abortReason);
                }
            }
        });
    }

    /**
     * Nothing the application wrote or waits for is outstanding: the connection ended or is
     * ending, or the peer acknowledged everything including the end of our stream, or the peer
     * finished its stream and acknowledged every byte we wrote (a peer that closed and went away
     * never acknowledges the end of our stream; waiting for it would stall a close for the close
     * timeout).
     */
    private static boolean isSettled(Connection c) {
        return c.state().isTerminating() || c.isOutputAcknowledged() || c.isDeliveredAndPeerFinished();
    }

    /** Aborts every connection (the peers are told) and stops the driver now, closing the socket. */
    public void abortAllAndStop(String reason) {
        if (!stopped) {
            execute(now -> {
                for (Connection c : endpoint.connectionsSnapshot()) {
                    c.abort(now, reason);
                }
            });
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
        stopRequested = true;
        wakeup();
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
            Session s = (Session) attachment;
            if (!s.changeQueued) {
                s.changeQueued = true;
                changed.add(s);
            }
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
                    // wakeup unparks it too (wakeSelector), a datagram waits for it at most this long.
                    if (selector.selectNow() == 0) {
                        LockSupport.parkNanos(waitNanos);
                    }
                } else {
                    // Whole milliseconds, rounded down: the rest is slept precisely next turn.
                    selector.select(waitNanos / MILLISECOND_NANOS);
                }
                sleeping = false;
                selector.selectedKeys().clear();
            }
        } catch (Throwable t) {
            crash = t;
        } finally {
            engineLock.lock();
            try {
                closeEverything();
            } finally {
                unlockEngine();
            }
        }
    }

    private static final long STOP = Long.MIN_VALUE;

    /**
     * One turn under the engine lock. Returns how many nanoseconds to sleep: 0 for not at all,
     * a negative value for "until woken", {@link #STOP} to stop.
     */
    private long turn() throws IOException {
        engineLock.lock();
        try {
            long now = System.nanoTime();
            runCommands(now);
            port.receiveAll(now);
            // Time passed while reading (and the thread may have been descheduled): the rest
            // of the turn works at the time it actually runs.
            now = System.nanoTime();
            endpoint.handleTimeout(now);
            moveAccepted();
            pumpAll(now);
            port.transmitAll(now);
            pumpAll(now);
            signalIdleWaiters();
            boolean idleNow = endpoint.connectionCount() == 0 && commands.isEmpty();
            hadConnection |= !idleNow;
            if (idleNow && !wasIdle) {
                idleSinceNanos = now;
            }
            wasIdle = idleNow;
            // An endpoint closing that never had a connection has nothing to linger for.
            boolean graceOver = idleNow && (now - idleSinceNanos >= IDLE_GRACE_NANOS || !hadConnection);
            boolean stopOnceIdle = (stopWhenIdle && hadConnection) || closingAll;
            if (stopRequested || (stopOnceIdle && graceOver)) {
                port.transmitAll(System.nanoTime());
                return STOP;
            }
            return prepareToSleep(stopOnceIdle && idleNow ? idleSinceNanos + IDLE_GRACE_NANOS : DatagramEngine.NO_DEADLINE);
        } finally {
            unlockEngine();
        }
    }

    private void runCommands(long now) {
        Consumer<Long> command;
        while ((command = commands.poll()) != null) {
            command.accept(now);
        }
    }

    private void moveAccepted() {
        Connection c;
        while (acceptQueue.hasRoom() && (c = endpoint.pollAccepted()) != null) {
            Session s = new Session(this, c);
            c.attach(s);
            s.changeQueued = true;
            changed.add(s);
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
        while ((s = pumpRequests.poll()) != null) {
            s.pumpQueued.set(false);
            pumpContained(s, now);
        }
        pumpChanged(now);
    }

    /** Pumps the sessions whose connections changed. Engine lock held. */
    private void pumpChanged(long now) {
        Session s;
        // Pumping may change connections again (the listener re-queues them): one pass per call.
        int n = changed.size();
        for (int i = 0; i < n && (s = changed.poll()) != null; i++) {
            s.changeQueued = false;
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

    /** Reports the connections a closing endpoint waits for: those not settled yet (else all). */
    private void signalIdleWaiters() {
        if (!closingAll) {
            acceptQueue.reportConnections(endpoint.connectionCount());
            return;
        }
        int unsettled = 0;
        for (Connection c : endpoint.connectionsSnapshot()) {
            if (!isSettled(c)) {
                unsettled++;
            }
        }
        acceptQueue.reportConnections(unsettled);
    }

    /**
     * Engine lock held: announces the sleep, then looks at the queues (in this order, so that an
     * application thread that queues work after the look sees {@link #sleeping} and wakes the
     * selector). Returns the wait as {@link #turn} does.
     */
    private long prepareToSleep(long ownDeadlineNanos) {
        long deadline = io.rudp.core.util.TimeMath.earliest(endpoint.nextDeadlineNanos(), ownDeadlineNanos);
        wakeupPending.set(false);
        sleepDeadlineNanos = deadline;
        sleeping = true;
        if (!commands.isEmpty() || !pumpRequests.isEmpty() || !changed.isEmpty() || stopRequested) {
            return 0;
        }
        if (deadline == DatagramEngine.NO_DEADLINE) {
            return -1;
        }
        long waitNanos = deadline - System.nanoTime();
        return Math.max(0, waitNanos);
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
