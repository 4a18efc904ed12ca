package io.rudp.core;

import io.rudp.core.wire.MalformedPacketException;

/** The mutable counters behind {@link EndpointStats}; touched only by the endpoint's thread. */
final class EndpointCounters {
    long datagramsReceived;
    long bytesReceived;
    long datagramsSent;
    long bytesSent;
    long corruptDropped;
    long malformedDropped;
    long unknownVersionDropped;
    long undersizedHandshakeDropped;
    long unknownConnectionDropped;
    long addressMismatchDropped;
    long invalidCookieDropped;
    long challengesSent;
    long refusalsSent;
    long statelessRepliesDropped;
    long connectionsAccepted;
    long connectionsOpened;
    long connectionsClosed;
    long internalErrors;

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
