package io.rudp.core;

import io.rudp.core.wire.Packet;
import io.rudp.core.wire.PacketCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The endpoint's bounded queue of stateless replies (CHALLENGE, REFUSE): packets answered for no
 * connection, sent before any connection's datagrams.
 */
final class StatelessReplies {

    private static final int MAX_PENDING_REPLIES = 1024;

    private record Reply(InetSocketAddress to, Packet packet) { }

    private final ArrayDeque<Reply> queue = new ArrayDeque<>();
    private final EndpointCounters counters;

    StatelessReplies(EndpointCounters counters) {
        this.counters = counters;
    }

    /**
     * Queues a stateless reply, never larger than the datagram that provoked it (an unvalidated
     * address must not be able to use us as an amplifier), and never more than the queue holds.
     *
     * @return whether it was queued
     */
    boolean add(InetSocketAddress to, Packet packet, int receivedBytes) {
        if (PacketCodec.encodedLength(packet) > receivedBytes) {
            return false;
        }
        if (queue.size() >= MAX_PENDING_REPLIES) {
            counters.onStatelessReplyDropped();
            return false;
        }
        queue.add(new Reply(to, packet));
        return true;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /**
     * Encodes the oldest reply at {@code out}'s position and leaves {@code out} framing exactly it.
     *
     * @return where to send it, or {@code null} (and {@code out} unchanged) if none is queued
     */
    InetSocketAddress pollInto(ByteBuffer out) {
        Reply reply = queue.poll();
        if (reply == null) {
            return null;
        }
        int start = out.position();
        PacketCodec.encode(reply.packet(), out);
        out.limit(out.position());
        out.position(start);
        return reply.to();
    }
}
