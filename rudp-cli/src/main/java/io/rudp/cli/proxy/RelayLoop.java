package io.rudp.cli.proxy;

import io.rudp.testkit.Impairment;
import io.rudp.testkit.LinkConfig;
import io.rudp.testkit.LinkStats;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The proxy's single thread: reads every socket, passes each datagram through its client's
 * engine for that direction, keeps the copies in a {@link DeliverySchedule}, sends those that are
 * due, expires idle clients, and sleeps in {@code select} until the next due copy, the next
 * expiry check or socket readiness. Package-private: {@link ImpairmentProxy} owns it.
 */
final class RelayLoop implements Runnable {

    /** Datagrams read from one socket per turn, so one busy client cannot starve the rest. */
    private static final int READS_PER_TURN = 64;
    /** The receive buffer: larger than any UDP payload. */
    private static final int BUFFER_BYTES = 65_536;
    /** While a client has copies pending, its expiry is looked at again after at most this. */
    private static final long PENDING_RECHECK_NANOS = 1_000_000_000L;

    private final Selector selector;
    private final DatagramChannel listen;
    private final InetSocketAddress target;
    private final LinkConfig upConfig;
    private final LinkConfig downConfig;
    private final long seed;
    private final ProxyLimits limits;
    /** The engines every client uses with {@link LinkSharing#SHARED}; null per client. */
    private final Impairment sharedUp;
    private final Impairment sharedDown;
    private final long idleExpiryNanos;
    private final Map<InetSocketAddress, ClientMapping> clients = new HashMap<>();
    private final DeliverySchedule schedule;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final Queue<CompletableFuture<ProxyStats>> statsRequests = new ConcurrentLinkedQueue<>();
    private final ProgressSignal progress;
    /** Where delivered datagrams are written as pcap, or null. */
    private final PcapWriter capture;

    private volatile boolean stopRequested;

    // Counters of mappings already closed, and the proxy's own counters.
    private LinkStats retiredUp = LinkStats.ZERO;
    private LinkStats retiredDown = LinkStats.ZERO;
    private long upOverflow;
    private long downOverflow;
    private long clientsSeen;
    private long clientsExpired;
    private long overLimitDropped;
    private long upstreamOpenFailed;
    private long targetUnreachable;

    private boolean expiryArmed;
    private long nextExpiryScanNanos;
    /** Whether this turn received, sent or expired anything (waiters are told). */
    private boolean activity;

    RelayLoop(Selector selector, DatagramChannel listen, InetSocketAddress target,
            LinkConfig upConfig, LinkConfig downConfig, long seed, ProxyLimits limits,
            LinkSharing sharing, ProgressSignal progress, PcapWriter capture) {
        this.selector = selector;
        this.listen = listen;
        this.target = target;
        this.upConfig = upConfig;
        this.downConfig = downConfig;
        this.seed = seed;
        this.limits = limits;
        boolean shared = sharing == LinkSharing.SHARED;
        this.sharedUp = shared ? new Impairment(upConfig, seedFor(seed, 0, true)) : null;
        this.sharedDown = shared ? new Impairment(downConfig, seedFor(seed, 0, false)) : null;
        this.idleExpiryNanos = limits.idleExpiry().toNanos();
        this.schedule = new DeliverySchedule(limits.maxPendingBytes());
        this.progress = progress;
        this.capture = capture;
    }

    /** Asks the loop to end; it closes every socket on its way out. Any thread. */
    void requestStop() {
        stopRequested = true;
        selector.wakeup();
    }

    /** Queues a request for a snapshot, answered by the loop's thread. Any thread. */
    void requestStats(CompletableFuture<ProxyStats> request) {
        statsRequests.add(request);
        selector.wakeup();
    }

