package io.rudp.core;

/**
 * When the peer was last heard and when this side last asked it for an answer: what the peer
 * timeout, the idle timeout and the keep-alives count from (docs/PROTOCOL.md §5, liveness).
 */
final class Liveness {

    private final long peerTimeoutNanos;
    private long lastReceivedNanos;
    private long lastAckElicitingSentNanos;
    /**
     * When the current wait for an answer began: the sending of the first ack-eliciting packet
     * while none was in flight. The peer timeout counts from the later of this and
     * {@link #lastReceivedNanos}.
     */
    private long awaitingAnswerSinceNanos;

    /**
     * @param peerTimeoutNanos {@link EngineConfig#peerTimeout()}: how long an unanswered wait may last
     * @param nowNanos when the connection was made (counts as heard and asked)
     */
    Liveness(long peerTimeoutNanos, long nowNanos) {
        this.peerTimeoutNanos = peerTimeoutNanos;
        this.lastReceivedNanos = nowNanos;
        this.lastAckElicitingSentNanos = nowNanos;
        this.awaitingAnswerSinceNanos = nowNanos;
    }

    /** A packet of the peer's arrived. */
    void onReceived(long nowNanos) {
        lastReceivedNanos = nowNanos;
    }

    /**
     * An ack-eliciting packet left at {@code nowNanos}; {@code alreadyAwaiting} says whether one
     * was in flight before it (if not, a new wait for the peer's answer begins now).
     */
    void onAckElicitingSent(long nowNanos, boolean alreadyAwaiting) {
        lastAckElicitingSentNanos = nowNanos;
        if (!alreadyAwaiting) {
            awaitingAnswerSinceNanos = nowNanos;
        }
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    long lastAckElicitingSentNanos() {
        return lastAckElicitingSentNanos;
    }

    long peerTimeoutNanos() {
        return peerTimeoutNanos;
    }

    /**
     * When the peer timeout ends the connection if nothing is heard before: the later of the
     * last packet heard and the start of the current wait, plus the peer timeout. Meaningful
     * only while an ack-eliciting packet is in flight.
     */
    long peerTimeoutDeadlineNanos() {
        long silentSinceNanos = awaitingAnswerSinceNanos - lastReceivedNanos > 0 ? awaitingAnswerSinceNanos : lastReceivedNanos;
        return silentSinceNanos + peerTimeoutNanos;
    }
}
