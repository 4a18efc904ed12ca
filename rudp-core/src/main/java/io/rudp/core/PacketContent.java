package io.rudp.core;

import io.rudp.core.loss.SentPacket;

/** What the DATA packet being assembled carries, gathered before its size (and record) exist. */
final class PacketContent {
    long streamOffset;
    int streamLength;
    boolean streamFin;
    long maxData;
    long dataBlocked;
    boolean handshakeDone;
    boolean ping;
    long largestAckedInAck;
    /** The STREAM frame carries bytes sent before (for the trace; not part of the SentPacket record). */
    boolean retransmission;

    PacketContent() {
        clear();
    }

    void clear() {
        streamOffset = -1;
        streamLength = 0;
        streamFin = false;
        maxData = -1;
        dataBlocked = -1;
        handshakeDone = false;
        ping = false;
        largestAckedInAck = -1;
        retransmission = false;
    }

    void copyTo(SentPacket p) {
        p.streamOffset = streamOffset;
        p.streamLength = streamLength;
        p.streamFin = streamFin;
        p.maxData = maxData;
        p.dataBlocked = dataBlocked;
        p.handshakeDone = handshakeDone;
        p.ping = ping;
        p.largestAckedInAck = largestAckedInAck;
    }
}
