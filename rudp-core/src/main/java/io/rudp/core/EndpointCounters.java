package io.rudp.core;

import io.rudp.core.wire.MalformedPacketException;

/** The counters behind {@link EndpointStats}, each counted through a method; touched only by the endpoint's thread. */
final class EndpointCounters {
    private long datagramsReceived;
    private long bytesReceived;
    private long datagramsSent;
    private long bytesSent;
    private long corruptDropped;
    private long malformedDropped;
    private long unknownVersionDropped;
    private long undersizedHandshakeDropped;
    private long unknownConnectionDropped;
    private long addressMismatchDropped;
    private long invalidCookieDropped;
    private long challengesSent;
    private long refusalsSent;
    private long statelessRepliesDropped;
    private long connectionsAccepted;
    private long connectionsOpened;
    private long connectionsClosed;
    private long internalErrors;

    void onReceived(int datagramBytes) {
        datagramsReceived++;
        bytesReceived += datagramBytes;
    }

    /** A handshake packet broke the handshake's rules (ids), though it decoded. */
    void onMalformedDropped() { malformedDropped++; }

    void onUnknownConnection() { unknownConnectionDropped++; }

    void onAddressMismatch() { addressMismatchDropped++; }

    /** A RESPONSE whose cookie did not verify, or that named an ended or foreign connection. */
    void onInvalidCookie() { invalidCookieDropped++; }

    void onChallengeSent() { challengesSent++; }

    void onRefusalSent() { refusalsSent++; }

    void onStatelessReplyDropped() { statelessRepliesDropped++; }

    void onConnectionAccepted() { connectionsAccepted++; }

    void onConnectionOpened() { connectionsOpened++; }

    void onConnectionClosed() { connectionsClosed++; }

    void onInternalError() { internalErrors++; }

    void onSent(int datagramBytes) {
        datagramsSent++;
        bytesSent += datagramBytes;
    }

    /** A datagram was dropped as malformed: counted under its reason. */
    void onMalformed(MalformedPacketException.Reason reason) {
        switch (reason) {
            case BAD_CHECKSUM:
                corruptDropped++;
                break;
            case UNKNOWN_VERSION:
                unknownVersionDropped++;
                break;
            case HANDSHAKE_TOO_SMALL:
                undersizedHandshakeDropped++;
                break;
            default:
                malformedDropped++;
        }
    }

    EndpointStats snapshot(int activeConnections, int acceptQueueLength) {
        return new EndpointStats(datagramsReceived, bytesReceived, datagramsSent, bytesSent, corruptDropped,
                malformedDropped, unknownVersionDropped, undersizedHandshakeDropped, unknownConnectionDropped,
                addressMismatchDropped, invalidCookieDropped, challengesSent, refusalsSent, statelessRepliesDropped,
                connectionsAccepted, connectionsOpened, connectionsClosed, activeConnections, acceptQueueLength,
                internalErrors);
    }
}
