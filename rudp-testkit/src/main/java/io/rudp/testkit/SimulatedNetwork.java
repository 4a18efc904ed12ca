package io.rudp.testkit;

import io.rudp.core.DatagramEngine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A deterministic, single-threaded network simulator on virtual time that drives
 * {@link DatagramEngine} nodes.
 *
 * <p>Each {@link #step()} moves the virtual clock to the earliest pending event (a datagram
 * arriving, or a node's deadline) and handles it, then drains every node's
 * {@link DatagramEngine#pollTransmit} and pushes the datagrams through the links. The same seed
 * and the same sequence of calls give the same run, event for event; put {@link #describe()} in
 * assertion messages so a failing test prints its seed.
 *
 * <pre>{@code
 * SimulatedNetwork net = new SimulatedNetwork(42);
 * InetSocketAddress a = net.attach(client);
 * InetSocketAddress b = net.attach(server);
 * net.setPath(a, b, LinkConfig.builder().delay(Duration.ofMillis(20)).lossRate(0.01).build());
 * assertThat(net.runUntil(client::isDone, Duration.ofSeconds(30).toNanos()))
 *         .as(net.describe()).isTrue();
 * }</pre>
 *
 * <p>Ordering: deliveries due at the same instant arrive in the order they were sent; at an
 * instant with both deliveries and deadlines, deliveries go first. A node whose deadline is not
 * after the current time has {@code handleTimeout} called at the current time.
 *
 * <p>Not thread-safe; nodes must not call {@code step} or the {@code run} methods from their
 * callbacks (they may call {@link #inject}).
 */
public final class SimulatedNetwork {

    /** The default origin of the virtual clock: one second, so engines assuming 0 are caught. */
    public static final long DEFAULT_ORIGIN_NANOS = 1_000_000_000L;

    /** The largest datagram a node or {@link #inject} may send (the UDP payload maximum). */
    public static final int MAX_DATAGRAM_BYTES = LinkConfig.MAX_UDP_PAYLOAD_BYTES;

    /** Events at one instant after which the network is declared livelocked. */
    static final long MAX_EVENTS_AT_ONE_INSTANT = 10_000_000L;

    private static final int NOTHING_PENDING = 0;
    private static final int BEYOND_LIMIT = 1;
    private static final int STEPPED = 2;

    private final long seed;
    private final long originNanos;
    private long nowNanos;
    private long eventsAtThisInstant;
    /** The livelock limit in force; package-private so tests can lower it and stay fast. */
    long maxEventsAtOneInstant = MAX_EVENTS_AT_ONE_INSTANT;

    private final EventQueue queue = new EventQueue();
    private final LinkTable links;
    private final Map<InetSocketAddress, NodeSlot> nodesByAddress = new HashMap<>();
    private NodeSlot[] nodes = new NodeSlot[0];
    private int autoAddressCount;
    private boolean stepping;

    private final ByteBuffer transmitBuffer = ByteBuffer.allocate(65_536);
    private final ByteBuffer receiveBuffer = ByteBuffer.allocate(65_536);
    private final NodeSlot.Transmitter transmitter = this::sendFromNode;

    /** A network whose every random decision derives from {@code seed}, with the default origin. */
    public SimulatedNetwork(long seed) {
        this(seed, DEFAULT_ORIGIN_NANOS);
    }

    /**
     * A network whose virtual clock starts at {@code originNanos} (any value: engines must
     * compare times wrap-safely, and a test may start near {@code Long.MAX_VALUE} to prove it).
     */
    public SimulatedNetwork(long seed, long originNanos) {
        this.seed = seed;
        this.originNanos = originNanos;
        this.nowNanos = originNanos;
        this.links = new LinkTable(seed);
    }

    /** The seed this network was built with: pass it to the constructor to replay a run. */
    public long seed() {
        return seed;
    }

    /** The current virtual time in nanoseconds. */
    public long nowNanos() {
        return nowNanos;
    }

    /**
     * Attaches {@code node} at the next free automatic address: the k-th is
     * {@code 10.0.(k / 256).(k % 256)} (k from 1) with port {@code 40000 + k % 20000}.
     *
     * @return the node's address
     */
    public InetSocketAddress attach(DatagramEngine node) {
        while (true) {
            int k = ++autoAddressCount;
            byte[] ip = {10, (byte) (k >>> 16), (byte) (k >>> 8), (byte) k};
            InetSocketAddress address = literal(ip, 40_000 + k % 20_000);
            if (!nodesByAddress.containsKey(address)) {
                return attach(node, address);
            }
        }
    }

    /**
     * Attaches {@code node} at {@code address}, which must be a resolved (literal IP) address.
     *
     * @return {@code address}
     * @throws IllegalArgumentException if a node is already attached there, the node is already
     *     attached elsewhere, or the address is unresolved
     */
    public InetSocketAddress attach(DatagramEngine node, InetSocketAddress address) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("address must be a literal IP, not the unresolved "
                    + address);
        }
        NodeSlot existing = nodesByAddress.get(address);
        if (existing != null) {
            throw new IllegalArgumentException("address " + address + " is taken by "
                    + existing.describe());
        }
        for (NodeSlot slot : nodes) {
            if (slot.node == node) {
                throw new IllegalArgumentException(slot.describe() + " is already attached");
            }
        }
        NodeSlot slot = new NodeSlot(node, address, links.outgoingOf(address));
        nodesByAddress.put(address, slot);
        nodes = Arrays.copyOf(nodes, nodes.length + 1);
        nodes[nodes.length - 1] = slot;
        return address;
    }

    /** Sets the configuration of every direction that has none of its own (initially perfect). */
    public void setDefaultLink(LinkConfig config) {
        links.setDefault(Objects.requireNonNull(config, "config"));
    }

    /** Sets the configuration of the direction {@code from -> to} only. */
    public void setLink(InetSocketAddress from, InetSocketAddress to, LinkConfig config) {
        links.set(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"),
                Objects.requireNonNull(config, "config"));
    }

    /** Sets the configuration of both directions between {@code a} and {@code b}. */
    public void setPath(InetSocketAddress a, InetSocketAddress b, LinkConfig config) {
        setLink(a, b, config);
        setLink(b, a, config);
    }

    /**
     * Cuts the path between {@code a} and {@code b} both ways, as an outage does: from now until
     * {@link #restorePath}, every datagram either way is dropped, including those already in
     * flight, and counted as {@code lost}. The links keep their configuration (and their random
     * streams and bottleneck state), which applies again once the path is restored.
     */
    public void cutPath(InetSocketAddress a, InetSocketAddress b) {
        setCut(a, b, true);
    }

    /** Ends an outage begun by {@link #cutPath}: both directions carry datagrams again. */
    public void restorePath(InetSocketAddress a, InetSocketAddress b) {
        setCut(a, b, false);
    }

    /** Whether the direction {@code from -> to} is cut ({@link #cutPath}). */
    public boolean isCut(InetSocketAddress from, InetSocketAddress to) {
        Link link = links.find(from, to);
        return link != null && link.cut;
    }

    private void setCut(InetSocketAddress a, InetSocketAddress b, boolean cut) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        links.own(a, b).cut = cut;
        links.own(b, a).cut = cut;
    }

    /**
     * Sends a copy of {@code datagram} from {@code from} (any address, attached or not, so spoofed
     * sources are possible) to {@code to} through the {@code from -> to} link, at the current
     * time. Cheap for floods: an unattached source without {@code setLink} costs no state.
     *
     * @throws IllegalArgumentException if the datagram is longer than {@value #MAX_DATAGRAM_BYTES}
     */
    public void inject(InetSocketAddress from, InetSocketAddress to, byte[] datagram) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(datagram, "datagram");
        if (datagram.length > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("datagram of " + datagram.length
                    + " bytes exceeds the UDP maximum of " + MAX_DATAGRAM_BYTES);
        }
        NodeSlot source = nodesByAddress.get(from);
        send(from, source == null ? null : source.outgoing, to, datagram.clone());
    }

    /**
     * Handles the earliest pending event: first sends what nodes queued since the last step, then
     * advances the clock to the earliest delivery or node deadline, handles it, and drains every
     * node's transmissions into the links.
     *
     * @return false, with the clock unchanged, when nothing is pending at all (no datagram in
     *     flight and no node deadline)
     * @throws IllegalStateException if a node livelocks (keeps asking for {@code handleTimeout}
     *     at one instant, or never stops transmitting) or the network makes no progress in time
     */
    public boolean step() {
        return advance(false, 0) == STEPPED;
    }

    /**
     * Steps through every event due up to {@code nowNanos() + virtualNanos} inclusive; later
     * events stay pending. The clock then ends exactly at that time.
     */
    public void runFor(long virtualNanos) {
        requireNonNegative("virtualNanos", virtualNanos);
        long endNanos = nowNanos + virtualNanos;
        while (advance(true, endNanos) == STEPPED) {
            // keep stepping
        }
        moveClockTo(endNanos);
    }

    /**
     * Steps until {@code condition} holds (checked before the first step and after each),
     * handling no event later than {@code nowNanos() + maxVirtualNanos}.
     *
     * @return true once the condition holds; false if the next event lies beyond the bound (the
     *     clock then ends at the bound) or nothing is pending (the clock stays put)
     */
    public boolean runUntil(BooleanSupplier condition, long maxVirtualNanos) {
        Objects.requireNonNull(condition, "condition");
        requireNonNegative("maxVirtualNanos", maxVirtualNanos);
        long endNanos = nowNanos + maxVirtualNanos;
        if (condition.getAsBoolean()) {
            return true;
        }
        while (true) {
            int result = advance(true, endNanos);
            if (result == NOTHING_PENDING) {
                return false;
            }
            if (result == BEYOND_LIMIT) {
                moveClockTo(endNanos);
                return false;
            }
            if (condition.getAsBoolean()) {
                return true;
            }
        }
    }

    /**
     * The counters of the direction {@code from -> to}. Pairs without a link of their own (not
     * named by {@code setLink}, and not between two attached nodes) share one set of counters
     * that only {@link #totalStats()} includes; for them this returns {@link LinkStats#ZERO}.
     */
    public LinkStats stats(InetSocketAddress from, InetSocketAddress to) {
        Link link = links.find(from, to);
        return link == null ? LinkStats.ZERO : link.impairment.stats();
    }

    /** The sum of the counters of every link. */
    public LinkStats totalStats() {
        return links.total();
    }

    /** Datagram copies in flight (including those headed for addresses with no node). */
    public long pendingDeliveries() {
        return queue.size();
    }

    /**
     * One paragraph for assertion messages: the seed, the virtual time, the node count, what is
     * in flight and the total counters.
     */
    public String describe() {
        long elapsedNanos = nowNanos - originNanos;
        return String.format(Locale.ROOT, "SimulatedNetwork seed=%d (replay: new SimulatedNetwork(%dL, %dL)), "
                        + "virtual time %d ns = origin + %.9f s, %d node(s), %d deliveries "
                        + "pending, default link %s; totals %s",
                seed, seed, originNanos, nowNanos, elapsedNanos / 1e9, nodes.length, queue.size(),
                links.defaultConfig(), totalStats());
    }

    /** How many pairs have a link of their own; package-private, for tests. */
    int ownLinkCount() {
        return links.ownLinkCount();
    }

    /** Same as {@link #describe()}. */
    @Override
    public String toString() {
        return describe();
    }

    /**
     * One step, unless the earliest event lies after {@code limitNanos} when {@code bounded}.
     *
     * @return {@link #NOTHING_PENDING}, {@link #BEYOND_LIMIT} or {@link #STEPPED}
     */
    private int advance(boolean bounded, long limitNanos) {
        if (stepping) {
            throw new IllegalStateException("step/runFor/runUntil called from inside a node "
                    + "callback; " + describe());
        }
        stepping = true;
        try {
            drainAll(); // what user code queued on a node since the last step leaves now
            NodeSlot timerNode = null;
            long timerWaitNanos = Long.MAX_VALUE;
            for (NodeSlot slot : nodes) {
                long deadlineNanos = slot.node.nextDeadlineNanos();
                if (deadlineNanos == DatagramEngine.NO_DEADLINE) {
                    continue;
                }
                long waitNanos = Math.max(0, deadlineNanos - nowNanos); // past deadlines fire now
                if (timerNode == null || waitNanos < timerWaitNanos) {
                    timerNode = slot;
                    timerWaitNanos = waitNanos;
                }
            }
            Delivery head = queue.peek();
            if (head == null && timerNode == null) {
                return NOTHING_PENDING;
            }
            long deliveryWaitNanos = head == null ? Long.MAX_VALUE : head.timeNanos - nowNanos;
            boolean deliver = head != null
                    && (timerNode == null || deliveryWaitNanos <= timerWaitNanos);
            long waitNanos = deliver ? deliveryWaitNanos : timerWaitNanos;
            if (bounded && waitNanos > limitNanos - nowNanos) {
                return BEYOND_LIMIT;
            }
            moveClockBy(waitNanos);
            if (deliver) {
                queue.poll();
                deliver(head);
            } else {
                timerNode.fire(nowNanos, this);
            }
            drainAll();
            return STEPPED;
        } finally {
            stepping = false;
        }
    }

    private void moveClockTo(long timeNanos) {
        if (timeNanos != nowNanos) {
            nowNanos = timeNanos;
            eventsAtThisInstant = 0;
        }
    }

    private void moveClockBy(long waitNanos) {
        if (waitNanos > 0) {
            nowNanos += waitNanos;
            eventsAtThisInstant = 0;
        }
        if (++eventsAtThisInstant > maxEventsAtOneInstant) {
            throw new IllegalStateException("livelock: " + maxEventsAtOneInstant
                    + " events at one instant without virtual time moving (nodes answering each "
                    + "other over zero-delay links?); " + describe());
        }
    }

    private void deliver(Delivery d) {
        NodeSlot destination = d.destination != null ? d.destination : nodesByAddress.get(d.to);
        Impairment impairment = d.link.impairment;
        if (d.link.cut) {
            impairment.recordLostInFlight(); // the path went down while it was on its way
            return;
        }
        if (destination == null) {
            impairment.recordUnroutable();
            return;
        }
        impairment.recordDelivered(d.datagram.length);
        destination.receive(nowNanos, d.from, d.datagram, receiveBuffer);
    }

    private void drainAll() {
        for (NodeSlot slot : nodes) {
            slot.drain(nowNanos, transmitBuffer, transmitter, this);
        }
    }

    private void sendFromNode(NodeSlot from, InetSocketAddress to, byte[] datagram) {
        send(from.address, from.outgoing, to, datagram);
    }

    /** Pushes {@code datagram} (owned by the network from now on) into the from -> to link. */
    private void send(InetSocketAddress from, Map<InetSocketAddress, Link> outgoing,
            InetSocketAddress to, byte[] datagram) {
        NodeSlot destination = nodesByAddress.get(to);
        Link link = links.route(from, outgoing, to, destination != null);
        link.send(nowNanos, links.configOf(link), from, to, destination, datagram, queue);
    }

    private static InetSocketAddress literal(byte[] ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
