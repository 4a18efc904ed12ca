package io.rudp;

/**
 * A snapshot of an endpoint's counters (a {@link ReliableServer}'s or a {@link RudpClient}'s UDP socket, all its
 * connections together): what arrived, what was dropped and why, and what the
 * handshake did. Drops are counted, never thrown.
 *
 * @param datagramsReceived datagrams handed in
 * @param bytesReceived bytes of those datagrams
 * @param datagramsSent datagrams handed out by pollTransmit
 * @param bytesSent bytes of those datagrams
 * @param corruptDropped datagrams failing the CRC32C check
 * @param malformedDropped datagrams with a valid checksum but an invalid layout
 * @param unknownVersionDropped datagrams of a protocol version this endpoint does not speak
 * @param undersizedHandshakeDropped INITIAL or RESPONSE datagrams under 1,200 bytes
 * @param unknownConnectionDropped packets for a connection id this endpoint does not know
 * @param addressMismatchDropped packets for a known connection from an address other than its peer's
 * @param invalidCookieDropped RESPONSE packets whose cookie was forged, expired or replayed
 * @param challengesSent CHALLENGE packets sent (stateless: no state was allocated for them)
 * @param refusalsSent REFUSE packets sent
 * @param statelessRepliesDropped stateless replies dropped because the reply queue was full
 * @param connectionsAccepted server-side connections created from a valid RESPONSE
 * @param connectionsOpened client-side connections started by connect
 * @param connectionsClosed connections that reached CLOSED and were forgotten
 * @param activeConnections connections currently in the table (any state but CLOSED)
 * @param acceptQueueLength accepted connections waiting for the application
 * @param internalErrors engine bugs caught at the boundary (each closed the connection it hit); always 0 unless rudp has a bug
 */
public record EndpointStats(
        long datagramsReceived,
        long bytesReceived,
        long datagramsSent,
        long bytesSent,
        long corruptDropped,
        long malformedDropped,
        long unknownVersionDropped,
        long undersizedHandshakeDropped,
        long unknownConnectionDropped,
        long addressMismatchDropped,
        long invalidCookieDropped,
        long challengesSent,
        long refusalsSent,
        long statelessRepliesDropped,
        long connectionsAccepted,
        long connectionsOpened,
        long connectionsClosed,
        int activeConnections,
        int acceptQueueLength,
        long internalErrors) {
}
