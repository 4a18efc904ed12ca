package io.rudp.cli.proxy;

import io.rudp.testkit.DeliverySink;
import io.rudp.testkit.Impairment;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * One client address and what the proxy keeps for it: its upstream socket (so the target sees
 * one peer per client) and one impairment engine per direction. Package-private; used by the
 * relay thread only.
 */
final class ClientMapping {
    final InetSocketAddress client;
    final DatagramChannel upstream;
    final Impairment up;
    final Impairment down;
    /** Receives the up engine's copies; set once by the relay. */
    DeliverySink upSink;
    /** Receives the down engine's copies; set once by the relay. */
    DeliverySink downSink;
    /** The last time a datagram of this client was received or sent, either direction. */
    long lastActivityNanos;
    /** Copies of this client waiting in the schedule (a mapping with some never expires). */
    int pending;

    ClientMapping(InetSocketAddress client, DatagramChannel upstream, Impairment up,
            Impairment down, long nowNanos) {
        this.client = client;
        this.upstream = upstream;
        this.up = up;
        this.down = down;
        this.lastActivityNanos = nowNanos;
    }
}
