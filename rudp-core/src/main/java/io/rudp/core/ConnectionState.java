package io.rudp.core;

/** Where a connection is in its life (docs/PROTOCOL.md §6 has the diagram). */
public enum ConnectionState {
    /** Client only: the handshake is in progress. */
    CONNECTING,
    /** Data flows both ways (either side may already have finished sending). */
    ESTABLISHED,
    /** Both directions finished and were acknowledged; late packets are still acknowledged for a while. */
    LINGERING,
    /** This side sent CLOSE (abort or error) and repeats it to late packets for a while. */
    CLOSING,
    /** The peer sent CLOSE; this side stays silent for a while so late packets are absorbed. */
    DRAINING,
    /** Gone: the endpoint no longer knows the connection's id. */
    CLOSED;

    /** True once the connection can no longer carry new data (any state after ESTABLISHED). */
    public boolean isTerminating() {
        return ordinal() > ESTABLISHED.ordinal();
    }
}
