package io.rudp.core;

import io.rudp.core.wire.TransportParameters;

/**
 * The client's side of the three-way handshake (docs/PROTOCOL.md §4): which packet it is sending
 * (INITIAL, then RESPONSE), when to send it again (exponential backoff from the initial RTO,
 * capped at the maximum RTO), and when to give up (attempts per packet, and a total time).
 */
final class ClientHandshake {

    enum Phase { AWAITING_CHALLENGE, AWAITING_CONFIRMATION }

    private final long startNanos;
    private final long timeoutNanos;
    private final int maxAttempts;
    private final long initialRtoNanos;
    private final long maxRtoNanos;

    private Phase phase = Phase.AWAITING_CHALLENGE;
    private int attemptsInPhase;
    private boolean sendDue = true;
    private long nextSendNanos;
    private long lastSendNanos;
    private byte[] token;
    private long serverConnectionId;
    private TransportParameters serverParams;

    ClientHandshake(long nowNanos, RudpConfig config) {
        this.startNanos = nowNanos;
        this.timeoutNanos = config.handshakeTimeout().toNanos();
        this.maxAttempts = config.handshakeAttempts();
        this.initialRtoNanos = config.initialRto().toNanos();
        this.maxRtoNanos = config.maxRto().toNanos();
        this.nextSendNanos = nowNanos;
    }

    Phase phase() { return phase; }
    boolean sendDue() { return sendDue; }
    byte[] token() { return token; }
    long serverConnectionId() { return serverConnectionId; }
    TransportParameters serverParams() { return serverParams; }
    int attemptsInPhase() { return attemptsInPhase; }

    /** The earliest of the next retransmission and the overall timeout. */
    long deadlineNanos() {
        long giveUp = startNanos + timeoutNanos;
        // While a packet is due, sending it is pollTransmit's job: only the give-up time is a timer.
        return sendDue || giveUp - nextSendNanos < 0 ? giveUp : nextSendNanos;
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
        if (!sendDue && nowNanos - nextSendNanos >= 0) {
            if (attemptsInPhase >= maxAttempts) {
                return "no answer from the server after " + attemptsInPhase + " attempts (" + describePhase()
                        + "); check that the server is running and reachable";
            }
            sendDue = true;
        }
        return null;
    }

    /** Records that the current handshake packet was just sent; arms the backoff timer. */
    void onSent(long nowNanos) {
        attemptsInPhase++;
        sendDue = false;
        lastSendNanos = nowNanos;
        // Exponential backoff (RFC 6298 §5.5 applied to the handshake): RTO * 2^(attempt-1), capped.
        int shift = Math.min(attemptsInPhase - 1, 30);
        long backoffNanos = initialRtoNanos << shift;
        if (backoffNanos <= 0 || backoffNanos > maxRtoNanos) {
            backoffNanos = Math.max(maxRtoNanos, initialRtoNanos);
        }
        nextSendNanos = nowNanos + backoffNanos;
    }

    /**
     * Takes the server's CHALLENGE: the client now sends RESPONSE. Returns an RTT sample in
     * nanoseconds, or -1 if the INITIAL was sent more than once (Karn's rule: the sample would be
     * ambiguous).
     */
    long onChallenge(long nowNanos, long serverCid, byte[] challengeToken, TransportParameters params) {
        long rttSampleNanos = attemptsInPhase == 1 ? nowNanos - lastSendNanos : -1;
        phase = Phase.AWAITING_CONFIRMATION;
        serverConnectionId = serverCid;
        token = challengeToken;
        serverParams = params;
        attemptsInPhase = 0;
        sendDue = true;
        nextSendNanos = nowNanos;
        return rttSampleNanos;
    }

    /**
     * The server sent a fresh cookie for the same attempt (the old one expired or could not be
     * verified): send RESPONSE again now with it. Attempts keep counting, so this stays bounded.
     */
    void onFreshToken(long nowNanos, byte[] freshToken) {
        token = freshToken;
        sendDue = true;
        nextSendNanos = nowNanos;
    }

    /** RTT sample for the confirmation (see {@link #onChallenge}), or -1 if ambiguous. */
    long confirmationRttSampleNanos(long nowNanos) {
        return attemptsInPhase == 1 ? nowNanos - lastSendNanos : -1;
    }

    private String describePhase() {
        return phase == Phase.AWAITING_CHALLENGE ? "waiting for the server's challenge" : "waiting for the server's confirmation";
    }
}
