package io.rudp.cli.proxy;

/**
 * Lets threads wait for the relay loop to do something (receive, send, expire, stop) without
 * polling. The loop pays only a volatile read per turn while nobody waits. Package-private.
 */
final class ProgressSignal {
    private volatile int waiters;
    private long generation;

    /** Called by the loop after a turn with activity, and when it ends. */
    void signal() {
        if (waiters > 0) {
            synchronized (this) {
                generation++;
                notifyAll();
            }
        }
    }

    /** Registers a waiter; pair with {@link #leave()}. Must precede reading {@link #generation()}. */
    synchronized void enter() {
        waiters++;
    }

    synchronized void leave() {
        waiters--;
    }

    synchronized long generation() {
        return generation;
    }

    /** Waits up to {@code nanos} for the generation to move past {@code seen}. */
    synchronized void awaitChange(long seen, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (generation == seen && left > 0) {
            wait(Math.max(1, left / 1_000_000), 0);
            left = deadline - System.nanoTime();
        }
    }
}
