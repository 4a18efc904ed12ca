package io.rudp.core.path;

/**
 * Datagram Packetization Layer Path MTU Discovery (RFC 8899) for one connection and direction:
 * which datagram size ordinary packets use (the PLPMTU), and which size to probe next.
 *
 * <p>The connection starts at {@link #BASE_PLPMTU_BYTES} (RFC 8899 §5.1.2 BASE_PLPMTU) and probes
 * larger sizes up to {@code ceilingBytes} (the smaller of this side's configured maximum and the
 * peer's announced one) with ack-eliciting probe packets padded to the candidate size, one probe
 * in flight at a time. An acknowledged probe raises the PLPMTU to its size (§5.2, SEARCHING); a
 * size whose probe is lost {@link #MAX_PROBES} times is given up (§5.1.2 MAX_PROBES) and the search
 * goes on below it. The search order: the ceiling first (the usual case, a LAN the user configured
 * for, needs one probe), then common sizes below the smallest failed one (8,972 and 8,952: jumbo
 * frames over IPv4 and IPv6; 1,472 and 1,452: Ethernet), then halving the remaining interval until
 * it is narrower than {@link #SEARCH_RESOLUTION_BYTES}. When the search ends, it starts again after
 * {@link #RAISE_INTERVAL_NANOS} (§5.1.1 PMTU_RAISE_TIMER), from the ceiling.
 *
 * <p>A lost probe says nothing about congestion (§4.4, RFC 9000 §14.4): the caller keeps probes
 * out of the congestion controller's loss response. A black hole (§4.3: the path stopped carrying
 * the PLPMTU) is declared after {@link #BLACK_HOLE_LOSSES} losses of packets larger than the base
 * sent after the newest acknowledged one of them, or after {@link #BLACK_HOLE_PROBE_TIMEOUTS}
 * consecutive probe timeouts; the PLPMTU falls back to the base and the search restarts below the
 * size that failed.
 *
 * <p>Sans-I/O: time comes in as arguments; no allocation after construction. Not thread-safe.
 */
public final class PathMtuDiscovery {

    /** RFC 8899 §5.1.2 BASE_PLPMTU: the size every path carries (also the protocol's minimum). */
    public static final int BASE_PLPMTU_BYTES = 1200;
    /** RFC 8899 §5.1.2 MAX_PROBES: losses of one probe size before it is given up. */
    public static final int MAX_PROBES = 3;
    /** RFC 8899 §5.1.1 PMTU_RAISE_TIMER: how long after a search ends the next one starts (10 minutes). */
    public static final long RAISE_INTERVAL_NANOS = 600_000_000_000L;
    /** Losses of larger-than-base packets, with none of them acknowledged since, that declare a black hole. */
    public static final int BLACK_HOLE_LOSSES = 5;
    /** Consecutive probe timeouts (RFC 9002 §6.2) that declare a black hole while above the base. */
    public static final int BLACK_HOLE_PROBE_TIMEOUTS = 2;
    /** The search stops when the smallest failed size is at most this much above the PLPMTU. */
    public static final int SEARCH_RESOLUTION_BYTES = 32;

    /** Well-known path limits as UDP payloads, largest first: jumbo IPv4 and IPv6, Ethernet IPv4 and IPv6. */
    private static final int[] COMMON_SIZES_BYTES = {8_972, 8_952, 1_472, 1_452};
    private static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final long NONE = -1;

    private final int ceilingBytes;
    private int plpmtuBytes = BASE_PLPMTU_BYTES;
    /** The smallest size known not to pass, or ceiling + 1 while none is. */
    private int failedBytes;
    private int candidateBytes;
    private int candidateLosses;
    private long probePacketNumber = NONE;
    private boolean searching;
    private long raiseDeadlineNanos = NO_DEADLINE;
    private long largestAckedLargePacketNumber = NONE;
    private int largeLossesSinceAck;
    private int probesSent;
    private int blackHoles;

    /**
     * @param ceilingBytes the largest size to probe: the smaller of both sides' maxima; at most
     *     the base disables discovery (the PLPMTU stays the base)
     */
    public PathMtuDiscovery(int ceilingBytes) {
        this.ceilingBytes = Math.max(BASE_PLPMTU_BYTES, ceilingBytes);
        this.failedBytes = this.ceilingBytes + 1;
        startSearch();
    }

    /** The datagram size ordinary packets use now (the PLPMTU). */
    public int currentBytes() {
        return plpmtuBytes;
    }

    /** The largest size this discovery may reach. */
    public int ceilingBytes() {
        return ceilingBytes;
    }

    /** True while a search is under way (probes are due or in flight). */
    public boolean isSearching() {
        return searching;
    }

    /** Probes sent so far. */
    public int probesSent() {
        return probesSent;
    }

    /** Black holes declared so far. */
    public int blackHoles() {
        return blackHoles;
    }

    /**
     * The size of the probe to send now, or 0 when none is due: no search under way, a probe
     * already in flight, or nothing left to try.
     *
     * @param nowNanos the current time
     */
    public int probeBytesDue(long nowNanos) {
        if (!searching && raiseDeadlineNanos != NO_DEADLINE && nowNanos - raiseDeadlineNanos >= 0) {
            // RFC 8899 §5.1.1: PMTU_RAISE_TIMER expired; search again from the top.
            raiseDeadlineNanos = NO_DEADLINE;
            failedBytes = ceilingBytes + 1;
            startSearch();
        }
        return searching && probePacketNumber == NONE ? candidateBytes : 0;
    }

