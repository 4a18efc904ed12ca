package io.rudp.cli.proxy;

/**
 * A snapshot of an {@link ImpairmentProxy}'s counters.
 *
 * @param up client to target, summed over every client (current and expired)
 * @param down target to client, summed likewise
 * @param activeClients client addresses mapped now (each has its own upstream socket)
 * @param clientsSeen client mappings ever created
 * @param clientsExpired mappings closed after their idle expiry
 * @param overLimitDropped datagrams from new clients dropped because the client limit was reached
 * @param upstreamOpenFailed datagrams dropped because no upstream socket could be opened for a
 *     new client
 * @param targetUnreachable "port unreachable" reports received from the target's host
 * @param pendingDatagrams copies waiting for their delivery time
 * @param pendingBytes bytes of those copies
 */
public record ProxyStats(DirectionStats up, DirectionStats down, int activeClients,
        long clientsSeen, long clientsExpired, long overLimitDropped, long upstreamOpenFailed,
        long targetUnreachable, long pendingDatagrams, long pendingBytes) {

    /** A few lines for people: clients, each direction's counters, what is pending. */
    public String describe() {
        return "clients: " + activeClients + " active, " + clientsSeen + " seen, "
                + clientsExpired + " expired, " + overLimitDropped
                + " datagrams dropped over the client limit, " + upstreamOpenFailed
                + " dropped for want of an upstream socket, " + targetUnreachable
                + " target-unreachable reports\n"
                + "up   (client -> target): " + up.describe() + "\n"
                + "down (target -> client): " + down.describe() + "\n"
                + "pending: " + pendingDatagrams + " datagrams, " + pendingBytes + " bytes";
    }
}
