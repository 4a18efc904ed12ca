package io.rudp.core.congestion;

/**
 * The recovery period of a loss-based controller (RFC 9002 §7.3.2): it begins at a congestion
 * event, and packets sent before it began neither grow the window nor reduce it again.
 */
final class RecoveryPeriod {

    private boolean started;
    private long startTimeNanos;

    /** Begins a recovery period now (RFC 9002 B.6: congestion_recovery_start_time = now). */
    void start(long nowNanos) {
        started = true;
        startTimeNanos = nowNanos;
    }

    /** Ends it (RFC 9002 B.8: persistent congestion leaves recovery). */
    void end() {
        started = false;
    }

    /** RFC 9002 B.5 InCongestionRecovery: sent_time <= congestion_recovery_start_time. */
    boolean covers(long sentTimeNanos) {
        return started && sentTimeNanos - startTimeNanos <= 0;
    }
}
