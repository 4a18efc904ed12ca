package io.rudp.core;

import io.rudp.core.wire.TransportParameters;

/**
 * The client's side of the three-way handshake (docs/PROTOCOL.md §4): which packet it is sending
 * (INITIAL, then RESPONSE), when to send it again, and when to give up (attempts per packet, and a
 * total time).
 *
 * <p>Retransmission rule: the first send of each packet goes once; if no answer comes within
 * {@link EngineConfig#handshakeRetryDelay()} it is sent again, the delay doubling per attempt up to
 * {@link EngineConfig#handshakeMaxRetryDelay()} (a bounded backoff: no RTT is known yet, so the
 * delays are fixed, as RFC 9002 §6.2.2 does with its initial PTO). Each retransmission goes as
 * {@link EngineConfig#handshakeCopies()} copies {@link #COPY_SPACING_NANOS} apart; the copies are
 * one attempt. docs/DESIGN.md gives the loss arithmetic behind the defaults.
 */
final class ClientHandshake {

    enum Phase { AWAITING_CHALLENGE, AWAITING_CONFIRMATION }

    /**
     * Spacing of the copies of one retransmission: far enough apart that one drop-tail overflow
     * or link hiccup rarely takes both, near enough that a lost first copy costs the connect
     * only this much (at most a quarter of the retry delay).
     */
    static final long COPY_SPACING_NANOS = 5_000_000L;

    private final long startNanos;
    private final long timeoutNanos;
    private final int maxAttempts;
    private final long retryDelayNanos;
    private final long maxRetryDelayNanos;
    private final int copiesPerRetransmission;
    private final long copySpacingNanos;

    private Phase phase = Phase.AWAITING_CHALLENGE;
    private int attemptsInPhase;
    /** An attempt (a new scheduled send) is due: pollTransmit sends it. */
    private boolean sendDue = true;
    /** The next copy of the current attempt is due: pollTransmit sends it. */
    private boolean copyDue;
    /** Copies of the current attempt still to send after the one due or scheduled. */
    private int copiesLeft;
    private long nextCopyNanos;
    private long nextSendNanos;
    private long lastAttemptNanos;
    private byte[] token;
    private long serverConnectionId;
    private TransportParameters serverParams;

    ClientHandshake(long nowNanos, EngineConfig config) {
        this.startNanos = nowNanos;
        this.timeoutNanos = config.handshakeTimeout().toNanos();
        this.maxAttempts = config.handshakeAttempts();
        this.retryDelayNanos = config.handshakeRetryDelay().toNanos();
        this.maxRetryDelayNanos = config.handshakeMaxRetryDelay().toNanos();
        this.copiesPerRetransmission = config.handshakeCopies();
        this.copySpacingNanos = Math.max(1, Math.min(COPY_SPACING_NANOS, retryDelayNanos / 4));
        this.nextSendNanos = nowNanos;
    }

    Phase phase() { return phase; }
    /** A handshake packet (an attempt or a copy of one) is waiting to be sent. */
    boolean sendDue() { return sendDue || copyDue; }
    byte[] token() { return token; }
    long serverConnectionId() { return serverConnectionId; }
    TransportParameters serverParams() { return serverParams; }
    int attemptsInPhase() { return attemptsInPhase; }

    /** The earliest of the next copy, the next retransmission and the overall timeout. */
    long deadlineNanos() {
        long giveUp = startNanos + timeoutNanos;
        // While a packet is due, sending it is pollTransmit's job: only the give-up time is a timer.
        if (sendDue || copyDue) {
            return giveUp;
        }
        long next = copiesLeft > 0 && nextCopyNanos - nextSendNanos < 0 ? nextCopyNanos : nextSendNanos;
        return giveUp - next < 0 ? giveUp : next;
    }

    /**
     * Fires the handshake timers. Returns a failure message when the handshake must be abandoned,
     * {@code null} otherwise.
     */
    String onTimeout(long nowNanos) {
        if (nowNanos - (startNanos + timeoutNanos) >= 0) {
            return "no answer from the server within the handshake timeout of " + (timeoutNanos / 1_000_000)
                    + " ms (" + describePhase() + "); check that the server is running and reachable";
        }
        if (sendDue || copyDue) {
            return null;
        }
        if (nowNanos - nextSendNanos >= 0) {
            if (attemptsInPhase >= maxAttempts) {
                return "no answer from the server after " + attemptsInPhase + " attempts (" + describePhase()
                        + "); check that the server is running and reachable";
            }
            copiesLeft = 0; // a copy never trails into the next attempt
            sendDue = true;
        } else if (copiesLeft > 0 && nowNanos - nextCopyNanos >= 0) {
            copyDue = true;
        }
        return null;
    }

    /**
     * Records that the current handshake packet was just sent (the due attempt, or else the due
     * copy); arms the next copy and the backoff timer.
     */
    void onSent(long nowNanos) {
        if (!sendDue) {
            copyDue = false;
            copiesLeft--;
            nextCopyNanos = nowNanos + copySpacingNanos;
            return;
        }
        attemptsInPhase++;
        sendDue = false;
        copyDue = false;
        lastAttemptNanos = nowNanos;
        // The first send of a packet goes alone (no loss seen yet, and it keeps RTT samples clean).
        copiesLeft = attemptsInPhase > 1 ? copiesPerRetransmission - 1 : 0;
        nextCopyNanos = nowNanos + copySpacingNanos;
        nextSendNanos = nowNanos + retryDelayNanos(attemptsInPhase);
    }

    /** The wait after attempt {@code attempt} (1-based): the retry delay doubled per attempt, capped. */
    private long retryDelayNanos(int attempt) {
        int shift = Math.min(attempt - 1, 30);
        long delayNanos = retryDelayNanos << shift;
        return delayNanos <= 0 || delayNanos > maxRetryDelayNanos ? maxRetryDelayNanos : delayNanos;
    }

    /**
     * Takes the server's CHALLENGE: the client now sends RESPONSE. Returns an RTT sample in
     * nanoseconds, or -1 if the INITIAL was sent more than once (Karn's rule: the sample would be
     * ambiguous).
     */
    long onChallenge(long nowNanos, long serverCid, byte[] challengeToken, TransportParameters params) {
        long rttSampleNanos = attemptsInPhase == 1 ? nowNanos - lastAttemptNanos : -1;
        phase = Phase.AWAITING_CONFIRMATION;
        serverConnectionId = serverCid;
        token = challengeToken;
        serverParams = params;
        attemptsInPhase = 0;
        startAttemptNow(nowNanos);
        return rttSampleNanos;
    }

    /**
     * The server sent a fresh cookie for the same attempt (the old one expired or could not be
     * verified): send RESPONSE again now with it. Attempts keep counting, so this stays bounded.
     */
    void onFreshToken(long nowNanos, byte[] freshToken) {
        token = freshToken;
        startAttemptNow(nowNanos);
    }

    private void startAttemptNow(long nowNanos) {
        sendDue = true;
        copyDue = false;
        copiesLeft = 0;
        nextSendNanos = nowNanos;
    }

    /** RTT sample for the confirmation (see {@link #onChallenge}), or -1 if ambiguous. */
    long confirmationRttSampleNanos(long nowNanos) {
        return attemptsInPhase == 1 ? nowNanos - lastAttemptNanos : -1;
    }

    private String describePhase() {
        return phase == Phase.AWAITING_CHALLENGE ? "waiting for the server's challenge" : "waiting for the server's confirmation";
    }
}
