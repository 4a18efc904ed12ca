package io.rudp.testkit;

import io.rudp.core.DatagramEngine;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A small fake engine for tests: records every datagram it receives, sends what {@link #send}
 * queued, and calls {@link #onTimer} when its single deadline comes. Subclasses add behaviour.
 */
class TestNode implements DatagramEngine {

    /** One received datagram. */
    record Received(long timeNanos, InetSocketAddress from, byte[] data) { }

    private record Outgoing(InetSocketAddress to, byte[] data) { }

    final List<Received> received = new ArrayList<>();
    final List<Long> timerFirings = new ArrayList<>();
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    private final String name;
    long deadlineNanos = NO_DEADLINE;
    boolean recordReceived = true;
    long receivedCount;

    TestNode(String name) {
        this.name = name;
    }

    /** Queues a datagram; it leaves at the simulator's next drain. */
    void send(InetSocketAddress to, byte[] data) {
        outbox.add(new Outgoing(to, data));
    }

    /** Called for every received datagram, after it is recorded. */
    void onDatagram(long nowNanos, InetSocketAddress from, byte[] data) {
    }

    /** Called when the deadline has come; the deadline is cleared before. */
    void onTimer(long nowNanos) {
    }

    @Override
    public void handleDatagram(long nowNanos, InetSocketAddress from, ByteBuffer datagram) {
        byte[] data = new byte[datagram.remaining()];
        datagram.get(data);
        receivedCount++;
        if (recordReceived) {
            received.add(new Received(nowNanos, from, data));
        }
        onDatagram(nowNanos, from, data);
    }

    @Override
    public void handleTimeout(long nowNanos) {
        if (deadlineNanos != NO_DEADLINE && nowNanos - deadlineNanos >= 0) {
            deadlineNanos = NO_DEADLINE;
            timerFirings.add(nowNanos);
            onTimer(nowNanos);
        }
    }

    @Override
    public InetSocketAddress pollTransmit(long nowNanos, ByteBuffer out) {
        Outgoing next = outbox.poll();
        if (next == null) {
            return null;
        }
        out.put(next.data()).flip();
        return next.to();
    }

    @Override
    public long nextDeadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public String toString() {
        return name;
    }
}
