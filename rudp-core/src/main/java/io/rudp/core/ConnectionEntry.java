package io.rudp.core;

import java.util.function.Consumer;

/**
 * The endpoint's bookkeeping for one connection: its id, its place in the endpoint's timer heap,
 * and whether it waits in the send queue. The connection knows it only as the
 * {@link ConnectionActivity} it reports changes to, which this hands on to the endpoint.
 */
final class ConnectionEntry implements ConnectionActivity {

    private final long id;
    private final DeadlineHeap.Slot<ConnectionEntry> timerSlot;
    private final Consumer<ConnectionEntry> onActivity;
    private Connection connection;
    private boolean queuedToSend;

    /**
     * @param id the connection's local id (it also orders equal deadlines in the timer heap)
     * @param onActivity what the endpoint does when the connection reports a change
     */
    ConnectionEntry(long id, Consumer<ConnectionEntry> onActivity) {
        this.id = id;
        this.timerSlot = new DeadlineHeap.Slot<>(this, id);
        this.onActivity = onActivity;
    }

    /** Binds the connection made with this entry as its activity sink; once. */
    void bind(Connection made) {
        if (connection != null) {
            throw new IllegalStateException("entry " + Long.toHexString(id) + " is bound already");
        }
        this.connection = made;
    }

    long id() { return id; }

    Connection connection() { return connection; }

    DeadlineHeap.Slot<ConnectionEntry> timerSlot() { return timerSlot; }

    /** Marks the entry as in the send queue; false if it was already (do not add it twice). */
    boolean markQueuedToSend() {
        if (queuedToSend) {
            return false;
        }
        queuedToSend = true;
        return true;
    }

    /** The entry left the send queue. */
    void onDequeued() {
        queuedToSend = false;
    }

    @Override
    public void onActivity() {
        onActivity.accept(this);
    }
}
