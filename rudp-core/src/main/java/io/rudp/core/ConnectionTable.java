package io.rudp.core;

import io.rudp.core.wire.ErrorCode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The endpoint's connections by local connection id: routing a datagram to its connection, new
 * ids that collide with no live or recently ended connection, and the retirement of an ended
 * connection's id (so late packets learn how it ended, docs/PROTOCOL.md §6).
 */
final class ConnectionTable {

    private final Map<Long, ConnectionEntry> byId = new HashMap<>();
    private final RetiredConnectionIds retired;
    private final RandomGenerator random;
    private final EndpointCounters counters;
    /** The entry the last datagram was routed to (cleared when it is removed). */
    private ConnectionEntry lastRouted;

    ConnectionTable(RetiredConnectionIds retired, RandomGenerator random, EndpointCounters counters) {
        this.retired = retired;
        this.random = random;
        this.counters = counters;
    }

    int size() { return byId.size(); }

    /** The entry for {@code localConnectionId}, or {@code null}. */
    ConnectionEntry get(long localConnectionId) {
        return byId.get(localConnectionId);
    }

    void add(ConnectionEntry entry) {
        byId.put(entry.id(), entry);
    }

    /** A copy of the connections in the table now. */
    List<Connection> snapshot() {
        List<Connection> snapshot = new ArrayList<>(byId.size());
        for (ConnectionEntry e : byId.values()) {
            snapshot.add(e.connection());
        }
        return snapshot;
    }

    /** The connection a packet is for, if it came from that connection's peer; counts the rest. */
    ConnectionEntry routed(InetSocketAddress from, long destinationConnectionId) {
        ConnectionEntry e;
        if (lastRouted != null && lastRouted.id() == destinationConnectionId) {
            e = lastRouted; // a run of datagrams for one connection: no map lookup (nor boxing)
        } else {
            e = byId.get(destinationConnectionId);
            lastRouted = e;
        }
        if (e == null) {
            counters.onUnknownConnection();
            return null;
        }
        if (!e.connection().peerAddress().equals(from)) {
            counters.onAddressMismatch();
            return null;
        }
        return e;
    }

    /**
     * Takes an ended connection out and retires its id with how it ended.
     *
     * @return false if it was not in the table (removed before)
     */
    boolean remove(ConnectionEntry entry, long nowNanos) {
        if (lastRouted == entry) {
            lastRouted = null;
        }
        if (!byId.remove(entry.id(), entry)) {
            return false;
        }
        Connection c = entry.connection();
        ErrorCode code = c.closeReason() == null ? ErrorCode.INTERNAL_ERROR : c.closeReason().errorCode();
        // The reason the peer would have read in our CLOSE frame (if it was lost): the wire
        // reason of an abort or error; nothing after a clean end.
        String closeFrameReason = c.closeFrameReason();
        String reason = closeFrameReason == null || code == ErrorCode.NO_ERROR ? "" : closeFrameReason;
        long peerConnectionId = c.peerConnectionId();
        if (peerConnectionId != 0) {
            retired.retire(nowNanos, entry.id(), peerConnectionId, c.peerAddress(), code, reason);
        }
        return true;
    }

    /** A random id that no connection in the table has and no retired one had. */
    long newConnectionId(long nowNanos) {
        for (int attempt = 0; attempt < 64; attempt++) {
            long id = random.nextLong();
            if (id != 0 && !byId.containsKey(id) && retired.lookup(nowNanos, id) == null) {
                return id;
            }
        }
        throw new IllegalStateException("the random source keeps repeating connection ids; it is broken");
    }
}
