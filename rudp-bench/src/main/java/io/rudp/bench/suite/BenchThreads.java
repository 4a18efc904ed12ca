package io.rudp.bench.suite;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The benchmark's own threads: named {@code rudp-bench-...}, daemon, and always shut down. */
final class BenchThreads {

    /** The prefix of every thread the benchmark starts itself. */
    static final String PREFIX = "rudp-bench-";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private BenchThreads() {
    }

    /** A pool with one thread per task (the benchmark runs a handful at a time). */
    static ExecutorService pool(String purpose) {
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, PREFIX + purpose + "-" + COUNTER.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newCachedThreadPool(factory);
    }

    /** Interrupts the pool's threads and waits up to 10 s for them to end. */
    static void shutdown(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
