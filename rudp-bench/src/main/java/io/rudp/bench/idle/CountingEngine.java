package io.rudp.bench.idle;

import io.rudp.core.DatagramEngine;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Passes every call on to an engine and counts what a driver would do for it: timer wake-ups
 * ({@link #handleTimeout} calls), datagrams handed in and datagrams sent.
 */
final class CountingEngine implements DatagramEngine {

    private final DatagramEngine engine;
    private long wakeUps;
    private long datagramsIn;
    private long datagramsOut;

    CountingEngine(DatagramEngine engine) {
        this.engine = engine;
    }

    @Override
    public void handleDatagram(long nowNanos, InetSocketAddress from, ByteBuffer datagram) {
        datagramsIn++;
        engine.handleDatagram(nowNanos, from, datagram);
    }

    @Override
    public void handleTimeout(long nowNanos) {
        wakeUps++;
        engine.handleTimeout(nowNanos);
    }

    @Override
    public InetSocketAddress pollTransmit(long nowNanos, ByteBuffer out) {
        InetSocketAddress to = engine.pollTransmit(nowNanos, out);
        if (to != null) {
            datagramsOut++;
        }
        return to;
    }

    @Override
    public long nextDeadlineNanos() {
        return engine.nextDeadlineNanos();
    }

    /** The counts so far: timer wake-ups, datagrams in, datagrams out. */
    long[] counts() {
        return new long[] {wakeUps, datagramsIn, datagramsOut};
    }
}
