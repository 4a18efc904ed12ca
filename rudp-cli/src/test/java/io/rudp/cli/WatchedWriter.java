package io.rudp.cli;

import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A thread-safe in-memory writer that a test can wait on until some text appears (bounded). */
final class WatchedWriter extends Writer {

    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void write(char[] cbuf, int off, int len) {
        text.append(cbuf, off, len);
        notifyAll();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** Everything written so far. */
    @Override
    public synchronized String toString() {
        return text.toString();
    }

    /** Waits until {@code pattern} matches what was written, at most {@code bound}; returns the match. */
    synchronized Matcher await(Pattern pattern, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("'" + pattern + "' did not appear within " + bound + "; output so far:\n" + text);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
