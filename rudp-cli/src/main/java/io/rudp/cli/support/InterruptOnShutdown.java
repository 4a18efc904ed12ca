package io.rudp.cli.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running command end cleanly on Ctrl-C: while installed, a JVM shutdown hook
 * interrupts the command's thread and waits (at most a grace period) for the command to finish
 * its cleanup and print its summary. Closing it (at the end of the command) uninstalls the hook
 * and releases a hook that is waiting.
 *
 * <pre>{@code
 * try (InterruptOnShutdown stop = InterruptOnShutdown.install(Duration.ofSeconds(5))) {
 *     ... blocking work that ends with InterruptedIOException / InterruptedException ...
 *     ... print the summary ...
 * }
 * }</pre>
 */
public final class InterruptOnShutdown implements AutoCloseable {

    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean triggered;
    private volatile boolean stopIsSuccess;

    private InterruptOnShutdown(Thread target, Duration grace) {
        this.hook = new Thread(() -> {
            triggered = true;
            target.interrupt();
            boolean finished = false;
            try {
                finished = done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (finished && stopIsSuccess) {
                exitSuccessfully();
            }
        }, "rudp-shutdown-" + target.getName());
    }

    /**
     * For a command whose documented way to stop is Ctrl-C or SIGTERM ({@code rudp echo}): when
     * the command finished within the grace period, the process exits 0 instead of 130 or 143
     * (128 + the signal's number, what the JVM exits with on a signal).
     *
     * @return this
     */
    public InterruptOnShutdown stopIsSuccess() {
        stopIsSuccess = true;
        return this;
    }

    /**
     * Ends a shutdown that a signal started with exit status 0, from a shutdown hook once the
     * command printed its summary. The JVM sets a signal's exit status before the hooks run, and
     * {@code System.exit} from a hook would wait forever, so this halts; the standard streams are
     * flushed first, and the other hooks (none in this tool) do not run to their end.
     */
    public static void exitSuccessfully() {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    /** Installs a hook that interrupts the calling thread on JVM shutdown and waits up to {@code grace} for it. */
    public static InterruptOnShutdown install(Duration grace) {
        InterruptOnShutdown s = new InterruptOnShutdown(Thread.currentThread(), grace);
        try {
            Runtime.getRuntime().addShutdownHook(s.hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            s.triggered = true;
        }
        return s;
    }

    /**
     * True if {@code e} reports an interrupted blocking call (a stop request), not a timeout:
     * {@link java.net.SocketTimeoutException} is an {@link java.io.InterruptedIOException} too.
     */
    public static boolean isInterruption(Throwable e) {
        return e instanceof java.io.InterruptedIOException && !(e instanceof java.net.SocketTimeoutException);
    }

    /** True once the JVM began shutting down (Ctrl-C, SIGTERM) while this was installed. */
    public boolean triggered() {
        return triggered;
    }

    /** Uninstalls the hook (if the JVM is not already shutting down) and releases a waiting hook. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran; it returns now that done is counted down
        }
    }
}
