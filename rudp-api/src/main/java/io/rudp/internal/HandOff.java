package io.rudp.internal;

import io.rudp.core.DatagramEngine;
import io.rudp.core.util.TimeMath;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-off between application threads and one endpoint's driver thread: the engine lock, the
 * queues of work for the driver, and the rules for who runs the engine and who wakes whom. Every
 * wake-up in {@code io.rudp.internal} goes through here; {@link Session} and
 * {@link EndpointDriver} only say what happened.
 *
 * <p><b>Lock order.</b> The engine is single-threaded: the endpoint, its connections, the send
 * buffer and the list of changed sessions are used only under the engine lock. A thread that
 * holds the engine lock may take a session's lock; a thread that holds a session's lock never
 * takes the engine lock ({@link EndpointDriver#flush} and {@link EndpointDriver#writeDirect} are
 * called without it; queueing work for the driver takes no lock). No wait can close a cycle, and
 * an application thread never waits for the engine at all: it {@link #tryTakeEngine tries} it.
 *
 * <p><b>Who runs the engine.</b>
 * <ul>
 * <li>A write of at most {@link #MESSAGE_WRITE_BYTES} (a request or a reply) runs the engine on
 *     the writer's thread if the engine lock is free ({@link #tryTakeEngine}), and sends at most
 *     {@link #APP_THREAD_DATAGRAMS} datagrams there: the message leaves without a hand-off to the
 *     driver. A larger write, a reader that emptied a full inbound ring, and any work that found
 *     the engine busy are queued for the driver ({@link #requestPump}). Measured (docs/DESIGN.md,
 *     rudp-api): application threads running the engine during a stream contend with the
 *     driver's receiving of acknowledgements and cost about a quarter of bulk goodput.
 * </ul>
 *
 * <p><b>Waking the driver, without a lost wake-up.</b>
 * <ul>
 * <li>The driver announces its sleep under the engine lock ({@link #prepareToSleep}): it clears
 *     {@code wakeupPending}, records the deadline it will wake at, sets {@code sleeping}, and only
 *     then looks at its queues (commands, pump requests, changed sessions, a stop request). An
 *     application thread first queues its work, then reads {@code sleeping}
 *     ({@link #wakeDriver}). Both flags are volatile, so either the driver's last look sees the
 *     work or the application thread sees {@code sleeping} and wakes it (Dekker order). A thread
 *     that queues during a turn needs no wake-up: the turn looks before it sleeps.
 * <li>Wake-ups are coalesced by {@code wakeupPending}: at most one {@code Selector.wakeup()} per
 *     sleep. Each is a system call (the selector's wake-up pipe or eventfd) and a driver turn of
 *     its own; one per write would add both to every message, whose datagrams the writer's
 *     thread has already sent.
 * <li>An application thread that ran the engine wakes a sleeping driver only if the driver must
 *     act ({@link #wakeDriverIfItMustAct}): the engine now has an earlier deadline than the one
 *     the driver sleeps to (the retransmission timer the write armed, a pacing release), it left
 *     datagrams unsent, a send waits for the socket to become writable, or sessions wait to be
 *     pumped. Otherwise the driver sleeps on.
 * <li>{@code accept()} always wakes the driver ({@link #wakeDriverAlways}): the engine may hold
 *     connections the full accept queue could not take, which is not one of the queues above.
 * </ul>
 *
 * <p><b>Waking blocked readers and writers</b> ({@link #wakeWaiters}), after a pump under the
 * engine lock:
 * <ul>
 * <li>A message moved or the connection's state changed: the session's waiters are woken after
 *     the engine lock is released ({@link #releaseEngine}), so a reader that replies at once finds
 *     the engine free and sends the reply on its own thread (signalled inside the turn, about half
 *     the replies of a ping-pong found the driver still busy and were queued for it). One deferred
 *     signal per session is queued at a time.
 * <li>Streaming (the pump drained the outbound ring, or left the inbound ring at least
 *     {@linkplain #inboundWakesAtOnce half full}): the waiters are woken at once, inside the turn,
 *     so the woken thread mostly finds the engine busy and leaves the engine work to the driver
 *     (deferring these cost a third of bulk goodput).
 * <li>Waiters re-check their condition under the session's lock in a loop, and every change they
 *     wait for is made under that lock before the signal: a late or extra signal loses nothing.
 * </ul>
 */
final class HandOff {

    /**
     * The largest write that runs the engine on the application thread (straight into the
     * connection's send buffer, then sending it): requests and replies. Larger writes stream
     * through the ring and the driver.
     */
    static final int MESSAGE_WRITE_BYTES = 16 * 1024;
    /**
     * How many datagrams an application thread sends itself before it leaves the rest to the
     * driver: enough for a request or a reply, few enough that a bulk writer does not hold the
     * engine (and the driver's receiving of acknowledgements) for long.
     */
    static final int APP_THREAD_DATAGRAMS = 4;

    /** Per session: which of the hand-off's queues hold it (each at most once). */
    static final class Marks {
        private final AtomicBoolean pumpRequested = new AtomicBoolean();
        private final AtomicBoolean signalQueued = new AtomicBoolean();
        /** Engine lock held: queued in {@link #changed}. */
        private boolean changeQueued;
    }

    private final Selector selector;
    private final Thread driverThread;
    /** Guards the endpoint, its connections, {@link #changed}, the send buffer and blocked send. */
    private final ReentrantLock engineLock = new ReentrantLock();
    /**
     * Commands for the driver, run at the start of its next turn. Bounded in practice: each is
     * queued by one application call ({@code connect}, which waits for it; {@code listen};
     * {@code closeAll}, two; {@code abortAllAndStop}, one), every turn runs all of them, and once
     * the driver stopped the API refuses those calls (one racing the stop queues only its own).
     */
    private final ConcurrentLinkedQueue<DriverCommand> commands = new ConcurrentLinkedQueue<>();
    /** Sessions application threads asked the driver to pump (each at most once: {@link Marks}). */
    private final ConcurrentLinkedQueue<Session> pumpRequests = new ConcurrentLinkedQueue<>();
    /** Engine lock held: sessions whose connections the engine changed (each at most once). */
    private final ArrayDeque<Session> changed = new ArrayDeque<>();
    /** Sessions whose waiters are woken once the engine lock is released (each at most once). */
    private final ConcurrentLinkedQueue<Session> toSignal = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** Set (before the last look at the queues) while the driver sleeps or is about to. */
    private volatile boolean sleeping;
    /** The deadline the sleeping driver wakes at by itself ({@code NO_DEADLINE}: none). */
    private volatile long sleepDeadlineNanos = DatagramEngine.NO_DEADLINE;
    private volatile boolean stopRequested;

    HandOff(Selector selector, Thread driverThread) {
        this.selector = selector;
        this.driverThread = driverThread;
    }

    // ---------------------------------------------------------------- the engine lock

    /** Takes the engine lock (the driver's turn, its last cleanup). */
    void takeEngine() {
        engineLock.lock();
    }

    /** Takes the engine lock if it is free (an application thread that would run the engine). */
    boolean tryTakeEngine() {
        return engineLock.tryLock();
    }

    /**
     * Releases the engine lock, then wakes the threads waiting on sessions that changed. Woken
     * after the release, a reader that replies at once finds the engine free.
     */
    void releaseEngine() {
        engineLock.unlock();
        Session s;
        while ((s = toSignal.poll()) != null) {
            s.marks.signalQueued.set(false);
            s.wakeWaiters();
        }
    }

    // ---------------------------------------------------------------- who runs the engine

    /** Whether a write of {@code lengthBytes} runs the engine on the writer's thread. */
    static boolean writerRunsEngine(int lengthBytes) {
        return lengthBytes <= MESSAGE_WRITE_BYTES;
    }

    /** Queues {@code command} for the driver's next turn and wakes the driver if it sleeps. */
    void submit(DriverCommand command) {
        commands.add(command);
        wakeDriver();
    }

    /** Asks the driver to pump {@code session} at its next turn (once, however often asked). */
    void requestPump(Session session) {
        if (session.marks.pumpRequested.compareAndSet(false, true)) {
            pumpRequests.add(session);
            wakeDriver();
        }
    }

    /** Asks the driver to stop after one more turn. */
    void requestStop() {
        stopRequested = true;
        wakeDriver();
    }

    boolean isStopRequested() {
        return stopRequested;
    }

    // ---------------------------------------------------------------- engine lock held: the driver's queues

    /** Runs every queued command. */
    void runCommands(long nowNanos) {
        DriverCommand command;
        while ((command = commands.poll()) != null) {
            command.run(nowNanos);
        }
    }

    boolean hasCommands() {
        return !commands.isEmpty();
    }

    /** The next session an application thread asked to be pumped, or null. */
    Session pollPumpRequest() {
        Session s = pumpRequests.poll();
        if (s != null) {
            s.marks.pumpRequested.set(false);
        }
        return s;
    }

    /** The engine changed {@code session}'s connection: queue it to be pumped (once). */
    void connectionChanged(Session session) {
        if (!session.marks.changeQueued) {
            session.marks.changeQueued = true;
            changed.add(session);
        }
    }

    /** How many sessions are queued as changed now (pumping may queue them again: one pass at a time). */
    int changedCount() {
        return changed.size();
    }

    /** The next session queued as changed, or null. */
    Session pollChanged() {
        Session s = changed.poll();
        if (s != null) {
            s.marks.changeQueued = false;
        }
        return s;
    }

    // ---------------------------------------------------------------- waking the driver

    /** Wakes the driver if it sleeps (or is about to); a driver in its turn looks at the queues before sleeping. */
    private void wakeDriver() {
        if (sleeping && wakeupPending.compareAndSet(false, true)) {
            wakeDriverAlways();
        }
    }

    /** Ends the driver's sleep: the selector's, or the precise park of a sub-millisecond wait. */
    void wakeDriverAlways() {
        selector.wakeup();
        LockSupport.unpark(driverThread);
    }

    /**
     * Engine lock held by an application thread that ran the engine: wakes the sleeping driver
     * only if it must act.
     *
     * @param moreToSend the thread stopped at {@link #APP_THREAD_DATAGRAMS} with more to send
     * @param engineDeadlineNanos the engine's next deadline now
     * @param sendBlocked a datagram waits for the socket to become writable
     * @return whether this call woke the driver (false too when another wake-up of the same sleep did)
     */
    boolean wakeDriverIfItMustAct(boolean moreToSend, long engineDeadlineNanos, boolean sendBlocked) {
        if (!sleeping) {
            return false; // the driver has not begun its turn yet (it holds the lock for all of it)
        }
        boolean earlier = TimeMath.isBefore(engineDeadlineNanos, sleepDeadlineNanos);
        if ((moreToSend || earlier || sendBlocked || !changed.isEmpty()) && wakeupPending.compareAndSet(false, true)) {
            wakeDriverAlways();
            return true;
        }
        return false;
    }

    /**
     * Engine lock held by the driver: announces the sleep, then looks at the queues (in this
     * order: see the class comment). Returns how many nanoseconds to sleep: 0 for not at all, a
     * negative value for "until woken".
     */
    long prepareToSleep(long deadlineNanos) {
        wakeupPending.set(false);
        sleepDeadlineNanos = deadlineNanos;
        sleeping = true;
        if (!commands.isEmpty() || !pumpRequests.isEmpty() || !changed.isEmpty() || stopRequested) {
            return 0;
        }
        if (deadlineNanos == DatagramEngine.NO_DEADLINE) {
            return -1;
        }
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    /** The driver woke up and begins its next turn. */
    void awake() {
        sleeping = false;
    }

    // ---------------------------------------------------------------- waking readers and writers

    /** Whether an inbound ring holding {@code sizeBytes} of {@code capacityBytes} wakes its reader at once. */
    static boolean inboundWakesAtOnce(int sizeBytes, int capacityBytes) {
        return sizeBytes >= capacityBytes / 2;
    }

    /**
     * Engine lock and the session's lock held, after a pump: wakes the session's waiters at once
     * if it is streaming, else (if anything they may wait for changed) once the engine lock is
     * released.
     */
    void wakeWaiters(Session session, boolean streaming, boolean changedForWaiters) {
        if (streaming) {
            session.wakeWaiters();
        } else if (changedForWaiters && session.marks.signalQueued.compareAndSet(false, true)) {
            toSignal.add(session);
        }
    }
}
