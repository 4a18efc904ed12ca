package io.rudp.internal;

import io.rudp.core.CloseReason;
import io.rudp.core.Connection;
import io.rudp.core.ConnectionState;
import io.rudp.core.ConnectionStats;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection as application threads see it: two bounded byte rings (to and from the
 * engine; their storage grows with use and is given back when the connection is quiet, see
 * {@link ByteRing} and {@link #RING_QUIET_NANOS}), the requests the application made
 * ({@link SessionRequests}), and a snapshot of the connection's state. Application threads block
 * on {@link #changed} (a lock condition, so virtual threads never pin); the driver thread applies
 * the requests, moves bytes and refreshes the snapshot in {@link #pump}, and is the only thread
 * that touches the {@link Connection} (or an application thread holding the engine lock, see
 * {@link HandOff}, which also says when waiters are woken).
 */
public final class Session {

    private static final int RING_BYTES = 64 * 1024;
    /**
     * Empty rings give their storage back once no byte went through them for this long (checked
     * when the driver pumps the session: on the connection's next event, at the latest its
     * keep-alive), so an idle connection holds no ring storage while a busy one keeps its own.
     */
    static final long RING_QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long STATS_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final EndpointDriver driver;
    private final HandOff handOff;
    private final Connection connection;
    private final InetSocketAddress peerAddress;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReentrantLock readerLock = new ReentrantLock();
    private final ReentrantLock writerLock = new ReentrantLock();
    private final ByteRing inbound = new ByteRing(RING_BYTES);
    private final ByteRing outbound = new ByteRing(RING_BYTES);
    /** Which of the driver's queues hold this session: the hand-off's own state. */
    final HandOff.Marks marks = new HandOff.Marks();

    // Guarded by lock. From the application:
    private final SessionRequests requests = new SessionRequests();
    private boolean wroteAnything;
    // Guarded by lock. What the driver last saw:
    private final ConnectionSnapshot seen;
    // Under the driver's engine lock:
    /** When the driver last moved bytes through a ring (driver clock). */
    private long lastRingUseNanos;

    Session(EndpointDriver driver, HandOff handOff, Connection connection) {
        this.driver = driver;
        this.handOff = handOff;
        this.connection = connection;
        this.peerAddress = connection.peerAddress();
        this.seen = new ConnectionSnapshot(connection.state());
    }

    /** The peer's address. */
    public InetSocketAddress peerAddress() {
        return peerAddress;
    }

    /** The lock that serializes whole reads (a message is read by one thread at a time). */
    public ReentrantLock readerLock() {
        return readerLock;
    }

    /** The lock that serializes whole writes (a send's bytes are never interleaved with another's). */
    public ReentrantLock writerLock() {
        return writerLock;
    }

    // ---------------------------------------------------------------- application side

    /** Waits until the handshake ends; returns normally if established, else throws why not. */
    void awaitEstablished(long timeoutNanos) throws IOException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (seen.state() == ConnectionState.CONNECTING) {
                if (remaining <= 0) {
                    throw new SocketTimeoutException("connect to " + peerAddress + " timed out after "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                }
                remaining = awaitNanos(remaining);
            }
            if (seen.state() != ConnectionState.ESTABLISHED && seen.endedAbnormally()) {
                throw Failures.connectFailure(peerAddress, seen.closeReason());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads at least one byte (blocking up to {@code timeoutNanos}; 0 means forever) or returns -1
     * at the end of the peer's stream.
     */
    public int read(byte[] dst, int off, int len, long timeoutNanos) throws IOException {
        if (len == 0) {
            return 0;
        }
        boolean wasFull;
        int n;
        lock.lock();
        try {
            if (requests.isClosed()) {
                throw closedException(); // close() means no further receives, buffered or not
            }
            long remaining = timeoutNanos;
            while (inbound.isEmpty()) {
                if (requests.isClosed()) {
                    throw closedException();
                }
                if (seen.isInputEnded()) {
                    if (seen.endedAbnormally() && !connectionFinishedItsInput()) {
                        throw Failures.lost(peerAddress, seen.closeReason());
                    }
                    return -1;
                }
                if (timeoutNanos > 0 && remaining <= 0) {
                    throw new SocketTimeoutException("no data from " + peerAddress + " within the read timeout of "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                }
                remaining = timeoutNanos > 0 ? awaitNanos(remaining) : awaitForever();
            }
            wasFull = inbound.isFull();
            n = inbound.take(dst, off, len);
        } finally {
            lock.unlock();
        }
        if (wasFull) {
            // The engine may hold more than the ring could take: the driver moves it (a reader
            // running the engine here would contend with the driver's receiving turn).
            handOff.requestPump(this);
        }
        return n;
    }

    private boolean connectionFinishedItsInput() {
        // The peer's stream ended before the connection did (e.g. it reset after finishing): a clean EOF.
        return seen.closeReason().kind() == CloseReason.Kind.NORMAL;
    }

    /**
     * Hands all of {@code src[off, off+len)} to the connection, blocking while the buffers are
     * full. Each run of bytes is queued under the session lock, then sent on this thread if the
     * engine is free ({@link EndpointDriver#flush}), else by the driver.
     */
    public void write(byte[] src, int off, int len) throws IOException {
        write(src, off, len, true);
    }

    /**
     * Writes a length header and a message body as one run: the header is queued without being
     * sent alone, so both usually leave in the same packet.
     */
    public void writeMessage(byte[] header, byte[] body) throws IOException {
        write(header, 0, header.length, false);
        write(body, 0, body.length, true);
        if (body.length == 0) {
            driver.flush(this);
        }
    }

    private void write(byte[] src, int off, int len, boolean flushAtEnd) throws IOException {
        int queued = 0;
        // A message-sized write runs the engine on this thread; a streaming one is left to the
        // driver (measured: writers running the engine contend with its receiving turns).
        boolean message = HandOff.writerRunsEngine(len);
        try {
            while (len > 0) {
                int n;
                if (flushAtEnd && message) {
                    // Straight into the engine's send buffer when the ring is empty and the engine free.
                    n = driver.writeDirect(this, src, off, len);
                    if (n > 0) {
                        off += n;
                        len -= n;
                        queued += n;
                        continue;
                    }
                }
                lock.lock();
                try {
                    checkWritable();
                    n = outbound.put(src, off, len);
                    if (n == 0) {
                        awaitForever(); // the ring is full: the engine's acknowledgements drain it
                        continue;
                    }
                    wroteAnything = true;
                } finally {
                    lock.unlock();
                }
                off += n;
                len -= n;
                queued += n;
                if (!message) {
                    handOff.requestPump(this);
                } else if (flushAtEnd || len > 0) {
                    driver.flush(this);
                }
            }
        } catch (InterruptedIOException e) {
            // The first `queued` bytes will still be sent: say so, as OutputStream contracts do.
            e.bytesTransferred = queued;
            throw e;
        }
    }

    /**
     * Engine lock held: hands bytes to the connection directly, skipping the ring, if nothing
     * is queued before them. Returns how many the connection took (0: use the ring).
     */
    int writeDirect(byte[] src, int off, int len, long nowNanos) throws IOException {
        lock.lock();
        try {
            checkWritable();
            Connection c = connection;
            if (!outbound.isEmpty() || requests.isAbortApplied() || c.state().isTerminating() || c.isOutputShutdown()) {
                return 0;
            }
            int n = c.write(nowNanos, src, off, len);
            wroteAnything |= n > 0;
            return n;
        } finally {
            lock.unlock();
        }
    }

    private IOException closedException() {
        String why = requests.closedByEndpoint();
        return why != null ? Failures.closedByOwner(peerAddress, why) : Failures.closedLocally(peerAddress);
    }

    private void checkWritable() throws IOException {
        if (requests.isClosed()) {
            throw closedException();
        }
        if (requests.isOutputShutdownRequested()) {
            throw Failures.outputShutdown(peerAddress);
        }
        if (seen.isOutputClosedByEndpoint()) {
            throw Failures.closedByEndpoint(peerAddress);
        }
        if (seen.state().isTerminating() || seen.endedAbnormally()) {
            CloseReason why = seen.closeReason();
            throw why != null ? Failures.lost(peerAddress, why) : Failures.closedLocally(peerAddress);
        }
    }

    /** No more writes; the peer reads the end of the stream after everything written. */
    public void shutdownOutput() {
        lock.lock();
        try {
            requests.requestOutputShutdown();
        } finally {
            lock.unlock();
        }
        handOff.requestPump(this);
    }

    /**
     * Graceful close: waits until everything written was acknowledged by the peer, or the peer
     * finished its stream and acknowledged every byte written (a peer that closed and went away
     * never acknowledges the end of our stream: that is retransmitted in the background), or the
     * connection ended; for at most {@code timeoutNanos}. Idempotent.
     *
     * @throws IOException if the connection ended abnormally before the peer had everything
     */
    public void close(long timeoutNanos) throws IOException {
        lock.lock();
        try {
            if (!requests.requestClose()) {
                return;
            }
            handOff.requestPump(this);
            long remaining = timeoutNanos;
            while (!seen.isOutputAcknowledged() && !seen.isDelivered() && !seen.state().isTerminating()
                    && remaining > 0) {
                remaining = awaitNanos(remaining);
            }
            if (wroteAnything && !seen.isOutputAcknowledged() && !seen.isDelivered() && seen.endedAbnormally()) {
                throw Failures.undelivered(peerAddress, seen.closeReason());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The endpoint that owns this session is closing: the session closes gracefully as if the
     * application had called {@code close()} (what was written is still delivered), without a
     * thread waiting; blocked readers and writers, and later calls, get a
     * {@link io.rudp.ConnectionClosedException} naming {@code why}. No effect on a session already
     * closed or aborted. The caller pumps the session (engine lock held).
     */
    void closeByEndpoint(String why) {
        lock.lock();
        try {
            if (requests.requestCloseByEndpoint(why)) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Abortive close: pending data is dropped and the peer is told. Idempotent. */
    public void abort(String reason) {
        lock.lock();
        try {
            if (requests.isCloseRequested() && seen.isOutputAcknowledged()) {
                return; // the graceful close already delivered everything: nothing left to abort
            }
            if (requests.requestAbort(reason)) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        handOff.requestPump(this);
    }

    /** Fresh statistics from the driver thread (waits for one driver turn). */
    public ConnectionStats stats() throws IOException {
        lock.lock();
        try {
            long version = seen.statsVersion();
            requests.requestStats();
            handOff.requestPump(this);
            long remaining = STATS_WAIT_NANOS;
            while (seen.statsVersion() == version && remaining > 0 && !driver.isStopped()) {
                remaining = awaitNanos(remaining);
            }
            if (seen.stats() == null) {
                throw new IOException("statistics of the connection to " + peerAddress + " are not available: its endpoint stopped");
            }
            return seen.stats();
        } finally {
            lock.unlock();
        }
    }

    /** The connection's state as the driver last saw it. */
    public ConnectionState state() {
        lock.lock();
        try {
            return seen.state();
        } finally {
            lock.unlock();
        }
    }

    /** Why the connection ended, or null while open. */
    public CloseReason closeReason() {
        lock.lock();
        try {
            return seen.closeReason();
        } finally {
            lock.unlock();
        }
    }

    /** True once the application closed or aborted this session. */
    public boolean isClosedLocally() {
        lock.lock();
        try {
            return requests.isClosed();
        } finally {
            lock.unlock();
        }
    }

    private long awaitNanos(long nanos) throws InterruptedIOException {
        try {
            return changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted(peerAddress);
        }
    }

    private long awaitForever() throws InterruptedIOException {
        try {
            changed.await();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted(peerAddress);
        }
    }

    // ---------------------------------------------------------------- driver side

    /**
     * Applies the application's requests, moves bytes both ways, refreshes the snapshot and wakes
     * the waiters as {@link HandOff#wakeWaiters} says. Engine lock held.
     */
    void pump(long nowNanos) {
        lock.lock();
        try {
            Connection c = connection;
            boolean drained = requests.applyTo(c, outbound, nowNanos);
            boolean movedBytes = drained;
            boolean signal = false;
            boolean inboundHalfFull = false;
            if (!seen.isInputEnded() && !requests.isCloseApplied()) {
                int n = inbound.fillFrom(c);
                if (n < 0) {
                    seen.markInputEnded();
                }
                signal = n != 0;
                movedBytes |= n > 0;
                inboundHalfFull = HandOff.inboundWakesAtOnce(inbound.size(), RING_BYTES);
            }
            if (movedBytes) {
                lastRingUseNanos = nowNanos;
            } else if (nowNanos - lastRingUseNanos >= RING_QUIET_NANOS) {
                inbound.releaseStorage(); // each only if empty
                outbound.releaseStorage();
            }
            signal |= seen.refresh(c, requests.isOutputShutdownApplied(), requests.takeStatsRequest());
            handOff.wakeWaiters(this, drained || inboundHalfFull, signal);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the threads waiting on this session (at once, or deferred by the hand-off). */
    void wakeWaiters() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The endpoint is gone: every waiter learns it. Driver thread (or after it stopped). */
    void onEndpointStopped(CloseReason reason) {
        lock.lock();
        try {
            seen.endpointStopped(reason);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    Connection connection() {
        return connection;
    }

    /** The storage both rings hold now, in bytes (tests and benchmarks). */
    public int ringStorageBytes() {
        lock.lock();
        try {
            return inbound.storageBytes() + outbound.storageBytes();
        } finally {
            lock.unlock();
        }
    }
}
