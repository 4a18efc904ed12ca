package io.rudp.cli.proxy;

/** One copy waiting for its delivery time. Package-private. */
final class ScheduledDatagram {
    final long atNanos;
    /** Insertion order: breaks ties between copies due at the same instant. */
    final long sequence;
    final ClientMapping mapping;
    /** True for client to target, false for target to client. */
    final boolean upstream;
    final byte[] bytes;

    ScheduledDatagram(long atNanos, long sequence, ClientMapping mapping, boolean upstream,
            byte[] bytes) {
        this.atNanos = atNanos;
        this.sequence = sequence;
        this.mapping = mapping;
        this.upstream = upstream;
        this.bytes = bytes;
    }

    /** Orders by time (wrap-safe: the clock's origin is arbitrary), then by sequence. */
    static int compare(ScheduledDatagram a, ScheduledDatagram b) {
        long dt = a.atNanos - b.atNanos;
        if (dt != 0) {
            return dt < 0 ? -1 : 1;
        }
        return Long.compare(a.sequence, b.sequence);
    }
}
