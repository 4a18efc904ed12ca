package io.rudp.testkit;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Sends {@code count} datagrams to a peer, one every {@code intervalNanos}, starting one interval
 * after {@link #start}. Each carries its sequence number and send time, so a receiver can measure
 * delay, order and damage: bytes 0-3 sequence, 4-11 send time, the rest {@link #fill}.
 */
class PacedSender extends TestNode {
    private final InetSocketAddress peer;
    private final long intervalNanos;
    private final int count;
    private final int sizeBytes;
    int sent;

    PacedSender(InetSocketAddress peer, long intervalNanos, int count, int sizeBytes) {
        super("paced-sender");
        if (sizeBytes < 12) {
            throw new IllegalArgumentException("size must hold the 12-byte header");
        }
        this.peer = peer;
        this.intervalNanos = intervalNanos;
        this.count = count;
        this.sizeBytes = sizeBytes;
    }

    /** Arms the first send one interval after {@code nowNanos}. */
    void start(long nowNanos) {
        deadlineNanos = nowNanos + intervalNanos;
    }

    @Override
    void onTimer(long nowNanos) {
        send(peer, datagram(sent, nowNanos, sizeBytes));
        sent++;
        if (sent < count) {
            deadlineNanos = nowNanos + intervalNanos;
        }
    }

    /** The datagram with sequence {@code seq} sent at {@code sentNanos}. */
    static byte[] datagram(int seq, long sentNanos, int sizeBytes) {
        ByteBuffer b = ByteBuffer.allocate(sizeBytes);
        b.putInt(seq).putLong(sentNanos);
        while (b.hasRemaining()) {
            b.put(fill(seq, b.position()));
        }
        return b.array();
    }

    /** The filler byte at {@code index} of datagram {@code seq}. */
    static byte fill(int seq, int index) {
        return (byte) (seq * 31 + index * 7);
    }

    static int seqOf(byte[] data) {
        return ByteBuffer.wrap(data).getInt(0);
    }

    static long sentNanosOf(byte[] data) {
        return ByteBuffer.wrap(data).getLong(4);
    }
}
