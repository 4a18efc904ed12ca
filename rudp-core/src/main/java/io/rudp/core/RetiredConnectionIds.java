package io.rudp.core;

import io.rudp.core.wire.ErrorCode;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ids of connections that ended, remembered for a while (docs/PROTOCOL.md §6): so that an id is
 * never handed out again while a cookie naming it could still be replayed, and so that late
 * packets for an ended connection get a REFUSE telling the peer how it ended. Bounded: entries
 * expire after {@code lifetimeNanos}, and past {@code capacity} the oldest is forgotten early.
 */
final class RetiredConnectionIds {

    /** How a retired connection ended, and who its peer was. */
    record Retired(long peerConnectionId, InetSocketAddress peerAddress, ErrorCode errorCode, String reason,
                   long expiresAtNanos) { }

    private final long lifetimeNanos;
    private final int capacity;
    private final LinkedHashMap<Long, Retired> byId = new LinkedHashMap<>();

    RetiredConnectionIds(long lifetimeNanos, int capacity) {
        this.lifetimeNanos = lifetimeNanos;
        this.capacity = capacity;
    }

    void retire(long nowNanos, long localConnectionId, long peerConnectionId, InetSocketAddress peer, ErrorCode code,
                String reason) {
        expire(nowNanos);
        if (byId.size() >= capacity) {
            Iterator<Long> oldest = byId.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byId.put(localConnectionId, new Retired(peerConnectionId, peer, code, reason, nowNanos + lifetimeNanos));
    }

    /** The entry for this id if it is still remembered, else {@code null}. */
    Retired lookup(long nowNanos, long localConnectionId) {
        expire(nowNanos);
        return byId.get(localConnectionId);
    }

    int size() {
        return byId.size();
    }

    private void expire(long nowNanos) {
        // Entries are inserted in expiry order (constant lifetime), so expired ones are at the head.
        Iterator<Map.Entry<Long, Retired>> it = byId.entrySet().iterator();
        while (it.hasNext()) {
            if (nowNanos - it.next().getValue().expiresAtNanos() < 0) {
                return;
            }
            it.remove();
        }
    }
}
