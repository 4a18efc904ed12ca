package io.rudp.core;

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

    EndpointStats snapshot(int activeConnections, int acceptQueueLength) {
        return new EndpointStats(datagramsReceived, bytesReceived, datagramsSent, bytesSent, corruptDropped,
                malformedDropped, unknownVersionDropped, undersizedHandshakeDropped, unknownConnectionDropped,
                addressMismatchDropped, invalidCookieDropped, challengesSent, refusalsSent, statelessRepliesDropped,
                connectionsAccepted, connectionsOpened, connectionsClosed, activeConnections, acceptQueueLength,
                internalErrors);
    }
}
