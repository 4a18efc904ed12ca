package io.rudp.testkit;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Every link direction of a network, keyed by source then destination (two lookups, no key
 * allocation per datagram). A pair gets its own {@link Link} when {@code setLink} names it or when
 * both ends are attached nodes; any other pair (traffic from or to an unattached address, such as
 * a spoofed flood) shares one link so that such traffic costs no memory per address.
 * Package-private.
 */
final class LinkTable {
    private final long seed;
    private final Map<InetSocketAddress, Map<InetSocketAddress, Link>> bySource = new HashMap<>();
    private final Link shared;
    private LinkConfig defaultConfig = LinkConfig.perfect();

    LinkTable(long seed) {
        this.seed = seed;
        this.shared = new Link(mix64(seed ^ 0x5DEECE66DL), null);
    }

    LinkConfig defaultConfig() {
        return defaultConfig;
    }

    void setDefault(LinkConfig config) {
        this.defaultConfig = config;
    }

    /** The map of links leaving {@code from}, created if absent. */
    Map<InetSocketAddress, Link> outgoingOf(InetSocketAddress from) {
        return bySource.computeIfAbsent(from, a -> new HashMap<>());
    }

    /** Gives the pair its own link (if it has none yet) configured with {@code config}. */
    void set(InetSocketAddress from, InetSocketAddress to, LinkConfig config) {
        Map<InetSocketAddress, Link> outgoing = outgoingOf(from);
        Link link = outgoing.get(to);
        if (link == null) {
            outgoing.put(to, new Link(pairSeed(from, to), config));
        } else {
            link.config = config;
        }
    }

    /** The pair's own link, made (following the default configuration) if it has none. */
    Link own(InetSocketAddress from, InetSocketAddress to) {
        Map<InetSocketAddress, Link> outgoing = outgoingOf(from);
        return outgoing.computeIfAbsent(to, t -> new Link(pairSeed(from, t), null));
    }

    /** The pair's own link, or null if it has none. */
    Link find(InetSocketAddress from, InetSocketAddress to) {
        Map<InetSocketAddress, Link> outgoing = bySource.get(from);
        return outgoing == null ? null : outgoing.get(to);
    }

    /**
     * The link a datagram from {@code from} to {@code to} takes.
     *
     * @param outgoing the links leaving {@code from} when it is an attached node, else null
     * @param toAttached whether a node is attached at {@code to}
     */
    Link route(InetSocketAddress from, Map<InetSocketAddress, Link> outgoing,
            InetSocketAddress to, boolean toAttached) {
        Link link = outgoing != null ? outgoing.get(to) : find(from, to);
        if (link != null) {
            return link;
        }
        if (outgoing != null && toAttached) {
            link = new Link(pairSeed(from, to), null);
            outgoing.put(to, link);
            return link;
        }
        return shared;
    }

    /** The configuration {@code link} applies now. */
    LinkConfig configOf(Link link) {
        LinkConfig c = link.config;
        return c != null ? c : defaultConfig;
    }

    /** How many pairs have a link of their own (for tests: floods must not grow this). */
    int ownLinkCount() {
        int count = 0;
        for (Map<InetSocketAddress, Link> outgoing : bySource.values()) {
            count += outgoing.size();
        }
        return count;
    }

    /** The sum of every link's counters. */
    LinkStats total() {
        LinkCounters sum = new LinkCounters();
        shared.counters().addTo(sum);
        for (Map<InetSocketAddress, Link> outgoing : bySource.values()) {
            for (Link link : outgoing.values()) {
                link.counters().addTo(sum);
            }
        }
        return sum.snapshot();
    }

    /**
     * The seed of a pair's random streams: a function of the master seed and the two addresses
     * only, so a link's decisions do not depend on which other links exist or in what order they
     * were made.
     */
    private long pairSeed(InetSocketAddress from, InetSocketAddress to) {
        long h = mix64(seed ^ addressHash(from));
        return mix64(h + 0x9E3779B97F4A7C15L * (addressHash(to) | 1));
    }

    private static long addressHash(InetSocketAddress address) {
        long h = 0xCBF29CE484222325L; // FNV-1a offset basis
        byte[] ip = address.getAddress() == null ? address.getHostString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8) : address.getAddress().getAddress();
        for (byte b : ip) {
            h = (h ^ (b & 0xff)) * 0x100000001B3L;
        }
        return mix64(h ^ ((long) address.getPort() << 32));
    }

    /** The SplitMix64 finalizer: a bijective scramble of 64 bits. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
