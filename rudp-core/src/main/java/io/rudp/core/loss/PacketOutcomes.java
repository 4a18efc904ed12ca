package io.rudp.core.loss;

import java.util.ArrayList;

/**
 * The packets one acknowledgement or loss-detection timeout newly acknowledged and declared lost
 * (RFC 9002 A.7, A.10): collected while the {@code LossDetector} updates its state, read when its
 * listener is told, then given back to the record pool, so sending allocates nothing. An open
 * batch refuses a second one: a listener must not call the detector back while being told.
 * Not thread-safe.
 */
final class PacketOutcomes {

    private final SentPacketPool pool;
    private final ArrayList<SentPacket> acked = new ArrayList<>();
    private final ArrayList<SentPacket> lost = new ArrayList<>();
    private boolean open;

    PacketOutcomes(SentPacketPool pool) {
        this.pool = pool;
    }

    /**
     * Opens a batch.
     *
     * @throws IllegalStateException if a batch is open: a listener re-entered the detector
     */
    void open() {
        if (open) {
            throw new IllegalStateException("a Listener must not re-enter the loss detector");
        }
        open = true;
    }

    /** Closes the batch: the listener has been told, the records go back to the pool. */
    void close() {
        for (int i = 0; i < acked.size(); i++) {
            pool.release(acked.get(i));
        }
        for (int i = 0; i < lost.size(); i++) {
            pool.release(lost.get(i));
        }
        acked.clear();
        lost.clear();
        open = false;
    }

    /** The newly acknowledged packets, in ascending packet number order; filled by the window. */
    ArrayList<SentPacket> acked() {
        return acked;
    }

    /** The packets declared lost, in sending order. */
    ArrayList<SentPacket> lost() {
        return lost;
    }

    /** RFC 9002 A.7 IncludesAckEliciting: whether a newly acknowledged packet is ack-eliciting. */
    boolean ackedIncludesAckEliciting() {
        for (int i = 0; i < acked.size(); i++) {
            if (acked.get(i).ackEliciting) {
                return true;
            }
        }
        return false;
    }

    /** Gives back list storage grown by a large batch, unless one is open. */
    void trimToSize() {
        if (!open) {
            acked.trimToSize();
            lost.trimToSize();
        }
    }
}
