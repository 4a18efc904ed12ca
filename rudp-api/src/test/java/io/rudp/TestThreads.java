package io.rudp;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Background threads for tests, closed with a bounded wait: {@link #close()} interrupts what is
 * still running and fails if it does not end within ten seconds.
 */
final class TestThreads implements AutoCloseable {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int MAX_POLLS = 10_000;

    private final ExecutorService pool;

    /** A pool of {@code count} threads. */
    TestThreads(int count) {
        this.pool = Executors.newFixedThreadPool(count);
    }

    /** Runs {@code task} on one of the pool's threads. */
    <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    /**
     * Waits until {@code thread} is parked (blocked on a lock or condition), polling its state at
     * most {@link #MAX_POLLS} times and for at most {@code bound}.
     *
     * @throws AssertionError if it never blocked
     */
    static void awaitBlocked(Thread thread, Duration bound) {
        long deadlineNanos = System.nanoTime() + bound.toNanos();
        for (int i = 0; i < MAX_POLLS && deadlineNanos - System.nanoTime() > 0; i++) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new AssertionError(thread + " did not block within " + bound + "; state " + thread.getState());
    }

    /** Interrupts the remaining tasks and waits for the threads to end (bounded). */
    @Override
    public void close() {
        pool.shutdownNow();
        boolean ended;
        try {
            ended = pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the test threads to end", e);
        }
        if (!ended) {
            throw new AssertionError("test threads did not end within 10 s");
        }
    }
}
