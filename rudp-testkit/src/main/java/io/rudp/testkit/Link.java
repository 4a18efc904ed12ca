package io.rudp.testkit;

import java.net.InetSocketAddress;

/**
 * One link direction of the simulator: its {@link Impairment} engine (random streams,
 * Gilbert-Elliott state, bottleneck, counters) and its configuration, and the glue that turns the
 * engine's deliveries into events on the simulator's queue. Package-private.
 */
final class Link implements DeliverySink {

    /** The configuration set by {@code setLink}, or null to follow the network's default. */
    LinkConfig config;

    final Impairment impairment;

    /** While true the link is cut (an outage): it drops every datagram, in flight or newly sent. */
    boolean cut;

    // The send in progress (the engine calls deliver() synchronously from inside transmit()).
    private EventQueue queue;
    private InetSocketAddress from;
    private InetSocketAddress to;
    private NodeSlot destination;

    Link(long seed, LinkConfig config) {
        // The engine's own configuration is unused: every send passes the one in force.
        this.impairment = new Impairment(LinkConfig.perfect(), seed);
        this.config = config;
    }

    /** The counters of this direction. */
    LinkCounters counters() {
        return impairment.counters();
    }

    /**
     * Carries {@code datagram} (owned by the link from now on) sent at {@code nowNanos} under
     * {@code c}: counts it, and either drops it (always while {@link #cut}) or schedules its copies
     * on {@code eventQueue}.
     */
    void send(long nowNanos, LinkConfig c, InetSocketAddress sender, InetSocketAddress receiver,
            NodeSlot receiverSlot, byte[] datagram, EventQueue eventQueue) {
        if (cut) {
            impairment.dropWhileCut();
            return;
        }
        this.queue = eventQueue;
        this.from = sender;
        this.to = receiver;
        this.destination = receiverSlot;
        try {
            impairment.transmit(nowNanos, c, datagram, this);
        } finally {
            this.queue = null;
            this.from = null;
            this.to = null;
            this.destination = null;
        }
    }

    /** Called by the engine from inside {@link #send}: one copy becomes an event. */
    @Override
    public void deliver(long atNanos, byte[] datagram) {
        queue.add(new Delivery(atNanos, queue.nextSequence(), this, from, to, destination,
                datagram));
    }
}
