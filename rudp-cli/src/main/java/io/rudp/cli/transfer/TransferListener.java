package io.rudp.cli.transfer;

import java.net.InetSocketAddress;

/**
 * Follows one file transfer. {@link #started} is called once the receiver accepted the file,
 * {@link #progressed} as bytes go through, and {@link #finished} always after {@code started},
 * whether the transfer completed or failed. Called on the transferring thread.
 */
public interface TransferListener {

    /** A listener that does nothing. */
    TransferListener NONE = new TransferListener() { };

    /** The transfer of {@code fileName} ({@code sizeBytes}) with {@code peer} begins. */
    default void started(String fileName, long sizeBytes, InetSocketAddress peer) {
    }

    /** {@code bytesDone} of the file's bytes were sent (or received and written) so far. */
    default void progressed(long bytesDone) {
    }

    /** The transfer ended: {@code completed} if the file arrived intact. */
    default void finished(boolean completed) {
    }
}