    /** Runs until {@link #requestStop()} or a failure of the selector; closes everything. */
    @Override
    public void run() {
        try {
            while (!stopRequested) {
                turn();
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the proxy's relay loop failed: " + e, e);
        } finally {
            closeAll();
        }
    }

    /** Answers every waiting stats request with {@code snapshot}; called once the loop ended. */
    void answerRemaining(ProxyStats snapshot) {
        CompletableFuture<ProxyStats> request;
        while ((request = statsRequests.poll()) != null) {
            request.complete(snapshot);
        }
    }

    private void turn() throws IOException {
        activity = false;
        answerStatsRequests();
        long now = System.nanoTime();
        sendDue(now);
        if (expiryArmed && now - nextExpiryScanNanos >= 0) {
            scanExpiry(now);
        }
        if (activity) {
            progress.signal();
            activity = false;
        }
        select(now);
        if (stopRequested) {
            return;
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (!key.isValid()) {
                continue;
            }
            if (key.attachment() == null) {
                readFromClients();
            } else {
                readFromTarget((ClientMapping) key.attachment());
            }
        }
        if (activity) {
            progress.signal();
        }
    }

    /** Sleeps until the next due copy or expiry check (rounded up to 1 ms), or readiness. */
    private void select(long now) throws IOException {
        boolean hasDeadline = false;
        long waitNanos = Long.MAX_VALUE;
        ScheduledDatagram head = schedule.peek();
        if (head != null) {
            hasDeadline = true;
            waitNanos = head.atNanos - now;
        }
        if (expiryArmed) {
            hasDeadline = true;
            waitNanos = Math.min(waitNanos, nextExpiryScanNanos - now);
        }
        if (!hasDeadline) {
            selector.select();
        } else if (waitNanos <= 0) {
            selector.selectNow();
        } else {
            selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
        }
    }

    private void readFromClients() {
        for (int i = 0; i < READS_PER_TURN; i++) {
            SocketAddress from;
            buffer.clear();
            try {
                from = listen.receive(buffer);
            } catch (IOException e) {
                return; // a transient error on the listening socket; try again next turn
            }
            if (from == null) {
                return;
            }
            activity = true;
            long now = System.nanoTime();
            InetSocketAddress client = (InetSocketAddress) from;
            ClientMapping mapping = clients.get(client);
            if (mapping == null) {
                mapping = openMapping(client, now);
                if (mapping == null) {
                    continue;
                }
            }
            mapping.lastActivityNanos = now;
            mapping.up.transmit(now, copyOfBuffer(), mapping.upSink);
        }
    }

    private void readFromTarget(ClientMapping mapping) {
        for (int i = 0; i < READS_PER_TURN; i++) {
            SocketAddress from;
            buffer.clear();
            try {
                from = mapping.upstream.receive(buffer);
            } catch (PortUnreachableException e) {
                targetUnreachable++; // an earlier datagram found nothing listening at the target
                activity = true;
                continue;
            } catch (IOException e) {
                return;
            }
            if (from == null) {
                return;
            }
            activity = true;
            long now = System.nanoTime();
            mapping.lastActivityNanos = now;
            mapping.down.transmit(now, copyOfBuffer(), mapping.downSink);
        }
    }

    private byte[] copyOfBuffer() {
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** A mapping for a new client, or null (counted) when over the limit or on failure. */
    private ClientMapping openMapping(InetSocketAddress client, long now) {
        if (clients.size() >= limits.maxClients()) {
            overLimitDropped++;
            return null;
        }
        DatagramChannel upstream = null;
        try {
            upstream = DatagramChannel.open(target.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            upstream.configureBlocking(false);
            upstream.connect(target);
            long index = clientsSeen;
            ClientMapping mapping = new ClientMapping(client, upstream,
                    sharedUp != null ? sharedUp : new Impairment(upConfig, seedFor(seed, index, true)),
                    sharedDown != null ? sharedDown
                            : new Impairment(downConfig, seedFor(seed, index, false)), now);
            mapping.upSink = (at, bytes) -> schedule(mapping, true, at, bytes);
            mapping.downSink = (at, bytes) -> schedule(mapping, false, at, bytes);
            upstream.register(selector, SelectionKey.OP_READ, mapping);
            clients.put(client, mapping);
            clientsSeen++;
            if (!expiryArmed) {
                expiryArmed = true;
                nextExpiryScanNanos = now + idleExpiryNanos;
            }
            return mapping;
        } catch (IOException | RuntimeException e) {
            upstreamOpenFailed++;
            closeQuietly(upstream);
            return null;
        }
    }

    private void schedule(ClientMapping mapping, boolean upstream, long atNanos, byte[] bytes) {
        if (!schedule.add(atNanos, mapping, upstream, bytes)) {
            if (upstream) {
                upOverflow++;
            } else {
                downOverflow++;
            }
        }
    }

    private void sendDue(long now) {
        ScheduledDatagram d;
        while ((d = schedule.pollDue(now)) != null) {
            activity = true;
            ClientMapping mapping = d.mapping;
            mapping.lastActivityNanos = now;
            Impairment engine = d.upstream ? mapping.up : mapping.down;
            int written;
            try {
                written = d.upstream ? mapping.upstream.write(ByteBuffer.wrap(d.bytes))
                        : listen.send(ByteBuffer.wrap(d.bytes), mapping.client);
            } catch (PortUnreachableException e) {
                targetUnreachable++;
                written = -1;
            } catch (IOException e) {
                written = -1;
            }
            if (written == d.bytes.length) {
                engine.recordDelivered(d.bytes.length);
                if (capture != null) { // as the two ends see it: client <-> target
                    capture.write(now, d.upstream ? mapping.client : target, d.upstream ? target : mapping.client, d.bytes);
                }
            } else {
                engine.recordUnroutable();
            }
        }
    }

    /** Closes mappings idle for the expiry with nothing pending; arms the next check. */
    private void scanExpiry(long now) {
        activity = true;
        boolean armed = false;
        long next = 0;
        Iterator<ClientMapping> it = clients.values().iterator();
        while (it.hasNext()) {
            ClientMapping m = it.next();
            if (m.pending == 0 && now - m.lastActivityNanos >= idleExpiryNanos) {
                it.remove();
                retire(m);
                clientsExpired++;
                continue;
            }
            long due = m.pending > 0 ? now + Math.min(idleExpiryNanos, PENDING_RECHECK_NANOS)
                    : m.lastActivityNanos + idleExpiryNanos;
            if (!armed || due - next < 0) {
                next = due;
                armed = true;
            }
        }
        expiryArmed = armed;
        nextExpiryScanNanos = next;
    }

    private void retire(ClientMapping m) {
        if (sharedUp == null) { // shared engines are counted once, in snapshot()
            retiredUp = retiredUp.plus(m.up.stats());
            retiredDown = retiredDown.plus(m.down.stats());
        }
        closeQuietly(m.upstream);
    }

    private void answerStatsRequests() {
        CompletableFuture<ProxyStats> request = statsRequests.poll();
        if (request == null) {
            return;
        }
        ProxyStats snapshot = snapshot();
        do {
            request.complete(snapshot);
        } while ((request = statsRequests.poll()) != null);
    }

    /** The counters now; called on the loop's thread (or after it ended). */
    ProxyStats snapshot() {
        LinkStats up = retiredUp;
        LinkStats down = retiredDown;
        if (sharedUp != null) {
            up = sharedUp.stats();
            down = sharedDown.stats();
        } else {
            for (ClientMapping m : clients.values()) {
                up = up.plus(m.up.stats());
                down = down.plus(m.down.stats());
            }
        }
        return new ProxyStats(DirectionStats.of(up, upOverflow), DirectionStats.of(down, downOverflow),
                clients.size(), clientsSeen, clientsExpired, overLimitDropped, upstreamOpenFailed,
                targetUnreachable, schedule.size(), schedule.bytes());
    }

    private void closeAll() {
        for (ClientMapping m : clients.values()) {
            closeQuietly(m.upstream);
        }
        closeQuietly(listen);
        try {
            selector.close();
        } catch (IOException e) {
            // nothing more to release
        }
        if (capture != null) {
            try {
                capture.close();
            } catch (IOException e) {
                // the capture is incomplete; its datagrams counted so far stay as written
            }
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing: nothing to do about it
            }
        }
    }

    /**
     * The seed of the {@code index}-th client's engine for one direction: a function of the
     * proxy's seed, the order in which clients appeared and the direction only.
     */
    static long seedFor(long seed, long index, boolean up) {
        return mix64(seed + 0x9E3779B97F4A7C15L * (2 * index + (up ? 1 : 2)));
    }

    /** The SplitMix64 finalizer: a bijective scramble of 64 bits. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
