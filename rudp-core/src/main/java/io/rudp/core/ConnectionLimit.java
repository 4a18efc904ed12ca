package io.rudp.core;

import java.util.Locale;

/**
 * How many connections an endpoint holds at most (including those waiting to be accepted), and
 * where that number came from, so that a refusal can say why.
 *
 * <p>{@link EngineConfig#maxConnections()} set to a positive number is the limit. Set to 0 (the
 * default) the limit follows memory: idle connections may take at most
 * {@linkplain #HEAP_SHARE_DIVISOR a quarter} of the maximum heap at
 * {@link #IDLE_CONNECTION_BUDGET_BYTES} each (the most an idle connection costs, engine and socket
 * layer together; measured well below it, see docs/DESIGN.md), within
 * [{@value #MIN_FROM_MEMORY}, {@value #MAX_CONNECTIONS}]. The other three quarters are left to the
 * application and to busy connections, whose buffers grow with use. The engine reads no
 * environment: the driver passes in the heap size ({@code Runtime.maxMemory()}); an engine given
 * none assumes {@link #ASSUMED_HEAP_BYTES}.
 *
 * @param maxConnections the limit, at least 1
 * @param origin where it came from, for messages (e.g. "from memory: a quarter of the 1,024 MiB
 *     heap at 16 KiB per idle connection")
 */
public record ConnectionLimit(int maxConnections, String origin) {

    /** The most an idle connection may cost on the heap, both layers together: 16 KiB. */
    public static final long IDLE_CONNECTION_BUDGET_BYTES = 16 * 1024;
    /** Idle connections may take at most 1/4 of the maximum heap. */
    public static final int HEAP_SHARE_DIVISOR = 4;
    /** The heap assumed when the endpoint is given no heap size: 1 GiB. */
    public static final long ASSUMED_HEAP_BYTES = 1L << 30;
    /** The smallest limit computed from memory, however small the heap. */
    public static final int MIN_FROM_MEMORY = 64;
    /** The largest limit, configured or computed. */
    public static final int MAX_CONNECTIONS = EngineConfig.MAX_CONNECTIONS;

    private static final long MIB = 1L << 20;

    /** Checks the limit and that the origin is given. */
    public ConnectionLimit {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
        }
        java.util.Objects.requireNonNull(origin, "origin");
    }

    /**
     * The limit for {@code config} on a heap of {@code maxHeapBytes}: the configured
     * {@link EngineConfig#maxConnections()} if positive, else computed from the heap.
     *
     * @param maxHeapBytes the JVM's maximum heap ({@code Runtime.maxMemory()}); 0 or less (or
     *     {@code Long.MAX_VALUE}, the JVM's "no limit") means not known, and
     *     {@link #ASSUMED_HEAP_BYTES} is used
     */
    public static ConnectionLimit resolve(EngineConfig config, long maxHeapBytes) {
        if (config.maxConnections() > 0) {
            return new ConnectionLimit(config.maxConnections(), "RudpConfig.maxConnections");
        }
        boolean known = maxHeapBytes > 0 && maxHeapBytes != Long.MAX_VALUE;
        long heapBytes = known ? maxHeapBytes : ASSUMED_HEAP_BYTES;
        long computed = heapBytes / HEAP_SHARE_DIVISOR / IDLE_CONNECTION_BUDGET_BYTES;
        int limit = (int) Math.max(MIN_FROM_MEMORY, Math.min(MAX_CONNECTIONS, computed));
        return new ConnectionLimit(limit, String.format(Locale.ROOT,
                "from memory: a quarter of the %s%,d MiB heap at %d KiB per idle connection",
                known ? "" : "assumed ", heapBytes / MIB, IDLE_CONNECTION_BUDGET_BYTES / 1024));
    }

    /**
     * The REFUSE(SERVER_BUSY) reason at this limit: the limit and where it came from, within the
     * protocol's 255 bytes (PROTOCOL.md §7).
     */
    public String refusalReason() {
        String reason = "connection limit reached: " + this;
        return reason.length() <= 200 ? reason : "connection limit of " + maxConnections + " reached";
    }

    /** E.g. "16,384 connections (from memory: ...)". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d connections (%s)", maxConnections, origin);
    }
}
