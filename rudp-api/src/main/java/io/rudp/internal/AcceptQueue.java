package io.rudp.internal;

import io.rudp.core.CloseReason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where accepted sessions wait for {@code accept()}, and where a shutting-down server waits for its
 * connections to end. The driver offers sessions and reports how many connections remain;
 * application threads wait on conditions (never {@code synchronized}). Bounded by the backlog.
 */
final class AcceptQueue {

    private final int capacity;
    private final InetSocketAddress localAddress;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition acceptable = lock.newCondition();
    private final Condition connectionsEnded = lock.newCondition();
    private final ArrayDeque<Session> sessions = new ArrayDeque<>();
    private boolean closed;
    private int liveConnections;

    AcceptQueue(int capacity, InetSocketAddress localAddress) {
        this.capacity = capacity;
        this.localAddress = localAddress;
    }

    /** Driver: room for another session? */
    boolean hasRoom() {
        lock.lock();
        try {
            return sessions.size() < capacity;
        } finally {
            lock.unlock();
        }
    }

    /** Driver: a session is ready to be accepted. */
    void offer(Session s) {
        lock.lock();
        try {
            sessions.add(s);
            acceptable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Application: the next session, waiting up to {@code timeoutNanos} (0: forever); null on
     * timeout; throws once closed.
     */
    Session take(long timeoutNanos) throws IOException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (sessions.isEmpty()) {
                if (closed) {
                    throw Failures.serverShutDown(localAddress);
                }
                if (timeoutNanos > 0 && remaining <= 0) {
                    return null;
                }
                if (timeoutNanos > 0) {
                    remaining = acceptable.awaitNanos(remaining);
                } else {
                    acceptable.await();
                }
            }
            return sessions.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to accept on " + localAddress);
        } finally {
            lock.unlock();
        }
    }

    /** Driver: how many connections the endpoint holds now; zero wakes {@link #awaitNoConnections}. */
    void reportConnections(int count) {
        lock.lock();
        try {
            liveConnections = count;
            if (count == 0) {
                connectionsEnded.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Application: waits until the endpoint holds no connection (or it stopped), at most {@code boundNanos}. */
    void awaitNoConnections(long boundNanos) {
        lock.lock();
        try {
            long remaining = boundNanos;
            while (!closed && liveConnections > 0 && remaining > 0) {
                remaining = connectionsEnded.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the queue closed: waiters are released; sessions still waiting learn {@code reason}. */
    void close(CloseReason reason) {
        lock.lock();
        try {
            closed = true;
            for (Session s : sessions) {
                s.onEndpointStopped(reason);
            }
            acceptable.signalAll();
            connectionsEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** True once {@link #close} was called. */
    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
