package io.rudp.cli.proxy;

/**
 * Whether the clients of one {@link ImpairmentProxy} each get their own link or share one.
 *
 * <p>With {@link #PER_CLIENT} every client address has its own pair of impairment engines, so two
 * clients never compete: each has a whole {@code --rate} and its own queue. With {@link #SHARED}
 * every client's datagrams pass through one engine per direction: one rate limiter and one
 * drop-tail queue, as two flows crossing the same bottleneck router; fairness tests need this.
 */
public enum LinkSharing {
    /** One engine per client and direction (the default): clients do not compete. */
    PER_CLIENT,
    /** One engine per direction for all clients: one bottleneck queue that clients share. */
    SHARED
}
