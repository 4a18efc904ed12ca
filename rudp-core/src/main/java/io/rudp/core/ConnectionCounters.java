package io.rudp.core;

/** The mutable counters behind {@link ConnectionStats}; touched only by the engine's thread. */
final class ConnectionCounters {
    long packetsSent;
    long packetsReceived;
    long bytesSent;
    long bytesReceived;
    long streamBytesSent;
    long streamBytesReceived;
    long retransmittedPackets;
    long lostPackets;
    long probeTimeouts;
    long duplicatePackets;
    long corruptPackets;

    void onSent(int datagramBytes) {
        packetsSent++;
        bytesSent += datagramBytes;
    }

    void onHandshakeSent(int datagramBytes) {
        bytesSent += datagramBytes;
    }
}
