package io.rudp.testkit;

import io.rudp.core.DatagramEngine;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A node attached to the network: drives its engine (timeouts, deliveries, transmissions) and
 * guards against the engine bugs that would otherwise hang a simulation. Package-private.
 */
final class NodeSlot {

    /** Where a node's datagrams go once copied out of {@code pollTransmit}. */
    interface Transmitter {
        /** Takes ownership of {@code datagram}, sent by {@code from} to {@code to}. */
        void send(NodeSlot from, InetSocketAddress to, byte[] datagram);
    }

    /** {@code handleTimeout} calls at one instant after which a node is declared livelocked. */
    static final int MAX_FIRINGS_AT_ONE_INSTANT = 1_000;

    /** Datagrams from one node in one drain after which its pollTransmit is declared stuck. */
    static final int MAX_DATAGRAMS_PER_DRAIN = 1_000_000;

    final DatagramEngine node;
    final InetSocketAddress address;
    /** The links from {@link #address}, by destination (the table's own map, not a copy). */
    final Map<InetSocketAddress, Link> outgoing;

    /** Whether {@link #lastFiredNanos} holds a time. */
    private boolean firedBefore;
    /** The instant of the last {@code handleTimeout} call. */
    private long lastFiredNanos;
    /** How many {@code handleTimeout} calls happened at {@link #lastFiredNanos}. */
    private int firingsAtLastInstant;

    NodeSlot(DatagramEngine node, InetSocketAddress address, Map<InetSocketAddress, Link> outgoing) {
        this.node = node;
        this.address = address;
        this.outgoing = outgoing;
    }

    /**
     * Calls {@code handleTimeout}, first checking the node has not asked for it more than
     * {@value #MAX_FIRINGS_AT_ONE_INSTANT} times at this instant.
     */
    void fire(long nowNanos, SimulatedNetwork network) {
        if (firedBefore && lastFiredNanos == nowNanos) {
            if (++firingsAtLastInstant > MAX_FIRINGS_AT_ONE_INSTANT) {
                throw new IllegalStateException("livelock: " + describe() + " asked for "
                        + "handleTimeout more than " + MAX_FIRINGS_AT_ONE_INSTANT + " times at "
                        + nowNanos + " ns and its deadline is still " + node.nextDeadlineNanos()
                        + " ns (not after now): engine bug; " + network.describe());
            }
        } else {
            firedBefore = true;
            lastFiredNanos = nowNanos;
            firingsAtLastInstant = 1;
        }
        node.handleTimeout(nowNanos);
    }

    /** Hands {@code datagram} to the node, framed in the reusable {@code scratch} buffer. */
    void receive(long nowNanos, InetSocketAddress from, byte[] datagram, ByteBuffer scratch) {
        scratch.clear();
        scratch.put(datagram).flip();
        node.handleDatagram(nowNanos, from, scratch);
    }

    /**
     * Calls {@code pollTransmit} until it returns null, copying each datagram out of the reusable
     * {@code scratch} buffer into its own array for {@code out}.
     */
    void drain(long nowNanos, ByteBuffer scratch, Transmitter out, SimulatedNetwork network) {
        int count = 0;
        while (true) {
            scratch.clear();
            InetSocketAddress to = node.pollTransmit(nowNanos, scratch);
            if (to == null) {
                return;
            }
            if (++count > MAX_DATAGRAMS_PER_DRAIN) {
                throw new IllegalStateException("livelock: " + describe() + " returned more "
                        + "than " + MAX_DATAGRAMS_PER_DRAIN + " datagrams from pollTransmit at "
                        + nowNanos + " ns without stopping: engine bug; " + network.describe());
            }
            int length = scratch.remaining();
            if (length > SimulatedNetwork.MAX_DATAGRAM_BYTES) {
                throw new IllegalStateException(describe() + " sent a datagram of " + length
                        + " bytes, more than the UDP maximum "
                        + SimulatedNetwork.MAX_DATAGRAM_BYTES + ": engine bug; "
                        + network.describe());
            }
            byte[] datagram = new byte[length];
            scratch.get(datagram);
            out.send(this, to, datagram);
        }
    }

    /** Names the node for error messages. */
    String describe() {
        return "node " + node + " at " + address;
    }
}
