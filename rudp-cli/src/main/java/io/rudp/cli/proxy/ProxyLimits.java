package io.rudp.cli.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds an {@link ImpairmentProxy} keeps, so that no input makes it grow without limit.
 *
 * @param maxClients client addresses mapped at once; datagrams from further new clients are
 *     dropped and counted ({@link ProxyStats#overLimitDropped()})
 * @param idleExpiry how long a client mapping lives without a datagram in either direction (and
 *     nothing pending) before its upstream socket is closed
 * @param maxPendingBytes datagram bytes waiting for their delivery time, over all clients and
 *     both directions; a copy that would exceed it is dropped and counted
 *     ({@link DirectionStats#overflowDropped()})
 */
public record ProxyLimits(int maxClients, Duration idleExpiry, long maxPendingBytes) {

    /** Default {@link #maxClients()}: 1,024. */
    public static final int DEFAULT_MAX_CLIENTS = 1_024;
    /** Default {@link #idleExpiry()}: 60 s. */
    public static final Duration DEFAULT_IDLE_EXPIRY = Duration.ofSeconds(60);
    /** Default {@link #maxPendingBytes()}: 64 MiB. */
    public static final long DEFAULT_MAX_PENDING_BYTES = 64L << 20;
    /** The longest accepted idle expiry: 30 days. */
    public static final Duration MAX_IDLE_EXPIRY = Duration.ofDays(30);

    /** Validates every bound; throws {@link IllegalArgumentException} naming a bad one. */
    public ProxyLimits {
        Objects.requireNonNull(idleExpiry, "idleExpiry");
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be at least 1, got " + maxClients);
        }
        if (idleExpiry.isNegative() || idleExpiry.isZero()
                || idleExpiry.compareTo(MAX_IDLE_EXPIRY) > 0) {
            throw new IllegalArgumentException("idle expiry must be positive and at most "
                    + MAX_IDLE_EXPIRY.toDays() + " days, got " + idleExpiry);
        }
        if (maxPendingBytes < 1) {
            throw new IllegalArgumentException("maxPendingBytes must be at least 1, got "
                    + maxPendingBytes);
        }
    }

    /** 1,024 clients, 60 s idle expiry, 64 MiB pending. */
    public static ProxyLimits defaults() {
        return new ProxyLimits(DEFAULT_MAX_CLIENTS, DEFAULT_IDLE_EXPIRY, DEFAULT_MAX_PENDING_BYTES);
    }

    /** A copy with another client limit. */
    public ProxyLimits withMaxClients(int clients) {
        return new ProxyLimits(clients, idleExpiry, maxPendingBytes);
    }

    /** A copy with another idle expiry. */
    public ProxyLimits withIdleExpiry(Duration expiry) {
        return new ProxyLimits(maxClients, expiry, maxPendingBytes);
    }

    /** A copy with another pending-bytes bound. */
    public ProxyLimits withMaxPendingBytes(long bytes) {
        return new ProxyLimits(maxClients, idleExpiry, bytes);
    }
}
