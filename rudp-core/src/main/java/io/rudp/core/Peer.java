package io.rudp.core;

import io.rudp.core.stream.SendCredit;
import io.rudp.core.wire.TransportParameters;

/**
 * What the handshake told this side of its peer: the id the peer chose, the credit it grants
 * (flow control, RFC 9000 §4.1) and the idle timeout both sides agreed on. Empty (id 0, no
 * credit) until {@link #accept} on a client; a server's connection is made with it filled.
 */
final class Peer {

    private final long localIdleTimeoutNanos;
    private final Path path;
    private long connectionId;
    private SendCredit sendCredit;
    private long idleTimeoutNanos;

    /**
     * @param localIdleTimeoutNanos this side's {@link EngineConfig#idleTimeout()} (0: none)
     * @param path the path, sized for the peer's parameters when they arrive
     */
    Peer(long localIdleTimeoutNanos, Path path) {
        this.localIdleTimeoutNanos = localIdleTimeoutNanos;
        this.path = path;
    }

    /** The handshake named the peer's id and brought its transport parameters (docs/PROTOCOL.md §1). */
    void accept(long peerConnectionId, TransportParameters params) {
        this.connectionId = peerConnectionId;
        this.sendCredit = new SendCredit(params.initialMaxData());
        path.onPeerParameters(params);
        // RFC 9000 §10.1: the effective idle timeout is the smaller of both sides' non-zero values.
        long peerIdle = params.idleTimeoutMillis() * 1_000_000;
        if (localIdleTimeoutNanos == 0) {
            idleTimeoutNanos = peerIdle;
        } else if (peerIdle == 0) {
            idleTimeoutNanos = localIdleTimeoutNanos;
        } else {
            idleTimeoutNanos = Math.min(localIdleTimeoutNanos, peerIdle);
        }
    }

    /** The id the peer chose (it is in every packet we send it); 0 before the handshake named it. */
    long connectionId() { return connectionId; }

    /** The peer's credit for our stream; {@code null} before its parameters arrived. */
    SendCredit sendCredit() { return sendCredit; }

    /** The negotiated idle timeout (0: none). */
    long idleTimeoutNanos() { return idleTimeoutNanos; }
}
