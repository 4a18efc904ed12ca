package io.rudp.core;

import io.rudp.core.wire.ChallengePacket;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.InitialPacket;
import io.rudp.core.wire.RefusePacket;
import io.rudp.core.wire.ResponsePacket;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

/**
 * The server side of the handshake, stateless until a RESPONSE proves the client's address
 * (docs/PROTOCOL.md §4): INITIAL is answered with a CHALLENGE carrying a cookie, or refused
 * (not listening, connection limit); a RESPONSE with a valid cookie is accepted (the endpoint
 * then makes the connection), re-challenged when its cookie expired, or refused (limit, full
 * accept queue). Packets for connections that ended are answered with how they ended.
 */
final class ServerHandshake {

    /** {@link #onResponse}: the RESPONSE was not accepted (it was dropped, refused or re-challenged). */
    static final long NOT_ACCEPTED = Long.MIN_VALUE;

    private final EngineConfig config;
    private final ConnectionLimit limit;
    /** REFUSE reasons at the limits, made once (not per refused packet of a flood). */
    private final String limitRefusalReason;
    private final String acceptQueueRefusalReason;
    private final HandshakeCookies cookies;
    private final RetiredConnectionIds retired;
    private final EndpointCounters counters;
    private final StatelessReplies replies;
    /** A fresh, unused local connection id. */
    private final LongSupplier newConnectionId;
    private boolean listening;

    ServerHandshake(EngineConfig config, ConnectionLimit limit, HandshakeCookies cookies, RetiredConnectionIds retired,
                    EndpointCounters counters, StatelessReplies replies, LongSupplier newConnectionId) {
        this.config = config;
        this.limit = limit;
        this.limitRefusalReason = limit.refusalReason();
        this.acceptQueueRefusalReason = "accept queue full: " + config.acceptBacklog()
                + " connections wait to be accepted (RudpConfig.acceptBacklog)";
        this.cookies = cookies;
        this.retired = retired;
        this.counters = counters;
        this.replies = replies;
        this.newConnectionId = newConnectionId;
    }

    void listen() { listening = true; }

    void stopListening() { listening = false; }

    boolean isListening() { return listening; }

    /** An INITIAL: challenge it, statelessly, or refuse it (docs/PROTOCOL.md §4, step 2). */
    void onInitial(long nowNanos, InetSocketAddress from, InitialPacket p, int length, int connectionCount) {
        if (p.destinationConnectionId() != 0 || p.sourceConnectionId() == 0) {
            counters.onMalformedDropped();
            return;
        }
        if (refusedForCapacity(from, p.sourceConnectionId(), length, connectionCount)) {
            return;
        }
        // Stateless: the server id and the cookie are all the state, and both travel with the client.
        challenge(nowNanos, from, p.sourceConnectionId(), newConnectionId.getAsLong(), length);
    }

    private void challenge(long nowNanos, InetSocketAddress from, long clientCid, long serverCid, int receivedBytes) {
        byte[] token = cookies.mint(nowNanos, from, clientCid, serverCid);
        if (replies.add(from, new ChallengePacket(clientCid, serverCid, token, LocalParameters.of(config, from)), receivedBytes)) {
            counters.onChallengeSent();
        }
    }

    /**
     * A RESPONSE naming a server id no connection has (the endpoint handles repeats for one that
     * exists): checks the cookie and the limits.
     *
     * @return the first RTT sample (the cookie's age, or -1 if it is not one) when the handshake
     *     is accepted and the endpoint should make the connection; {@link #NOT_ACCEPTED} otherwise
     */
    long onResponse(long nowNanos, InetSocketAddress from, ResponsePacket p, int length, int connectionCount,
                    int acceptQueueSize) {
        long serverCid = p.destinationConnectionId();
        if (retired.lookup(nowNanos, serverCid) != null) {
            counters.onInvalidCookie(); // a replay naming an ended connection
            return NOT_ACCEPTED;
        }
        long mintedAtNanos = cookies.verify(nowNanos, from, p.sourceConnectionId(), serverCid, p.token());
        if (mintedAtNanos == Long.MIN_VALUE) {
            counters.onInvalidCookie();
            if (listening) {
                // Expired (a long loss burst), minted before a restart, or forged: answer with a fresh
                // cookie for the same ids, still statelessly and smaller than the RESPONSE. A client
                // that really is at this address can then complete; a spoofer learns nothing useful.
                challenge(nowNanos, from, p.sourceConnectionId(), serverCid, length);
            }
            return NOT_ACCEPTED;
        }
        if (refusedForCapacity(from, p.sourceConnectionId(), length, connectionCount)) {
            return NOT_ACCEPTED;
        }
        if (acceptQueueSize >= config.acceptBacklog()) {
            refuse(from, p.sourceConnectionId(), ErrorCode.SERVER_BUSY, acceptQueueRefusalReason, length);
            return NOT_ACCEPTED;
        }
        // The cookie's age is an RTT sample unless the client had to retransmit: a retransmitted
        // RESPONSE (or a copy of one) left the client at least one handshake retry delay after the
        // CHALLENGE arrived, so an age beyond that delay is too long to trust.
        long sampleNanos = nowNanos - mintedAtNanos;
        return sampleNanos > 0 && sampleNanos < config.handshakeRetryDelay().toNanos() ? sampleNanos : -1;
    }

    /** A packet for an id we do not know: if it is a connection that ended, say how it ended. */
    void answerLatePacket(long nowNanos, InetSocketAddress from, long localCid) {
        RetiredConnectionIds.Retired r = retired.lookup(nowNanos, localCid);
        if (r != null && r.peerAddress().equals(from)) {
            // This address completed a handshake, so the anti-amplification limit does not bind:
            // the answer may carry the reason even when the late packet was a tiny probe. One
            // answer per late packet, through the bounded reply queue.
            if (replies.add(from, new RefusePacket(r.peerConnectionId(), r.errorCode(), r.reason()), Integer.MAX_VALUE)) {
                counters.onRefusalSent();
            }
        }
    }

    /**
     * Refuses a handshake packet when this endpoint takes no connection now: not listening
     * (CONNECTION_REFUSED), or at its connection limit (SERVER_BUSY, naming the limit and its origin).
     *
     * @return whether it refused
     */
    private boolean refusedForCapacity(InetSocketAddress from, long clientCid, int length, int connectionCount) {
        if (!listening) {
            refuse(from, clientCid, ErrorCode.CONNECTION_REFUSED, "not accepting connections", length);
            return true;
        }
        if (connectionCount >= limit.maxConnections()) {
            refuse(from, clientCid, ErrorCode.SERVER_BUSY, limitRefusalReason, length);
            return true;
        }
        return false;
    }

    private void refuse(InetSocketAddress to, long clientCid, ErrorCode code, String reason, int receivedBytes) {
        if (replies.add(to, new RefusePacket(clientCid, code, reason), receivedBytes)) {
            counters.onRefusalSent();
        }
    }
}