    /**
     * When a probe becomes due by time alone (the raise timer), or {@link Long#MAX_VALUE}; a probe
     * due now is reported by {@link #probeBytesDue}, not here.
     */
    public long raiseDeadlineNanos() {
        return searching ? NO_DEADLINE : raiseDeadlineNanos;
    }

    /**
     * A probe of {@link #probeBytesDue} bytes left as packet {@code packetNumber}.
     *
     * @param packetNumber its packet number; the probe's fate is reported through
     *     {@link #onPacketAcked} and {@link #onPacketLost}
     */
    public void onProbeSent(long packetNumber) {
        probePacketNumber = packetNumber;
        probesSent++;
    }

    /** True if {@code packetNumber} is the probe in flight. */
    public boolean isProbe(long packetNumber) {
        return probePacketNumber != NONE && packetNumber == probePacketNumber;
    }

    /**
     * A packet was acknowledged.
     *
     * @param packetNumber its number
     * @param sizeBytes its datagram size
     * @param nowNanos the current time
     */
    public void onPacketAcked(long packetNumber, int sizeBytes, long nowNanos) {
        if (sizeBytes > BASE_PLPMTU_BYTES && packetNumber > largestAckedLargePacketNumber) {
            largestAckedLargePacketNumber = packetNumber;
            largeLossesSinceAck = 0;
        }
        if (!isProbe(packetNumber)) {
            return;
        }
        probePacketNumber = NONE;
        // RFC 8899 §5.2: an acknowledged probe confirms the size; the PLPMTU rises to it.
        if (sizeBytes > plpmtuBytes) {
            plpmtuBytes = sizeBytes;
        }
        nextCandidate(nowNanos);
    }

    /**
     * A packet was declared lost.
     *
     * @param packetNumber its number
     * @param sizeBytes its datagram size
     * @param nowNanos the current time
     */
    public void onPacketLost(long packetNumber, int sizeBytes, long nowNanos) {
        if (isProbe(packetNumber)) {
            probePacketNumber = NONE;
            // RFC 8899 §5.1.2: after MAX_PROBES losses this size is taken not to pass.
            if (++candidateLosses >= MAX_PROBES) {
                failedBytes = Math.min(failedBytes, candidateBytes);
                nextCandidate(nowNanos);
            }
            return;
        }
        if (sizeBytes > BASE_PLPMTU_BYTES && plpmtuBytes > BASE_PLPMTU_BYTES
                && packetNumber > largestAckedLargePacketNumber && ++largeLossesSinceAck >= BLACK_HOLE_LOSSES) {
            onBlackHole(nowNanos);
        }
    }

    /**
     * A probe timeout fired (RFC 9002 §6.2); {@code consecutive} is how many in a row.
     *
     * @param consecutive the loss detector's probe-timeout count
     * @param nowNanos the current time
     */
    public void onProbeTimeout(int consecutive, long nowNanos) {
        if (consecutive >= BLACK_HOLE_PROBE_TIMEOUTS && plpmtuBytes > BASE_PLPMTU_BYTES) {
            onBlackHole(nowNanos);
        }
    }

    /** RFC 8899 §4.3: the path no longer carries the PLPMTU; back to the base, search below the failed size. */
    private void onBlackHole(long nowNanos) {
        blackHoles++;
        failedBytes = plpmtuBytes;
        plpmtuBytes = BASE_PLPMTU_BYTES;
        largeLossesSinceAck = 0;
        probePacketNumber = NONE;
        raiseDeadlineNanos = NO_DEADLINE;
        startSearch();
    }

    private void startSearch() {
        searching = true;
        candidateLosses = 0;
        candidateBytes = pickCandidate();
        if (candidateBytes == 0) {
            searching = false;
        }
    }

    private void nextCandidate(long nowNanos) {
        candidateLosses = 0;
        candidateBytes = pickCandidate();
        if (candidateBytes == 0) {
            // Search complete (RFC 8899 §5.2 SEARCH_COMPLETE): try again after the raise timer.
            searching = false;
            raiseDeadlineNanos = plpmtuBytes < ceilingBytes ? nowNanos + RAISE_INTERVAL_NANOS : NO_DEADLINE;
        }
    }

    /** The next size to probe, or 0 when the search is over. */
    private int pickCandidate() {
        int low = plpmtuBytes;
        int high = failedBytes; // exclusive
        if (high > ceilingBytes) {
            return low < ceilingBytes ? ceilingBytes : 0;
        }
        for (int size : COMMON_SIZES_BYTES) {
            if (size > low && size < high) {
                return size;
            }
        }
        if (high - low <= SEARCH_RESOLUTION_BYTES) {
            return 0;
        }
        return low + (high - low) / 2;
    }

    @Override
    public String toString() {
        return "PathMtuDiscovery{plpmtu=" + plpmtuBytes + ", ceiling=" + ceilingBytes
                + (searching ? ", probing " + candidateBytes + " (" + candidateLosses + " lost)" : ", idle")
                + ", failed>=" + failedBytes + '}';
    }
}
